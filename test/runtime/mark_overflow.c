// A tiny mark stack (ESC_GC_MARK_STACK=4 entries) overflows on a wide tree and a long list; the
// rescan of marked objects still finds every live node.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_MARK_STACK=4 ESC_GC_STRESS=997 %t | FileCheck %s
// CHECK: tree 4095 nodes ok
// CHECK: list 20000 nodes ok
#include "Inputs/churn.h"

struct node {
  struct node *left, *right;
  long value;
};

struct node *volatile tree, *volatile list;

static struct node *build(int depth, long *next) {
  struct node *n = esc_alloc(sizeof *n, 0);
  n->value = (*next)++;
  if (depth > 1) {
    n->left = build(depth - 1, next);
    n->right = build(depth - 1, next);
  }
  return n;
}

static long count(struct node *n, long *sum) {
  if (!n)
    return 0;
  *sum += n->value;
  return 1 + count(n->left, sum) + count(n->right, sum);
}

int main(void) {
  long next = 0;
  tree = build(12, &next);
  for (int i = 0; i < 20000; i++) {
    struct node *n = esc_alloc(sizeof *n, 0);
    n->value = i;
    n->right = list;
    list = n;
  }
  churn("overflow", 0, sizeof(struct node), 5000);
  esc_collect();
  churn("overflow", 0, sizeof(struct node), 5000);
  long sum = 0, nodes = count(tree, &sum);
  printf("tree %ld nodes %s\n", nodes, sum == 4095L * 4094 / 2 ? "ok" : "FAIL");
  sum = 0;
  nodes = count(list, &sum);
  printf("list %ld nodes %s\n", nodes, sum == 20000L * 19999 / 2 ? "ok" : "FAIL");
  return 0;
}
