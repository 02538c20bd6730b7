// Transitive escapes: a local that holds &x and itself escapes takes x with it. Returning
// &p where p = &x moves both p and x; storing &q in a global where q = &y moves q and y.
// A local pointer r = &z that is only dereferenced keeps both on the stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

int **global_pp;

int **nested_return(void) {
  int x = 1;
  int *p = &x;
  return &p;
}

void nested_global(void) {
  int y = 2;
  int *q = &y;
  global_pp = &q;
}

int nested_local(void) {
  int z = 3;
  int *r = &z;
  int **rr = &r;
  return **rr;
}

// CHECK-DAG: {{.*}}escape-transitive.c:10:7: moved to heap: x
// CHECK-DAG: {{.*}}escape-transitive.c:11:8: moved to heap: p
// CHECK-DAG: {{.*}}escape-transitive.c:16:7: moved to heap: y
// CHECK-DAG: {{.*}}escape-transitive.c:17:8: moved to heap: q
// CHECK-DAG: flow: ~r0 = &p:
// CHECK-DAG: flow: p = &x:
