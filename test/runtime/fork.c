// fork from a threaded program: the child (one thread) allocates, collects and still sees the
// data reachable from globals; the parent's threads keep allocating.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=5 %t | FileCheck %s
// CHECK-DAG: child ok
// CHECK-DAG: parent ok
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <unistd.h>

char *volatile global_object;
static atomic_int stop;

static void *allocator(void *unused) {
  (void)unused;
  while (!atomic_load(&stop)) {
    char *p = esc_alloc(200, 0);
    p[0] = 1;
    free(malloc(100));
  }
  return NULL;
}

int main(void) {
  global_object = esc_alloc(72, 0);
  fill(global_object, 72, 33);
  pthread_t threads[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&threads[i], NULL, allocator, NULL);
  for (int round = 0; round < 3; round++) {
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
      churn("fork child", hide(global_object), 72, 500);
      esc_collect();
      check("fork child", global_object, 72, 33);
      char *copy = malloc(1000);
      free(copy);
      if (round == 0)
        printf("child ok\n");
      fflush(stdout);
      _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      printf("FAIL: child status %d\n", status);
      return 1;
    }
  }
  atomic_store(&stop, 1);
  for (int i = 0; i < 3; i++)
    pthread_join(threads[i], NULL);
  check("fork parent", global_object, 72, 33);
  printf("parent ok\n");
  return 0;
}
