// An object reachable only from a global survives many collections and allocations of its size.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: global ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

void *volatile only_reference;

__attribute__((noinline)) static void make(void) {
  only_reference = esc_alloc(40, 0);
  fill(only_reference, 40, 3);
}

int main(void) {
  make();
  churn("global", hide(only_reference), 40, 2000);
  check("global", only_reference, 40, 3);
  printf("global ok\n");
  return 0;
}
