// A GEP whose index is the distance to another variable points into that variable:
// `buf + (&other - buf)` is &other, so a store through it writes other, not buf, and what it
// stores (&target) escapes with other's contents. (Comparing pointers to different objects is
// undefined in C, so LLVM's optimisers may break this program by themselves: it is built
// without optimisation after the rewrite.)
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run -O0 %s | FileCheck %s
// RUN: %escc report %s 2>&1 | FileCheck %s --check-prefix=REPORT
#include "Inputs/dangling.h"
#include <stdio.h>

static int *kept;

__attribute__((noinline)) static void keep_by_index(void) {
  int target = 44;
  int *other = 0;
  int *buf[2] = {0, 0};
  int **p = buf + (&other - buf); /* &other, reached from buf */
  *p = &target;                   /* writes other */
  kept = other;
}
// REPORT: address-in-gep-index.c:[[@LINE-7]]:7: moved to heap: target

int main(void) {
  keep_by_index();
  clobber_stack();
  printf("kept %d\n", *kept);
  // CHECK: kept 44
  return 0;
}
