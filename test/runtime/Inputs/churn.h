/* churn.h — helpers shared by the escrt lit tests: fill an object with a pattern, check it,
 * allocate (and drop) many objects of the same size, failing if one of them reuses the memory of
 * an object that must still be alive, and clear stale stack. Every helper prints a FAIL line and
 * exits 1 on error. */
#ifndef ESCRT_TEST_CHURN_H
#define ESCRT_TEST_CHURN_H

#include "escrt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline void fill(void *p, size_t size, unsigned seed) {
  unsigned char *bytes = p;
  for (size_t i = 0; i < size; i++)
    bytes[i] = (unsigned char)(seed + i * 7);
}

static inline void check(const char *what, const void *p, size_t size, unsigned seed) {
  const unsigned char *bytes = p;
  for (size_t i = 0; i < size; i++) {
    if (bytes[i] != (unsigned char)(seed + i * 7)) {
      printf("FAIL: %s: byte %zu changed\n", what, i);
      exit(1);
    }
  }
}

/* Addresses the tests must not hold on to are kept XOR-ed with this mask; volatile, so that the
 * compiler cannot keep the plain address in a register across a collection. */
static volatile uintptr_t hide_mask = ~(uintptr_t)0;
static inline uintptr_t hide(const void *p) { return (uintptr_t)p ^ hide_mask; }
static inline void *unhide(uintptr_t hidden) { return (void *)(hidden ^ hide_mask); }

/* Allocates COUNT objects of SIZE bytes, each filled with garbage and dropped at once; none may
 * overlap the object at HIDDEN (see hide), which is not itself kept alive by this function. */
__attribute__((noinline, unused)) static void churn(const char *what, uintptr_t hidden, size_t size,
                                                    int count) {
  for (int i = 0; i < count; i++) {
    unsigned char *p = esc_alloc(size, 0);
    uintptr_t keep = (uintptr_t)unhide(hidden);
    if ((uintptr_t)p < keep + size && (uintptr_t)p + size > keep) {
      printf("FAIL: %s: live object reused\n", what);
      exit(1);
    }
    for (size_t j = 0; j < size; j++)
      p[j] = 0xAB;
  }
}

/* Overwrites 4 KiB of the stack below the caller, so that addresses earlier calls left there do
 * not keep objects alive. */
__attribute__((noinline, unused)) static void clobber_stack(void) {
  volatile char junk[4096];
  for (int i = 0; i < 4096; i++)
    junk[i] = 0;
  (void)junk[0];
}

static inline uint64_t live_objects(void) {
  struct esc_stats stats;
  esc_stats(&stats);
  return stats.live_objects;
}

#endif
