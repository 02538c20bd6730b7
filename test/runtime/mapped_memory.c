// Anonymous memory the program maps itself (a custom arena) is a root: private and shared
// mappings, a mapping moved by mremap, and what is left of one after part of it was unmapped or
// made inaccessible with mprotect (the collection must not read those parts). Each holds the
// only reference to a collectable object while memory is reused; none was scanned before.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 %t.so | FileCheck %s
// CHECK: private mapping: kept
// CHECK: shared mapping: kept
// CHECK: moved by mremap: kept
// CHECK: partly unmapped and protected: kept
// CHECK-NOT: FAIL
#define _GNU_SOURCE
#include "Inputs/churn.h"

#include <sys/mman.h>

#define ARENA (1 << 20)

static void *map(int flags) {
  void *arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
  if (arena == MAP_FAILED) {
    printf("FAIL: mmap\n");
    exit(1);
  }
  return arena;
}

/* Stores a fresh object at SLOT of ARENA and returns its hidden address. */
__attribute__((noinline)) static uintptr_t store(void **arena, size_t slot, unsigned seed) {
  unsigned char *object = esc_alloc(56, 0);
  fill(object, 56, seed);
  arena[slot] = object;
  return hide(object);
}

static void kept(const char *what, void **arena, size_t slot, uintptr_t hidden, unsigned seed) {
  clobber_stack();
  churn(what, hidden, 56, 300);
  check(what, arena[slot], 56, seed);
  printf("%s: kept\n", what);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); /* no malloc'ed buffer next to the objects */
  void **private_arena = map(MAP_PRIVATE);
  kept("private mapping", private_arena, 12345, store(private_arena, 12345, 111), 111);
  void **shared_arena = map(MAP_SHARED);
  kept("shared mapping", shared_arena, 777, store(shared_arena, 777, 121), 121);
  uintptr_t hidden = store(private_arena, 1000, 131);
  void *blocker = mmap((char *)private_arena + ARENA, 4096, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  void **moved = mremap(private_arena, ARENA, 4 * ARENA, MREMAP_MAYMOVE);
  if (moved == MAP_FAILED || (blocker != MAP_FAILED && moved == private_arena))
    return printf("FAIL: mremap did not move\n"), 1;
  kept("moved by mremap", moved, 1000, hidden, 131);
  hidden = store(moved, 3 * ARENA / sizeof(void *) + 5, 141);
  munmap(moved, ARENA);
  mprotect((char *)moved + ARENA, ARENA, PROT_NONE);
  kept("partly unmapped and protected", moved, 3 * ARENA / sizeof(void *) + 5, hidden, 141);
  return 0;
}
