// Interprocedural: id() returns its parameter (leaking param: p to result ~r0 level=0).
// A caller that only dereferences the result keeps its local on the stack (kept); a caller
// that returns the result moves its local (returned through the call).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

int *id(int *p) { return p; }

int deref_only(void) {
  int kept = 1;
  return *id(&kept);
}

int *pass_on(void) {
  int returned = 2;
  return id(&returned);
}

// CHECK-DAG: {{.*}}ipa-return-param.c:7:14: leaking param: p to result ~r0 level=0
// CHECK-DAG: {{.*}}ipa-return-param.c:15:7: moved to heap: returned
// CHECK-DAG: from result of call to @id (call parameter)
