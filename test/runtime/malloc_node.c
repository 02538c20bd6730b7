// An object whose only reference sits in a malloc'ed node survives (escrt's malloc is scanned);
// once the node is freed, the object is collectable.
// UNSUPPORTED: sanitized
// (ASan owns malloc in the sanitized build: malloc'ed memory is not a root there.)
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: malloc node ok
// CHECK: after free: collected
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

struct node {
  void *object;
};
uintptr_t hidden_node; /* the node's address, disguised so it is not a reference itself */

__attribute__((noinline)) static void make(void) {
  struct node *n = malloc(sizeof *n);
  n->object = esc_alloc(48, 0);
  fill(n->object, 48, 5);
  hidden_node = hide(n);
}

__attribute__((noinline)) static void drop(void) {
  struct node *n = unhide(hidden_node);
  n->object = NULL;
}

int main(void) {
  make();
  struct node *n = unhide(hidden_node);
  churn("malloc node", hide(n->object), 48, 2000);
  check("malloc node", n->object, 48, 5);
  printf("malloc node ok\n");
  uint64_t before = live_objects();
  drop();
  esc_collect();
  printf("after free: %s\n", live_objects() < before ? "collected" : "kept");
  return 0;
}
