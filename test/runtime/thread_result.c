// A thread's result (returned, or given to pthread_exit) survives until pthread_join hands it
// over, even when it is a collectable object and collections run after the thread has exited:
// by then the result sits in the thread's descriptor, which nobody scans.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// RUN: %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 timeout 120 %t.so | FileCheck %s
// CHECK: returned result kept
// CHECK: pthread_exit result kept
// CHECK-NOT: FAIL
#define _GNU_SOURCE /* gettid */
#include "Inputs/churn.h"

#include <pthread.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile pid_t worker_tid;

static void *make_result(unsigned seed) {
  void *p = esc_alloc(64, 0);
  fill(p, 64, seed);
  worker_tid = gettid();
  return p;
}

static void *returns(void *arg) { return make_result((unsigned)(uintptr_t)arg); }

static void *exits(void *arg) { pthread_exit(make_result((unsigned)(uintptr_t)arg)); }

/* Waits until the worker has really exited (its /proc task entry is gone), then collects and
 * reuses memory of the result's size before joining. */
static void check_result(const char *what, void *(*routine)(void *), unsigned seed) {
  pthread_t thread;
  worker_tid = 0;
  pthread_create(&thread, NULL, routine, (void *)(uintptr_t)seed);
  char path[64];
  struct stat info;
  while (worker_tid == 0)
    usleep(1000);
  snprintf(path, sizeof path, "/proc/self/task/%d", (int)worker_tid);
  while (stat(path, &info) == 0)
    usleep(1000);
  esc_collect();
  churn(what, 0, 64, 3000);
  esc_collect();
  churn(what, 0, 64, 3000);
  void *result;
  pthread_join(thread, &result);
  check(what, result, 64, seed);
  printf("%s kept\n", what);
}

int main(void) {
  check_result("returned result", returns, 3);
  check_result("pthread_exit result", exits, 7);
  return 0;
}
