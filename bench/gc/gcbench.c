/* gcbench.c — GCBench as in Hans Boehm's C version (after John Ellis and Pete Kovac's Java
 * benchmark), written here from its description: the same phases, sizes and allocation calls.
 *
 *   1. stretch the heap with a binary tree of depth 18, then drop it;
 *   2. build a long-lived tree of depth 16 top-down, and a long-lived array of 500,000 doubles
 *      from the pointer-free allocator (GC_MALLOC_ATOMIC), half of it filled;
 *   3. for depths 4, 6, ..., 16: build 2 × (nodes of the depth-18 tree) / (nodes of one tree)
 *      short-lived trees top-down (Populate: the node exists, its children are then attached)
 *      and as many bottom-up (MakeTree: children first, the parent takes them), each dropped;
 *   4. check that the long-lived tree and array survived.
 *
 * Built three ways: -DVARIANT_ESCRT (esc_alloc, esc_alloc_atomic for the array),
 * -DVARIANT_BOEHM (GC_MALLOC, GC_MALLOC_ATOMIC; libgc in its default configuration) and
 * -DVARIANT_MALLOC (calloc/malloc, and every dropped tree freed node by node, as Boehm's
 * explicit-free build does). Prints each phase's time in ms, like the original. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if defined(VARIANT_ESCRT)
#include "escrt.h"
#define ALLOC(size) esc_alloc((size), 0)
#define ALLOC_ZEROED(size) esc_alloc((size), 0)
#define ALLOC_ATOMIC(size) esc_alloc_atomic((size), 0)
#define DROP_TREE(tree) ((void)(tree))
#define VARIANT "escrt"
#elif defined(VARIANT_BOEHM)
#include <gc.h>
#define ALLOC(size) GC_MALLOC(size)
#define ALLOC_ZEROED(size) GC_MALLOC(size)
#define ALLOC_ATOMIC(size) GC_MALLOC_ATOMIC(size)
#define DROP_TREE(tree) ((void)(tree))
#define VARIANT "boehm"
#elif defined(VARIANT_MALLOC)
#define ALLOC(size) malloc(size)
#define ALLOC_ZEROED(size) calloc(1, (size))
#define ALLOC_ATOMIC(size) malloc(size)
#define DROP_TREE(tree) destroy_tree(tree)
#define VARIANT "malloc"
#else
#error "define VARIANT_ESCRT, VARIANT_BOEHM or VARIANT_MALLOC"
#endif

enum {
  stretch_tree_depth = 18,
  long_lived_tree_depth = 16,
  array_size = 500000,
  min_tree_depth = 4,
  max_tree_depth = 16
};

typedef struct node {
  struct node *left, *right;
  int i, j;
} node;

/* The long-lived data, in globals the compiler must keep: main's final check alone would not
 * keep it alive, since a node that came through checked() is known not to be NULL. */
static node *volatile long_lived;
static double *volatile array;

static void *checked(void *p) {
  if (!p) {
    fputs("gcbench: out of memory\n", stderr);
    exit(1);
  }
  return p;
}

/* A node whose fields are all zero (the collectors and calloc zero it). */
static node *new_leaf(void) { return checked(ALLOC_ZEROED(sizeof(node))); }

/* A node that takes LEFT and RIGHT (malloc's memory is not zeroed: both links are set). */
static node *new_node(node *left, node *right) {
  node *n = checked(ALLOC(sizeof(node)));
  n->left = left;
  n->right = right;
  return n;
}

__attribute__((unused)) static void destroy_tree(node *n) {
  if (n->left)
    destroy_tree(n->left);
  if (n->right)
    destroy_tree(n->right);
  free(n);
}

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Nodes in a complete binary tree of DEPTH. */
static int tree_size(int depth) { return (1 << (depth + 1)) - 1; }

/* How many trees of DEPTH allocate as many nodes as two stretch trees. */
static int iterations(int depth) { return 2 * tree_size(stretch_tree_depth) / tree_size(depth); }

/* Top-down: N exists before its children are attached to it. */
static void populate(int depth, node *n) {
  if (depth <= 0)
    return;
  depth--;
  n->left = new_leaf();
  n->right = new_leaf();
  populate(depth, n->left);
  populate(depth, n->right);
}

/* Bottom-up: the children exist before their parent. */
static node *make_tree(int depth) {
  if (depth <= 0)
    return new_leaf();
  node *left = make_tree(depth - 1);
  node *right = make_tree(depth - 1);
  return new_node(left, right);
}

static void time_construction(int depth) {
  int count = iterations(depth);
  printf("Creating %d trees of depth %d\n", count, depth);
  long start = now_ms();
  for (int i = 0; i < count; i++) {
    node *tree = new_leaf();
    populate(depth, tree);
    DROP_TREE(tree);
  }
  printf("\tTop down construction took %ld msec\n", now_ms() - start);
  start = now_ms();
  for (int i = 0; i < count; i++) {
    node *tree = make_tree(depth);
    DROP_TREE(tree);
  }
  printf("\tBottom up construction took %ld msec\n", now_ms() - start);
}

int main(void) {
#ifdef VARIANT_BOEHM
  GC_INIT();
#endif
  printf("Garbage Collector Test (%s)\n", VARIANT);
  printf(" Live storage will peak at %zu bytes.\n\n",
         2 * sizeof(node) * (size_t)tree_size(long_lived_tree_depth) + sizeof(double) * array_size);
  long start = now_ms();

  printf(" Stretching memory with a binary tree of depth %d\n", stretch_tree_depth);
  node *stretch = make_tree(stretch_tree_depth);
  DROP_TREE(stretch);

  printf(" Creating a long-lived binary tree of depth %d\n", long_lived_tree_depth);
  long_lived = new_leaf();
  populate(long_lived_tree_depth, long_lived);

  printf(" Creating a long-lived array of %d doubles\n", array_size);
  array = checked(ALLOC_ATOMIC(sizeof(double) * array_size));
  for (int i = 0; i < array_size / 2; i++)
    array[i] = 1.0 / i;

  for (int depth = min_tree_depth; depth <= max_tree_depth; depth += 2)
    time_construction(depth);

  if (!long_lived->left || array[1000] != 1.0 / 1000) {
    fputs("gcbench: long-lived data lost\n", stderr);
    return 1;
  }
  printf("Completed in %ld msec\n", now_ms() - start);
  return 0;
}
