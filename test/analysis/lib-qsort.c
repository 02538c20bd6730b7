// Library model qsort: the library calls the comparator with pointers into the array; the
// array (base) is not kept, so with a comparator that only reads, `values` stays on the
// stack. A comparator that stores its parameter in a global leaks the
// array it is given: `leaky` escapes (callee-leaks-parameter via the callback).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <stdlib.h>

static const void *last_seen;

static int compare(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static int compare_and_remember(const void *a, const void *b) {
  last_seen = a;
  return *(const int *)a - *(const int *)b;
}

int sorted_first(void) {
  int values[4] = {3, 1, 2, 0};
  qsort(values, 4, sizeof values[0], compare);
  return values[0];
}

int sorted_leaky(void) {
  int leaky[4] = {3, 1, 2, 0};
  qsort(leaky, 4, sizeof leaky[0], compare_and_remember);
  return leaky[0];
}

// CHECK-DAG: {{.*}}lib-qsort.c:11:32: a does not escape
// CHECK-DAG: {{.*}}lib-qsort.c:13:45: leaking param: a
// CHECK-DAG: {{.*}}lib-qsort.c:25:7: moved to heap: leaky
// CHECK-DAG: from call to @qsort (callee-leaks-parameter)
