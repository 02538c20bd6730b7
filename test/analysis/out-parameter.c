// Out-parameters: `*out = &x` stores into the caller's memory (stored-to-parameter).
// Writing data through an out-parameter (`*count = n`) is fine, and the caller's slot
// `result` whose address is passed to get() does not escape (get only stores into it).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

void get(int **out, int *count) {
  int x = 42;
  *out = &x;
  *count = 1;
}

int use(void) {
  int *result;
  int n;
  get(&result, &n);
  return n;
}

// CHECK-DAG: {{.*}}out-parameter.c:8:7: moved to heap: x
// CHECK-DAG: from store to {{.*}} (stored-to-parameter)
// CHECK-DAG: {{.*}}out-parameter.c:7:16: out does not escape
// CHECK-DAG: {{.*}}out-parameter.c:7:26: count does not escape
