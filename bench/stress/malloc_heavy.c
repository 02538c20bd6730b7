/* malloc_heavy.c — what one ESC_GC_STRESS collection costs next to MIB MiB of malloc'ed data
 * shaped like an interpreter's: 64-byte nodes linked to other malloc'ed nodes, with text, and a
 * collectable object hanging off one node in 1024 (one page in 64 holds a reference). Each step
 * allocates one collectable object (under ESC_GC_STRESS=1: one collection) and rewrites one node
 * picked at random, as a running program touches a little of its data between allocations.
 * Prints the collections and the mean pause per collection from esc_stats.
 *
 *   malloc_heavy MIB [STEPS]      (STEPS defaults to 500) */
#include "escrt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node {
  struct node *next;
  void *object; /* a collectable object, in one node of 1024 */
  char text[48];
};

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: malloc_heavy MIB [STEPS]\n");
    return 2;
  }
  size_t count = (size_t)atol(argv[1]) * 1024 * 1024 / sizeof(struct node);
  long steps = argc > 2 ? atol(argv[2]) : 500;
  struct node **nodes = malloc(count * sizeof *nodes);
  for (size_t i = 0; i < count; i++) {
    nodes[i] = malloc(sizeof(struct node));
    nodes[i]->next = i ? nodes[i - 1] : NULL;
    nodes[i]->object = i % 1024 == 0 ? esc_alloc(32, 0) : NULL;
    snprintf(nodes[i]->text, sizeof nodes[i]->text, "node %zu", i);
  }
  struct esc_stats before, after;
  esc_stats(&before);
  uint64_t seed = 88172645463325252u;
  for (long step = 0; step < steps; step++) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    struct node *n = nodes[seed % count];
    snprintf(n->text, sizeof n->text, "step %ld", step);
    esc_alloc(32, 0);
  }
  esc_stats(&after);
  uint64_t collections = after.collections - before.collections;
  printf("%s MiB: %llu collections, %.1f us per collection\n", argv[1],
         (unsigned long long)collections,
         collections ? (double)(after.pause_total_ns - before.pause_total_ns) / collections / 1e3
                     : 0.0);
  return 0;
}
