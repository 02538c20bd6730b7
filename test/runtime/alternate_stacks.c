// Collections that find a thread running on a stack that is not its own: the collector itself on
// a makecontext stack or in a signal handler on a sigaltstack, and another thread stopped while
// it runs on either. escrt scans the stack actually in use (from the stack pointer to the end of
// its mapping, heap object or alternate stack) and the thread's own stack; it used to scan from
// the foreign stack pointer up to the thread's stack top, and crashed (SIGSEGV). Each place holds
// the only reference to a collectable object while memory is reused.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 timeout 120 %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 timeout 120 %t.so | FileCheck %s
// CHECK: makecontext, malloc'ed stack: kept
// CHECK: makecontext, mmap'ed stack: kept
// CHECK: sigaltstack: kept
// CHECK: other thread on a makecontext stack: kept
// CHECK: other thread on a sigaltstack: kept
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define STACK_SIZE (256 * 1024)

static ucontext_t caller, callee;
static const char *current_test;
static atomic_int phase;

/* Runs on the foreign stack: the object is only in this frame while it allocates and collects. */
static void hold_and_churn(void) {
  unsigned char *volatile object = esc_alloc(80, 0);
  fill(object, 80, 31);
  churn(current_test, hide(object), 80, 300);
  check(current_test, object, 80, 31);
}

/* Holds an object on the main stack too, to check the thread's own stack is still scanned. */
__attribute__((noinline)) static void on_context(const char *what, void *stack) {
  unsigned char *volatile mine = esc_alloc(48, 0);
  fill(mine, 48, 41);
  current_test = what;
  getcontext(&callee);
  callee.uc_stack.ss_sp = stack;
  callee.uc_stack.ss_size = STACK_SIZE;
  callee.uc_link = &caller;
  makecontext(&callee, hold_and_churn, 0);
  swapcontext(&caller, &callee);
  check(what, mine, 48, 41);
  printf("%s: kept\n", what);
}

static void on_usr1(int signal_number) {
  (void)signal_number;
  if (atomic_load(&phase) == 0) {
    hold_and_churn();
    return;
  }
  unsigned char *volatile object = esc_alloc(80, 0); /* the other thread's handler */
  fill(object, 80, 51);
  atomic_store(&phase, 2);
  while (atomic_load(&phase) != 3)
    ;
  check(current_test, object, 80, 51);
}

/* Raises SIGUSR1 on a fresh alternate stack, then puts the previous one back (ASan unmaps the
 * alternate stack it finds when a thread exits, taking it for its own). */
static void raise_on_alternate_stack(void) {
  stack_t alternate = {.ss_sp = malloc(STACK_SIZE), .ss_size = STACK_SIZE}, previous;
  sigaltstack(&alternate, &previous);
  raise(SIGUSR1);
  sigaltstack(&previous, NULL);
  free(alternate.ss_sp);
}

/* Another thread, stopped while it runs on a makecontext stack or in a handler on its alternate
 * stack, holds the only reference. */
static void spin_on_context(void) {
  unsigned char *volatile object = esc_alloc(80, 0);
  fill(object, 80, 61);
  atomic_store(&phase, 2);
  while (atomic_load(&phase) != 3)
    ;
  check(current_test, object, 80, 61);
}

static void *other_thread(void *use_signal) {
  if (use_signal) {
    raise_on_alternate_stack();
    return NULL;
  }
  static ucontext_t thread_caller, thread_callee;
  getcontext(&thread_callee);
  thread_callee.uc_stack.ss_sp = malloc(STACK_SIZE);
  thread_callee.uc_stack.ss_size = STACK_SIZE;
  thread_callee.uc_link = &thread_caller;
  makecontext(&thread_callee, spin_on_context, 0);
  swapcontext(&thread_caller, &thread_callee);
  free(thread_callee.uc_stack.ss_sp);
  return NULL;
}

static void with_other_thread(const char *what, int use_signal) {
  current_test = what;
  atomic_store(&phase, 1);
  pthread_t thread;
  pthread_create(&thread, NULL, other_thread, use_signal ? &phase : NULL);
  while (atomic_load(&phase) != 2)
    ;
  churn(what, 0, 80, 300);
  atomic_store(&phase, 3);
  pthread_join(thread, NULL);
  printf("%s: kept\n", what);
}

int main(void) {
  void *stack = malloc(STACK_SIZE);
  on_context("makecontext, malloc'ed stack", stack);
  free(stack);
  stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  on_context("makecontext, mmap'ed stack", stack);
  munmap(stack, STACK_SIZE);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_usr1;
  action.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &action, NULL);
  current_test = "sigaltstack";
  raise_on_alternate_stack();
  printf("sigaltstack: kept\n");
  with_other_thread("other thread on a makecontext stack", 0);
  with_other_thread("other thread on a sigaltstack", 1);
  return 0;
}
