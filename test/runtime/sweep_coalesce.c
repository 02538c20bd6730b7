// The sweep walks the heap while it frees. Freeing a block that joins a one-block free run on its
// right used to rewrite that run's length (its only block became the merged run's tail), so the
// walk jumped past the live block behind it and left its mark bit set; the next collection took
// that block for already scanned and freed what only it referred to. Found by
// scripts/torture/gc-torture.sh. Layout (one-block large objects on a fresh heap):
//   [child's block] [left run] [middle] [right run] [keeper -> child]
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC=off %t | FileCheck %s
// RUN: %cc_escrt -O0 %s %escrt -o %t0 && env ESC_GC=off %t0 | FileCheck %s
// CHECK: live objects: 2 (the keeper and its child)
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#define LARGE 3000 /* one block: more than a small slot, less than 4 KiB */

struct keeper {
  void *child;
};

/* Not static: the stores that drop them must stay. */
uintptr_t hidden_child;
void *left_run, *middle, *right_run;
struct keeper *keeper;

__attribute__((noinline)) static void build(void) {
  void *child = esc_alloc(64, 0);
  fill(child, 64, 9);
  hidden_child = hide(child);
  left_run = esc_alloc(LARGE, 0);
  middle = esc_alloc(LARGE, 0);
  right_run = esc_alloc(LARGE, 0);
  keeper = esc_alloc(LARGE, 0);
}

__attribute__((noinline)) static void link_child(void) { keeper->child = unhide(hidden_child); }

__attribute__((noinline)) static void collect_three_times(void) {
  left_run = right_run = NULL;
  esc_collect(); /* two one-block free runs around the middle object */
  middle = NULL;
  esc_collect(); /* the middle block joins both runs: the keeper must still be swept */
  esc_collect(); /* so that here it is scanned again and keeps its child */
}

int main(void) {
  build();
  link_child();
  clobber_stack();
  collect_three_times();
  printf("live objects: %llu (the keeper and its child)\n", (unsigned long long)live_objects());
  churn("child", hidden_child, 64, 2000);
  check("child", unhide(hidden_child), 64, 9);
  return 0;
}
