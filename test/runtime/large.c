// Large objects (multi-block runs, up to 8 MiB, and an over-aligned one) survive while reachable,
// are freed when not, and big freed runs go back to the OS.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: large kept ok
// CHECK: aligned ok
// CHECK: large freed ok
// CHECK: released ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

static const size_t sizes[] = {3000, 4096, 5000, 65536, 1 << 20, 8 << 20};
#define COUNT (sizeof sizes / sizeof sizes[0])
char *volatile kept[COUNT];

__attribute__((noinline)) static void make_garbage(void) {
  for (unsigned i = 0; i < COUNT; i++)
    esc_alloc(sizes[i], 0);
}

int main(void) {
  for (unsigned i = 0; i < COUNT; i++) {
    kept[i] = esc_alloc(sizes[i], 0);
    fill(kept[i], sizes[i], i);
  }
  for (unsigned i = 0; i < COUNT; i++)
    churn("large", hide(kept[i]), sizes[i], 4);
  for (unsigned i = 0; i < COUNT; i++)
    check("large", kept[i], sizes[i], i);
  printf("large kept ok\n");
  char *aligned = esc_alloc(10000, 65536);
  if ((uintptr_t)aligned % 65536 != 0)
    printf("FAIL: misaligned %p\n", (void *)aligned);
  printf("aligned ok\n");
  uint64_t before = live_objects();
  make_garbage();
  clobber_stack();
  esc_collect();
  uint64_t after = live_objects();
  if (after > before)
    printf("FAIL: %llu large objects not freed\n", (unsigned long long)(after - before));
  printf("large freed ok\n");
  struct esc_stats stats;
  esc_stats(&stats);
  if (stats.released_bytes < (8u << 20))
    printf("FAIL: only %llu bytes released\n", (unsigned long long)stats.released_bytes);
  printf("released ok\n");
  return 0;
}
