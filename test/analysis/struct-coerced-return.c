// clang struct coercion: `struct P {int *a; int *b;}` returned by value comes back as
// {ptr, ptr} (x86-64) and `union U {int *p; long l;}` as i64; a local's address put in
// either escapes (returned). A struct returned by value holding only a global's address
// and a local that only fills a non-pointer field stay fine.
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
int global_int;

struct P pair(void) {
  int x = 1, y = 2;
  struct P r = {&x, &y};
  return r;
}

union U as_integer(void) {
  int z = 3;
  union U u;
  u.p = &z;
  return u;
}

struct P harmless(void) {
  int n = 4;
  struct P r = {&global_int, &global_int};
  r.a += n;
  return r;
}

// CHECK-DAG: {{.*}}struct-coerced-return.c:19:7: moved to heap: x
// CHECK-DAG: {{.*}}struct-coerced-return.c:19:14: moved to heap: y
// CHECK-DAG: {{.*}}struct-coerced-return.c:25:7: moved to heap: z
// CHECK-DAG: flow: ~r0 = {{.*}}
