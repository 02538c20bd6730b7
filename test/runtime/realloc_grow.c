// realloc grows a large malloc block in place when the blocks after it are free (no copy: the
// address stays), keeps its contents, and the grown part is scanned as a root like the rest: an
// object referenced only from there survives.
// UNSUPPORTED: sanitized
// (ASan owns malloc and realloc in the sanitized build: escrt's realloc is not in use there.)
// RUN: %cc_escrt -O1 %s %escrt -o %t && %t | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: grown in place 6 of 6 times
// CHECK: contents kept
// CHECK: grown part scanned
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <string.h>

int main(void) {
  size_t size = 64 << 10;
  char *block = malloc(size);
  fill(block, size, 3);
  int in_place = 0;
  for (int step = 0; step < 6; step++) {
    char *grown = realloc(block, size * 2);
    if (!grown) {
      printf("FAIL: realloc returned NULL\n");
      return 1;
    }
    in_place += grown == block;
    block = grown;
    fill(block + size, size, (unsigned)step);
    size *= 2;
  }
  printf("grown in place %d of 6 times\n", in_place);
  check("first part", block, 64 << 10, 3);
  check("last part", block + size / 2, size / 2, 5);
  printf("contents kept\n");

  void **slot = (void **)(block + size - sizeof(void *));
  *slot = esc_alloc(64, 0);
  fill(*slot, 64, 11);
  uintptr_t hidden = hide(*slot);
  for (int round = 0; round < 10; round++)
    churn("object in the grown part", hidden, 64, 500);
  check("object in the grown part", unhide(hidden), 64, 11);
  printf("grown part scanned\n");
  free(block);
  return 0;
}
