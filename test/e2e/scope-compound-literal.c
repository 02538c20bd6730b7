// Compound literals never get lifetime markers: `&(int){i}` in a loop body is one object per
// iteration in C, so the pass takes the literal's scope from its first use's debug location
// and allocates a new object each time the body is entered.
// UNSUPPORTED: sanitized
// (the objects live only in malloc'ed nodes, and ASan's malloc is not a root.)
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
#include "Inputs/list.h"

__attribute__((noinline)) static struct node *collect(int count) {
  struct node *list = NULL;
  for (int i = 0; i < count; i++) {
    list = push(list, &(int){i * 10});
  }
  return list;
}

int main(void) {
  print_list("values", collect(4));
  // CHECK: values 30 20 10 0
  return 0;
}
