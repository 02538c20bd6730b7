// Threads started by C11 thrd_create, and by a pthread_create reference bound to an old symbol
// version (pthread_create@GLIBC_2.2.5, as in programs linked before glibc 2.34), are registered:
// each worker holds the only reference to a collectable object (its argument) on its stack and
// never allocates, while main collects and reuses memory. glibc's thrd_create does not go through
// pthread_create, so before escrt covered it the object was freed under the C11 thread.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 timeout 120 %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 timeout 120 %t.so | FileCheck %s
// CHECK: thrd_create: object intact, result 42
// CHECK: thrd_exit: result 7
// CHECK: pthread_create@GLIBC_2.2.5: object intact
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>
#include <stdatomic.h>
#include <threads.h>

extern int pthread_create_2_2_5(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
__asm__(".symver pthread_create_2_2_5, pthread_create@GLIBC_2.2.5");

static atomic_int phase;

static void wait_phase(int wanted) {
  while (atomic_load(&phase) != wanted)
    thrd_yield();
}

static int c11_holder(void *arg) {
  atomic_store(&phase, 1);
  wait_phase(2);
  check("thrd_create", arg, 64, 21);
  return 42;
}

static void *pthread_holder(void *arg) { return (void *)(intptr_t)c11_holder(arg); }

static int exiter(void *arg) {
  (void)arg;
  thrd_exit(7);
}

/* Gives a fresh object to a thread started by START (NULL: pthread_create@GLIBC_2.2.5) and
 * returns its hidden address: once this returns, only that thread holds the object. */
__attribute__((noinline)) static uintptr_t hand_over(const char *what, int (*start)(void *),
                                                     thrd_t *thread) {
  unsigned char *object = esc_alloc(64, 0);
  fill(object, 64, 21);
  atomic_store(&phase, 0);
  int failed = start ? thrd_create(thread, start, object) != thrd_success
                     : pthread_create_2_2_5(thread, NULL, pthread_holder, object) != 0;
  if (failed) {
    printf("FAIL: %s\n", what);
    exit(1);
  }
  return hide(object);
}

/* Collects and reuses memory while only the worker holds its object, then lets it check it. */
__attribute__((noinline)) static void churn_while_held(const char *what, uintptr_t hidden) {
  wait_phase(1);
  clobber_stack();
  churn(what, hidden, 64, 300);
  atomic_store(&phase, 2);
}

int main(void) {
  thrd_t thread;
  int result = 0;
  churn_while_held("thrd_create", hand_over("thrd_create", c11_holder, &thread));
  thrd_join(thread, &result);
  printf("thrd_create: object intact, result %d\n", result);
  thrd_create(&thread, exiter, NULL);
  thrd_join(thread, &result);
  printf("thrd_exit: result %d\n", result);
  churn_while_held("pthread_create@GLIBC_2.2.5",
                   hand_over("pthread_create@GLIBC_2.2.5", NULL, &thread));
  thrd_join(thread, NULL);
  printf("pthread_create@GLIBC_2.2.5: object intact\n");
  return 0;
}
