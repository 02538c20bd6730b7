/* dangling.h — helpers for the end-to-end tests: make reading through a dangling pointer give a
 * known wrong answer, and collect at the worst moment.
 *
 * Invariant: at -O0 without the pass, clobber_stack's frame covers the frame of any function
 * main called just before it, so every local left there reads as bytes 0x5a (1515870810 as an
 * int, 6510615555426900570 as a long, "ZZZZ" as chars) — as long as main reads it before its
 * next call. */
#ifndef ESCC_TEST_DANGLING_H
#define ESCC_TEST_DANGLING_H

#include <stddef.h>

/* escrt's full collection, when escrt is linked in (weak: the build without the pass has none).
 * Under ESC_GC_STRESS=1 every allocation collects as well. */
__attribute__((weak)) void esc_collect(void);

/* What clobber_stack runs from inside its frame, if not NULL. A global, not a parameter: at -O0
 * a parameter is spilled to the top of the frame, which must be all junk. */
static void (*while_clobbered)(void);

/* Overwrites the stack where the previous call's frame was (same call depth), then collects and
 * runs while_clobbered from inside its own frame, whose calls therefore leave the overwritten
 * area alone. */
__attribute__((noinline)) static void clobber_stack(void) {
  volatile unsigned char junk[1024]; /* the first local: it starts at the top of the frame */
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = 0x5a;
  if (esc_collect)
    esc_collect();
  if (while_clobbered)
    while_clobbered();
}

#endif /* ESCC_TEST_DANGLING_H */
