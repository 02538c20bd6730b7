// Interprocedural, self-recursion passing &acc down: sum() writes through its parameter
// and passes it on; it never stores the pointer anywhere, so `acc` stays on the stack. A
// variant that also records the pointer in a global (`trace`) moves its caller's local.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

int *trace;

void sum(int *acc, int n) {
  if (n == 0)
    return;
  *acc += n;
  sum(acc, n - 1);
}

void sum_traced(int *acc, int n) {
  if (n == 0) {
    trace = acc;
    return;
  }
  *acc += n;
  sum_traced(acc, n - 1);
}

int total(int n) {
  int acc = 0;
  sum(&acc, n);
  int traced = 0;
  sum_traced(&traced, n);
  return acc + traced;
}

// CHECK-NOT: moved to heap: acc
// CHECK-DAG: {{.*}}ipa-recursion-accumulator.c:9:15: acc does not escape
// CHECK-DAG: {{.*}}ipa-recursion-accumulator.c:16:22: leaking param: acc
// CHECK-DAG: {{.*}}ipa-recursion-accumulator.c:28:7: moved to heap: traced
