// esc_alloc_atomic: a pointer-free object is collected like any other, but its contents are never
// scanned, so addresses stored in it keep nothing alive; a reachable one survives intact. Small
// (cached slots) and large (a run of blocks) objects alike.
// RUN: %cc_escrt -O1 %s %escrt -o %t && %t | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: small: children freed 1000 of 1000 (up to 2 conservatively kept): yes
// CHECK: large: children freed 1000 of 1000 (up to 2 conservatively kept): yes
// CHECK: atomic objects survive: yes
// CHECK: unreachable atomic objects freed: yes
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

enum { children = 1000 };

void **small_holders[children / 10];
void **large_holder;

/* 100 small atomic objects of 10 words each, every word the only address of a fresh object. */
__attribute__((noinline)) static void make_small_holders(void) {
  for (int i = 0; i < children / 10; i++) {
    small_holders[i] = esc_alloc_atomic(10 * sizeof(void *), 0);
    for (int j = 0; j < 10; j++)
      small_holders[i][j] = esc_alloc(64, 0);
  }
}

/* One large atomic object of 1000 words, the same way. */
__attribute__((noinline)) static void make_large_holder(void) {
  large_holder = esc_alloc_atomic(children * sizeof(void *), 0);
  for (int j = 0; j < children; j++)
    large_holder[j] = esc_alloc(64, 0);
}

__attribute__((noinline)) static void make_unreachable_atomic(void) {
  for (int i = 0; i < 1000; i++)
    fill(esc_alloc_atomic(48, 0), 48, 9);
}

/* Runs MAKE, which leaves HOLDERS objects reachable from globals and 1000 children reachable only
 * through them, and says whether a collection freed (nearly) all the children. */
static const char *children_freed(void (*make)(void), uint64_t holders) {
  esc_collect();
  uint64_t before = live_objects();
  make();
  clobber_stack();
  esc_collect();
  return live_objects() <= before + holders + 2 ? "yes" : "no";
}

int main(void) {
  printf("small: children freed 1000 of 1000 (up to 2 conservatively kept): %s\n",
         children_freed(make_small_holders, children / 10));
  printf("large: children freed 1000 of 1000 (up to 2 conservatively kept): %s\n",
         children_freed(make_large_holder, 1));
  for (int i = 0; i < children / 10; i++)
    fill(small_holders[i], 10 * sizeof(void *), (unsigned)i);
  fill(large_holder, children * sizeof(void *), 77);
  for (int round = 0; round < 20; round++)
    churn("atomic holder", hide(large_holder), 64, 200);
  for (int i = 0; i < children / 10; i++)
    check("small atomic holder", small_holders[i], 10 * sizeof(void *), (unsigned)i);
  check("large atomic holder", large_holder, children * sizeof(void *), 77);
  printf("atomic objects survive: yes\n");

  esc_collect();
  uint64_t with_holders = live_objects();
  make_unreachable_atomic();
  clobber_stack();
  esc_collect();
  printf("unreachable atomic objects freed: %s\n",
         live_objects() <= with_holders + 2 ? "yes" : "no");
  return 0;
}
