// A function starts a thread with the address of its local and returns before the thread reads
// it. With the pass the object lives on the heap, kept alive by the thread's argument through
// collections; without it the thread reads a frame that has been overwritten.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: %cc_escrt -O0 %s -o %t.without -lpthread
// RUN: %t.without | FileCheck %s --check-prefix=WITHOUT
#include "Inputs/dangling.h"
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_t worker_thread;
static sem_t may_read; // posted once the starting frame is gone and overwritten

static void *worker(void *argument) {
  sem_wait(&may_read);
  if (esc_collect)
    esc_collect();
  printf("worker read %d\n", *(int *)argument);
  return NULL;
}

__attribute__((noinline)) static void start_worker(void) {
  int ticket = 1234;
  pthread_create(&worker_thread, NULL, worker, &ticket);
}

// Runs inside clobber_stack's frame: the worker reads while the old frame stays overwritten.
static void release_worker(void) {
  sem_post(&may_read);
  pthread_join(worker_thread, NULL);
}

int main(void) {
  sem_init(&may_read, 0, 0);
  start_worker();
  while_clobbered = release_worker;
  clobber_stack();
  // CHECK: worker read 1234
  // WITHOUT: worker read 1515870810
  return 0;
}
