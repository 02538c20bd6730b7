// A pinned object survives without any reference and is scanned: an object referenced only from
// it survives too. ESC_GC_STATS counts it, with its bytes.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// RUN: env ESC_GC_STATS=1 %t 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// STATS: escrt: {{[0-9]+}} allocations, 1 pinned (64 bytes),
// CHECK: pinned ok
// CHECK: scanned ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

uintptr_t hidden_pinned;

__attribute__((noinline)) static void make(void) {
  void **pinned = esc_alloc_pinned(64, 0);
  pinned[0] = esc_alloc(64, 0);
  fill(pinned[0], 64, 44);
  fill(pinned + 1, 56, 45);
  hidden_pinned = hide(pinned);
}

int main(void) {
  make();
  churn("pinned", hidden_pinned, 64, 2000);
  void **pinned = unhide(hidden_pinned);
  check("pinned", pinned + 1, 56, 45);
  printf("pinned ok\n");
  churn("pinned child", hide(pinned[0]), 64, 2000);
  check("pinned child", pinned[0], 64, 44);
  printf("scanned ok\n");
  return 0;
}
