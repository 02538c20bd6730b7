// The seed's second program: add(&num) only reads through its parameter, so p does not
// escape and num stays on the stack. getNum's number is the control that does move.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <stdio.h>

int add(int *p) { return *p + 1; }

int *getNum(void) {
  int number = 7;
  return &number;
}

int main(void) {
  int num = 3;
  printf("%d %d\n", add(&num), *getNum());
  return 0;
}

// CHECK-NOT: moved to heap: num{{$}}
// CHECK: {{.*}}seed-add.c:7:14: p does not escape
// CHECK: {{.*}}seed-add.c:10:7: moved to heap: number
