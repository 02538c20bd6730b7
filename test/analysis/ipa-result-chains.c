// Interprocedural results with dereferences: first(pp) returns *pp (level=1), so a caller
// returning first(&slot) where slot = &x returns &x: x moves, slot does not. A recursive
// walk() returning its parameter after n calls is summarised by a fixpoint: returning
// walk(&y, 3) moves y.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

int *first(int **pp) { return *pp; }

int *walk(int *p, int n) {
  if (n > 0)
    return walk(p, n - 1);
  return p;
}

int *through_first(void) {
  int x = 1;
  int *slot = &x;
  return first(&slot);
}

int *through_walk(void) {
  int y = 2;
  return walk(&y, 3);
}

// CHECK-DAG: {{.*}}ipa-result-chains.c:8:18: leaking param: pp to result ~r0 level=1
// CHECK-DAG: {{.*}}ipa-result-chains.c:10:16: leaking param: p to result ~r0 level=0
// CHECK-DAG: {{.*}}ipa-result-chains.c:17:7: moved to heap: x
// CHECK-DAG: {{.*}}ipa-result-chains.c:23:7: moved to heap: y
