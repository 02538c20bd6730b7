// Interprocedural, out-parameter in the callee: set(out, v) does `*out = v`, storing v in
// caller memory, so v leaks (leaking param: v) and the caller's x escapes even though the
// caller's own slot r is a plain local. set's out does not escape itself.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

void set(int **out, int *v) { *out = v; }

int *get(void) {
  int x = 5;
  int *r;
  set(&r, &x);
  return r;
}

// CHECK-DAG: {{.*}}ipa-out-parameter.c:7:16: out does not escape
// CHECK-DAG: {{.*}}ipa-out-parameter.c:7:26: leaking param: v
// CHECK-DAG: {{.*}}ipa-out-parameter.c:10:7: moved to heap: x
// CHECK-DAG: from call to @set (callee-leaks-parameter)
