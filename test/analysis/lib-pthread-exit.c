// pthread_exit(value) ends the thread and hands value to whoever joins it, after the
// thread's stack is gone: like returning it from the thread function. A local passed to
// pthread_exit must move (as `result` returned by the thread function does).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <pthread.h>

void *worker_exit(void *unused) {
  int status = 1;
  pthread_exit(&status);
}

void *worker_return(void *unused) {
  int result = 2;
  return &result;
}

// CHECK-DAG: {{.*}}lib-pthread-exit.c:9:7: moved to heap: status
// CHECK-DAG: {{.*}}lib-pthread-exit.c:14:7: moved to heap: result
