// Only an interior pointer (into a small and into a large object) keeps the object alive.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: interior small ok
// CHECK: interior large ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

char *volatile small_inside, *volatile large_inside;

__attribute__((noinline)) static void make(void) {
  char *small = esc_alloc(96, 0);
  fill(small, 96, 1);
  small_inside = small + 57;
  char *large = esc_alloc(20000, 0);
  fill(large, 20000, 2);
  large_inside = large + 12345; /* in the object's fourth block */
}

int main(void) {
  make();
  churn("interior small", hide(small_inside - 57), 96, 2000);
  check("interior small", small_inside - 57, 96, 1);
  printf("interior small ok\n");
  churn("interior large", hide(large_inside - 12345), 20000, 50);
  check("interior large", large_inside - 12345, 20000, 2);
  printf("interior large ok\n");
  return 0;
}
