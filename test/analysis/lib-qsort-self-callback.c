// A comparator that sorts a local array with itself as the comparator and records its
// first parameter in a global: the function's own summary (a leaks) must be settled before
// it decides about `local`, so local moves (the reference to cmp inside cmp makes it a
// recursive SCC; an optimistic one-pass summary would leave local on the stack).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <stdlib.h>

const void *last_seen;
int depth;

int cmp(const void *a, const void *b) {
  if (depth++ == 0) {
    int local[2] = {2, 1};
    qsort(local, 2, sizeof local[0], cmp);
  }
  last_seen = a;
  return *(const int *)a - *(const int *)b;
}

// CHECK-DAG: {{.*}}lib-qsort-self-callback.c:12:21: leaking param: a
// CHECK-DAG: {{.*}}lib-qsort-self-callback.c:14:9: moved to heap: local
