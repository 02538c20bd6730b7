/* gcbench.c — Boehm's GCBench shape: a stretch tree, a long-lived tree and a long-lived array
 * of doubles, then many short-lived trees of increasing depth, built top-down (Populate) and
 * bottom-up (MakeTree). Built three ways: -DVARIANT_ESCRT (esc_alloc), -DVARIANT_BOEHM
 * (GC_malloc from -lgc) and -DVARIANT_MALLOC (malloc, and free of each tree when done). */
#include <stdio.h>
#include <stdlib.h>

#if defined(VARIANT_ESCRT)
#include "escrt.h"
#define ALLOC(size) esc_alloc((size), 8)
#define ALLOC_ATOMIC(size) esc_alloc((size), 8)
#define FREE_TREE(tree) ((void)(tree))
#define VARIANT "escrt"
#elif defined(VARIANT_BOEHM)
#include <gc.h>
#define ALLOC(size) GC_MALLOC(size)
#define ALLOC_ATOMIC(size) GC_MALLOC_ATOMIC(size)
#define FREE_TREE(tree) ((void)(tree))
#define VARIANT "boehm"
#elif defined(VARIANT_MALLOC)
#define ALLOC(size) calloc(1, (size))
#define ALLOC_ATOMIC(size) calloc(1, (size))
#define FREE_TREE(tree) free_tree(tree)
#define VARIANT "malloc"
#else
#error "define VARIANT_ESCRT, VARIANT_BOEHM or VARIANT_MALLOC"
#endif

enum { stretch_depth = 18, long_lived_depth = 16, array_size = 500000, min_depth = 4, max_depth = 16 };

typedef struct node {
  struct node *left, *right;
  int i, j;
} node;

static node *new_node(node *left, node *right) {
  node *n = ALLOC(sizeof *n);
  if (!n) {
    fputs("gcbench: out of memory\n", stderr);
    exit(1);
  }
  n->left = left;
  n->right = right;
  return n;
}

__attribute__((unused)) static void free_tree(node *n) {
  if (!n)
    return;
  free_tree(n->left);
  free_tree(n->right);
  free(n);
}

static int tree_size(int depth) { return (1 << (depth + 1)) - 1; }
static int iterations(int depth) { return 2 * tree_size(stretch_depth) / tree_size(depth); }

static void populate(int depth, node *n) {
  if (depth <= 0)
    return;
  depth--;
  n->left = new_node(NULL, NULL);
  n->right = new_node(NULL, NULL);
  populate(depth, n->left);
  populate(depth, n->right);
}

static node *make_tree(int depth) {
  if (depth <= 0)
    return new_node(NULL, NULL);
  return new_node(make_tree(depth - 1), make_tree(depth - 1));
}

static void time_construction(int depth) {
  int count = iterations(depth);
  for (int i = 0; i < count; i++) {
    node *tree = new_node(NULL, NULL);
    populate(depth, tree);
    FREE_TREE(tree);
  }
  for (int i = 0; i < count; i++) {
    node *tree = make_tree(depth);
    FREE_TREE(tree);
  }
}

int main(void) {
#ifdef VARIANT_BOEHM
  GC_INIT();
#endif
  node *stretch = make_tree(stretch_depth);
  FREE_TREE(stretch);
  node *long_lived = new_node(NULL, NULL);
  populate(long_lived_depth, long_lived);
  double *array = ALLOC_ATOMIC(sizeof(double) * array_size);
  for (int i = 0; i < array_size / 2; i++)
    array[i] = 1.0 / i;
  for (int depth = min_depth; depth <= max_depth; depth += 2)
    time_construction(depth);
  if (!long_lived || array[1000] != 1.0 / 1000) {
    fputs("gcbench: long-lived data lost\n", stderr);
    return 1;
  }
  printf("gcbench %s ok\n", VARIANT);
  return 0;
}
