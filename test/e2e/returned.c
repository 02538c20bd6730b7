// A function returns the address of its local. With the pass the local lives on the collected
// heap and survives its frame and a collection; without it the pointer dangles into a frame
// that the next call overwrites.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: %cc_escrt -O0 %s -o %t.without
// RUN: %t.without | FileCheck %s --check-prefix=WITHOUT
#include "Inputs/dangling.h"
#include <stdio.h>

__attribute__((noinline)) static int *getNum(void) {
  int number = 42;
  return &number;
}

int main(void) {
  int *first = getNum();
  clobber_stack();
  int first_value = *first;
  int *second = getNum();
  printf("number %d %d distinct %d\n", first_value, *second, first != second);
  // CHECK: number 42 42 distinct 1
  // WITHOUT: number 1515870810 42 distinct 0
  return 0;
}
