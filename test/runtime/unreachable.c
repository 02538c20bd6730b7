// Unreachable objects are freed: esc_stats' live count drops back by (nearly) all of them.
// RUN: %cc_escrt -O1 %s %escrt -o %t && %t | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: freed 1000 of 1000 (up to 2 conservatively kept): yes
#include "Inputs/churn.h"

__attribute__((noinline)) static void make_garbage(void) {
  for (int i = 0; i < 1000; i++) {
    esc_alloc(64, 0);
  }
}

int main(void) {
  uint64_t before = live_objects();
  make_garbage();
  clobber_stack();
  esc_collect();
  struct esc_stats stats;
  esc_stats(&stats);
  uint64_t freed = before + 1000 - stats.live_objects;
  printf("freed 1000 of 1000 (up to 2 conservatively kept): %s\n", freed >= 998 ? "yes" : "no");
  return 0;
}
