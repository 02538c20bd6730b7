// sret: a function returning a big struct by value writes it into the caller's result object
// through a hidden `sret` pointer parameter. The analysis treats that object as the result
// itself: putting &local in it is "returned" (flow into ~r0), a parameter stored there leaks
// to the result (not to the heap), and so a caller that only reads the returned struct keeps
// its variable on the stack, while one that returns or keeps it does not. The sret parameter
// is not reported as a parameter: the source has no such parameter.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap' --implicit-check-not='%0 does not escape'

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

struct Big wrap(int *p) {
  struct Big b = {0};
  b.p = p;
  return b;
}

int reads_only(void) {
  int kept = 1;
  struct Big b = wrap(&kept);
  return *b.p;
}

struct Big *saved;
void keeps(void) {
  int stored = 2;
  static struct Big copy;
  copy = wrap(&stored);
  saved = &copy;
}

struct Big passes_on(void) {
  int passed = 3;
  return wrap(&passed);
}

// CHECK-DAG: {{.*}}sret.c:16:7: moved to heap: local
// CHECK-DAG: {{.*}}sret.c:16:7:   flow: ~r0 = &local:
// CHECK-DAG: {{.*}}sret.c:29:22: leaking param: p to result ~r0 level=0
// CHECK-DAG: {{.*}}sret.c:43:7: moved to heap: stored
// CHECK-DAG: {{.*}}sret.c:50:7: moved to heap: passed
// CHECK-DAG: {{.*}}sret.c:50:7:   flow: ~r0 = &passed:
