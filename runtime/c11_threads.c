/* c11_threads.c — thrd_create, so that C11 threads are registered like pthreads.
 *
 * glibc's thrd_create starts the thread through its internal __pthread_create_2_1, not through
 * the exported pthread_create that threads.c interposes: without this file a C11 thread is
 * never registered, stopped or scanned, and the objects only its stack holds are freed while it
 * uses them. A C11 thread is a pthread whose start routine returns int (thrd_t is pthread_t, and
 * glibc's thrd_join, thrd_exit and thrd_detach are the pthread calls with the result converted),
 * so escrt starts it with pthread_create and a routine that converts the result.
 *
 * The other ways into glibc's thread creation: versioned references (pthread_create@GLIBC_2.2.5
 * from programs linked before glibc 2.34) bind to escrt's unversioned definition; threads glibc
 * starts for SIGEV_THREAD notifications register lazily (on their first esc_alloc); raw clone is
 * out of scope (docs/runtime.md).
 *
 * Invariant: the routine and argument stay in ROOT memory until the new thread is registered
 * (pthread_create's own start info keeps the pointer to this one reachable meanwhile). */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <threads.h>

struct c11_start {
  thrd_start_t routine;
  void *arg;
};

static void *c11_thread_start(void *opaque) {
  struct c11_start start = *(struct c11_start *)opaque;
  esc_root_free(opaque);
  return (void *)(intptr_t)start.routine(start.arg);
}

int thrd_create(thrd_t *thread, thrd_start_t routine, void *arg) {
  struct c11_start *start = esc_root_alloc(sizeof *start, 0, false);
  if (!start)
    return thrd_nomem;
  start->routine = routine;
  start->arg = arg;
  int error = pthread_create(thread, NULL, c11_thread_start, start);
  if (error == 0)
    return thrd_success;
  esc_root_free(start);
  return error == ENOMEM ? thrd_nomem : thrd_error;
}
