// clang struct coercion for arguments: `struct P {int *a; int *b;}` passed by value is
// split into two ptr arguments; `union U {int *p; long l;}` travels as an i64. A callee
// that stores a field in a global leaks that argument (x, z escape); a callee that only
// reads through the fields leaks nothing (y, w stay on the stack). The analysis is
// field-insensitive, so both halves of `leaked` hold &x: keep_pair leaks both %0 and %1.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

struct P {
  int *a;
  int *b;
};
union U {
  int *p;
  long l;
};
int *global_pointer;

void keep_pair(struct P pair) { global_pointer = pair.b; }
int read_pair(struct P pair) { return *pair.a + *pair.b; }
void keep_union(union U u) { global_pointer = u.p; }
int read_union(union U u) { return *u.p; }

int caller(void) {
  int x = 1, y = 2, z = 3, w = 4;
  struct P leaked = {&x, &x};
  keep_pair(leaked);
  struct P read = {&y, &y};
  int sum = read_pair(read);
  union U u1 = {.p = &z};
  keep_union(u1);
  union U u2 = {.p = &w};
  return sum + read_union(u2);
}

// CHECK-DAG: {{.*}}struct-coerced-argument.c:25:7: moved to heap: x
// CHECK-DAG: {{.*}}struct-coerced-argument.c:25:21: moved to heap: z
// CHECK-DAG: from call to @keep_pair (callee-leaks-parameter)
// CHECK-DAG: from call to @keep_union (callee-leaks-parameter)
