// A function hands the address of its local back through an out-parameter (memory the caller
// owns). With the pass the object survives the callee's frame and collections.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: %cc_escrt -O0 %s -o %t.without
// RUN: %t.without | FileCheck %s --check-prefix=WITHOUT
#include "Inputs/dangling.h"
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) static void make_greeting(char **out) {
  char greeting[16];
  strcpy(greeting, "hello");
  *out = greeting;
}

int main(void) {
  char *greeting;
  make_greeting(&greeting);
  clobber_stack();
  char copy[6]; // no call (not even memset) before the read: its frame would land on it
  for (int i = 0; i < 5; i++)
    copy[i] = greeting[i];
  copy[5] = 0;
  printf("greeting %s\n", copy);
  // CHECK: greeting hello
  // WITHOUT: greeting ZZZZZ
  return 0;
}
