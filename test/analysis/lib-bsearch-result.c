// Library model bsearch: its result points into the array (argument 1), so returning it
// moves the array; the key is only read by the comparator and stays on the stack.
// From real headers: glibc's stdlib.h at -O2 also supplies an inline definition of
// bsearch (bits/stdlib-bsearch.h); the model must still decide, as in lib-bsearch.ll.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <stdlib.h>

static int compare(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int *lookup(void) {
  int table[4] = {0, 1, 2, 3};
  int key = 2;
  return bsearch(&key, table, 4, sizeof table[0], compare);
}

// CHECK-NOT: moved to heap: key
// CHECK: {{.*}}lib-bsearch-result.c:12:7: moved to heap: table
