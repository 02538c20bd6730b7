// A signal handler that allocates after interrupting its thread halfway through taking a slot out
// of a thread cache (esc_alloc's, malloc's, malloc's free list) must get another slot: the
// interrupted call is about to return that one. The x86 trap flag interrupts each call below
// after every instruction, and the SIGTRAP handler allocates the same size each time; the slot
// the call returns must be none of the handler's.
// UNSUPPORTED: sanitized
// RUN: %cc_escrt -O1 %s %escrt -o %t && %t | FileCheck %s
// CHECK: esc_alloc: distinct
// CHECK: malloc: distinct
// CHECK: malloc free list: distinct
#define _GNU_SOURCE /* REG_EFL */
#include "escrt.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#define MAX_STEPS 100000

static void *handed[MAX_STEPS];
static volatile int steps, stepping, use_malloc;

static void on_trap(int signal_number, siginfo_t *info, void *opaque) {
  (void)signal_number;
  (void)info;
#if defined(__x86_64__)
  ucontext_t *context = opaque;
  if (!stepping || steps == MAX_STEPS) {
    context->uc_mcontext.gregs[REG_EFL] &= ~0x100; /* trap flag off */
    return;
  }
#else
  (void)opaque;
#endif
  handed[steps++] = use_malloc ? malloc(40) : esc_alloc(48, 0);
}

/* Runs ALLOCATE with the trap flag set and reports whether its result is one of the handler's. */
static void single_step(const char *what, void *(*allocate)(void)) {
  steps = 0;
  stepping = 1;
#if defined(__x86_64__)
  __asm__ volatile("pushfq; orq $0x100, (%%rsp); popfq" ::: "memory", "cc");
#endif
  void *mine = allocate();
  stepping = 0;
  __asm__ volatile("" ::: "memory"); /* the next trap clears the flag */
  int clash = 0;
  for (int i = 0; i < steps; i++)
    clash |= handed[i] == mine;
  printf("%s: %s\n", what, clash ? "FAIL: the handler got the same slot" : "distinct");
}

static void *gc_object(void) { return esc_alloc(48, 0); }
static void *malloc_block(void) { return malloc(40); }

int main(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_trap;
  action.sa_flags = SA_SIGINFO;
  sigaction(SIGTRAP, &action, NULL);
  esc_alloc(48, 0); /* fill the caches, so the calls below take their fast paths */
  free(malloc(40));
  single_step("esc_alloc", gc_object);
  use_malloc = 1;
  free(malloc(40)); /* the thread cache */
  single_step("malloc", malloc_block);
  free(malloc_block()); /* the free list */
  single_step("malloc free list", malloc_block);
  return 0;
}
