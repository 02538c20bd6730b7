/* goroutine.c — `go f(x)`: the front end stores the call's operands in an argument block and
 * passes a trampoline that makes the call from it; here the block is copied to esc_alloc'd
 * memory and a detached thread runs the trampoline. Threads are started through escrt's
 * interposed pthread_create, so the collector scans their stacks, and the copy stays reachable
 * from the thread's start argument until the trampoline has loaded the operands.
 *
 * Invariant: when main.main returns the process exits, ending every goroutine, as in Go. */
#include "escgo.h"

#include "escrt.h"

#include <pthread.h>
#include <string.h>

typedef struct {
  void (*trampoline)(void *);
  _Alignas(16) unsigned char arguments[];
} goroutine_start;

static void *run_goroutine(void *argument) {
  goroutine_start *start = argument;
  start->trampoline(start->arguments);
  return NULL;
}

void escgo_go(void (*trampoline)(void *), const void *arguments, int64_t size) {
  goroutine_start *start = esc_alloc(sizeof(goroutine_start) + (size_t)size, 16);
  if (!start)
    escgo_fatal("runtime: out of memory");
  start->trampoline = trampoline;
  memcpy(start->arguments, arguments, (size_t)size);
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  if (pthread_create(&thread, &attributes, run_goroutine, start) != 0)
    escgo_fatal("runtime: cannot create a thread for a goroutine");
  pthread_attr_destroy(&attributes);
}
