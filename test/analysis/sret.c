// sret: a function returning a big struct by value writes it into caller memory through a
// hidden `sret` pointer parameter. Putting &local in it escapes as stored-to-parameter.
// A big struct returned with only data in it leaves its locals alone.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

struct Big {
  int *p;
  long pad[8];
};

struct Big make(void) {
  int local = 5;
  struct Big b = {0};
  b.p = &local;
  return b;
}

struct Big data_only(void) {
  int count = 5;
  struct Big b = {0};
  b.pad[0] = count;
  return b;
}

// CHECK-DAG: {{.*}}sret.c:13:7: moved to heap: local
// CHECK-DAG: (stored-to-parameter)
