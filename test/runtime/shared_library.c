// The shared libescrt.so works like the archive: its malloc and pthread_create interpose the
// system's, and collection under stress keeps reachable objects.
// UNSUPPORTED: sanitized
// (ASan owns malloc there, so "malloc is escrt's" cannot hold.)
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t
// RUN: env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: malloc is escrt's: yes
// CHECK: shared ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <malloc.h>
#include <pthread.h>

static void *worker(void *arg) {
  void **node = malloc(sizeof(void *));
  *node = arg;
  churn("shared thread", hide(arg), 48, 500);
  check("shared thread", *node, 48, 66);
  free(node);
  return NULL;
}

int main(void) {
  struct esc_stats before, after;
  esc_stats(&before);
  void *volatile block = malloc(1000);
  esc_stats(&after);
  printf("malloc is escrt's: %s\n", after.malloc_bytes > before.malloc_bytes ? "yes" : "no");
  free(block);
  char *object = esc_alloc(48, 0);
  fill(object, 48, 66);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, object);
  object = NULL;
  pthread_join(thread, NULL);
  printf("shared ok\n");
  return 0;
}
