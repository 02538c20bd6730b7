// A local returned by value is built by clang directly in the caller's result slot (the `sret`
// parameter: NRVO), so `&b` in the callee is the caller's `r`. When b's address is kept
// elsewhere too, b must be an object of its own, copied into the result slot on return:
// otherwise writes to r show through the saved pointer, and r's slot (here: reused by the next
// call) is what the saved pointer sees.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
// RUN: %escc report %s 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: %escc ir %s | %opt -passes=verify -disable-output
#include <stdio.h>

struct Big {
  long a[8];
};

static struct Big *saved;

__attribute__((noinline)) static struct Big make(long value) {
  struct Big b = {{value}};
  saved = &b;
  return b;
}
// REPORT: sret-local.c:[[@LINE-4]]:{{[0-9]+}}: moved to heap: b

// Returned by value but never kept: stays in the caller's slot.
__attribute__((noinline)) static struct Big plain(long value) {
  struct Big c = {{value}};
  return c;
}
// REPORT-NOT: moved to heap: c

int main(void) {
  struct Big r = make(1);
  r.a[0] = 99;
  long seen = saved->a[0];
  struct Big s = plain(5);
  printf("r %ld saved %ld s %ld\n", r.a[0], seen, s.a[0]);
  // CHECK: r 99 saved 1 s 5
  return 0;
}
