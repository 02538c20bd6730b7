// An object whose only reference sits in a block that realloc moved (through small classes into
// a large block) survives.
// UNSUPPORTED: sanitized
// (ASan owns malloc and realloc in the sanitized build: malloc'ed memory is not a root there.)
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: realloc ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

uintptr_t hidden_block;

__attribute__((noinline)) static void make(void) {
  void **block = malloc(2 * sizeof(void *));
  block[1] = esc_alloc(80, 0);
  fill(block[1], 80, 9);
  for (size_t size = 64; size <= 256 * 1024; size *= 4) {
    block = realloc(block, size);
    esc_alloc(80, 0); /* a collection between two reallocs (stress mode) */
  }
  hidden_block = hide(block);
}

int main(void) {
  make();
  void **block = unhide(hidden_block);
  churn("realloc", hide(block[1]), 80, 2000);
  check("realloc", block[1], 80, 9);
  printf("realloc ok\n");
  free(block);
  return 0;
}
