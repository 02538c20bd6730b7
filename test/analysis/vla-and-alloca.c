// Dynamic allocas from C: a VLA and __builtin_alloca. The VLA stored in a global and the
// alloca() buffer returned escape; a VLA only indexed stays on the stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

int *global_row;

int rows(int n) {
  int published[n];
  int scratch[n];
  for (int i = 0; i < n; i++)
    scratch[i] = i;
  global_row = published;
  return scratch[n - 1];
}

char *temporary(unsigned long n) {
  char *buffer = __builtin_alloca(n);
  buffer[0] = 0;
  return buffer;
}

// CHECK-NOT: moved to heap: scratch
// CHECK-DAG: {{.*}}vla-and-alloca.c:9:7: moved to heap: published
// The alloca() result has no variable: it is named alloca() at the call.
// CHECK-DAG: {{.*}}vla-and-alloca.c:18:18: moved to heap: alloca()
