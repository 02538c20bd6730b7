// An object whose only reference is in a __thread variable survives: of the main thread and of a
// second, blocked thread.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 %t.so | FileCheck %s
// CHECK: main tls ok
// CHECK: thread tls ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>
#include <semaphore.h>

static __thread char *tls_reference;
static sem_t ready, done;
static uintptr_t thread_object; /* hidden (see churn.h) */

__attribute__((noinline)) static void make(unsigned seed) {
  tls_reference = esc_alloc(112, 0);
  fill(tls_reference, 112, seed);
}

static void *thread_main(void *unused) {
  (void)unused;
  make(22);
  thread_object = hide(tls_reference);
  sem_post(&ready);
  sem_wait(&done);
  check("thread tls", tls_reference, 112, 22);
  printf("thread tls ok\n");
  return NULL;
}

int main(void) {
  sem_init(&ready, 0, 0);
  sem_init(&done, 0, 0);
  make(21);
  churn("main tls", hide(tls_reference), 112, 2000);
  check("main tls", tls_reference, 112, 21);
  printf("main tls ok\n");
  pthread_t thread;
  pthread_create(&thread, NULL, thread_main, NULL);
  sem_wait(&ready);
  churn("thread tls", thread_object, 112, 2000);
  sem_post(&done);
  pthread_join(thread, NULL);
  return 0;
}
