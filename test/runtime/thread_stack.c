// An object referenced only from another thread's stack survives while that thread is blocked and
// the main thread allocates and collects; so does one held only in a stopped thread's register.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: stack ok
// CHECK: register ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>
#include <stdatomic.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int phase;
static atomic_uintptr_t hidden; /* the object's address, hidden (see churn.h) */
static atomic_int stop_spinning;

static void wait_phase(int wanted) {
  pthread_mutex_lock(&mutex);
  while (phase < wanted)
    pthread_cond_wait(&cond, &mutex);
  pthread_mutex_unlock(&mutex);
}

static void set_phase(int value) {
  pthread_mutex_lock(&mutex);
  phase = value;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&mutex);
}

static void *holder(void *unused) {
  (void)unused;
  char *volatile object = esc_alloc(64, 0);
  fill(object, 64, 11);
  atomic_store(&hidden, hide(object));
  set_phase(1);
  wait_phase(2); /* main churns meanwhile */
  check("thread stack", object, 64, 11);
  printf("stack ok\n");
  return NULL;
}

/* The only copy of the pointer is in r12 while this thread spins (x86-64). */
static void *spinner(void *unused) {
  (void)unused;
  register char *object asm("r12") = esc_alloc(64, 0);
  fill(object, 64, 12);
  atomic_store(&hidden, hide(object));
  object = (char *)((uintptr_t)object ^ 1); /* scramble, then unscramble in the loop */
  set_phase(3);
  while (!atomic_load(&stop_spinning))
    __asm__ volatile("" : "+r"(object));
  object = (char *)((uintptr_t)object ^ 1);
  check("register", object, 64, 12);
  printf("register ok\n");
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, holder, NULL);
  wait_phase(1);
  churn("thread stack", atomic_load(&hidden), 64, 2000);
  set_phase(2);
  pthread_join(thread, NULL);
  pthread_create(&thread, NULL, spinner, NULL);
  wait_phase(3);
  churn("register", atomic_load(&hidden), 64, 2000);
  atomic_store(&stop_spinning, 1);
  pthread_join(thread, NULL);
  return 0;
}
