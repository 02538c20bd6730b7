// A struct passed by value lives in the caller's argument area (a `byval` parameter, no alloca
// in the callee). When its address escapes, the callee copies it into a promoted object at
// entry and uses that (Go: "moved to heap: b"), so the next by-value call cannot overwrite it.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
// RUN: %escc report %s 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: %escc ir %s | %opt -passes=verify -disable-output
#include "Inputs/dangling.h"
#include <stdio.h>

struct Big {
  long a[8];
};

__attribute__((noinline)) static long *pick(struct Big b) { return &b.a[1]; }
// REPORT: byval-parameter.c:[[@LINE-1]]:{{[0-9]+}}: moved to heap: b

// Only reads its copy: stays in the argument area.
__attribute__((noinline)) static long sum(struct Big b) {
  long total = 0;
  for (int i = 0; i < 8; i++)
    total += b.a[i];
  return total;
}
// REPORT-NOT: moved to heap: b

int main(void) {
  struct Big first = {{1, 2, 3, 4, 5, 6, 7, 8}};
  struct Big second = {{10, 20, 30, 40, 50, 60, 70, 80}};
  long *one = pick(first);
  long *two = pick(second);
  clobber_stack();
  printf("picked %ld %ld sum %ld\n", *one, *two, sum(first));
  // CHECK: picked 2 20 sum 36
  return 0;
}
