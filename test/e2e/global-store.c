// A function stores the address of its local in a global. With the pass the object outlives
// the frame and stays reachable from the global (a root) through collections.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: %cc_escrt -O0 %s -o %t.without
// RUN: %t.without | FileCheck %s --check-prefix=WITHOUT
#include "Inputs/dangling.h"
#include <stdio.h>

struct point {
  long x, y;
};

struct point *last_point;

__attribute__((noinline)) static void remember(long x, long y) {
  struct point p = {x, y};
  last_point = &p;
}

int main(void) {
  remember(3, 4);
  clobber_stack();
  printf("point %ld %ld\n", last_point->x, last_point->y);
  // CHECK: point 3 4
  // WITHOUT: point 6510615555426900570 6510615555426900570
  return 0;
}
