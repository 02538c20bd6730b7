// `*d = *s` in C: clang copies structs with llvm.memcpy. Assigning a struct that holds &x
// to a global moves x; to a local struct that is only read, y stays on the stack; to
// caller memory through a parameter, z moves (stored-to-parameter).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

struct wide {
  int *p;
  long pad[4];
};
struct wide global_wide;

void to_global(void) {
  int x = 1;
  struct wide w = {&x, {0}};
  global_wide = w;
}

int to_local(void) {
  int y = 2;
  struct wide a = {&y, {0}}, b;
  b = a;
  return *b.p;
}

void to_caller(struct wide *out) {
  int z = 3;
  struct wide w = {&z, {0}};
  *out = w;
}

// CHECK-DAG: {{.*}}struct-assign-memcpy.c:14:7: moved to heap: x
// CHECK-DAG: {{.*}}struct-assign-memcpy.c:27:7: moved to heap: z
// CHECK-DAG: from memory copy by @llvm.memcpy.{{.*}} (copy)
// CHECK-DAG: (stored-to-global)
// CHECK-DAG: (stored-to-parameter)
// CHECK-DAG: {{.*}}struct-assign-memcpy.c:26:29: out does not escape
