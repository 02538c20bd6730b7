// Library model pthread_create: the new thread receives the argument and may use it after
// the creator returns (thread-argument). pthread_join only writes the result into its
// out-parameter; a mutex passed to pthread_mutex_lock is not kept either.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <pthread.h>

static void *work(void *arg) { return arg; }

int start(void) {
  int shared = 1;
  void *result;
  pthread_t thread;
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&lock);
  pthread_create(&thread, NULL, work, &shared);
  pthread_join(thread, &result);
  pthread_mutex_unlock(&lock);
  return result != NULL;
}

// CHECK-DAG: {{.*}}lib-pthread-create.c:11:7: moved to heap: shared
// CHECK-DAG: from call to @pthread_create (thread-argument)
// CHECK-DAG: {{.*}}lib-pthread-create.c:8:25: leaking param: arg to result ~r0 level=0
