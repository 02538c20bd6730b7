// A promoted variable stays visible in the debugger: its declare moved to the box with
// DW_OP_deref, so gdb prints the value from the heap object, and the address it shows is the
// object's (the one the program holds).
// RUN: %clang -g -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t
// RUN: gdb -nx -batch -ex 'break inspect' -ex run -ex finish -ex 'print number' \
// RUN:   -ex 'print &number == seen' -ex 'print sizeof(number)' %t 2>&1 | FileCheck %s
// CHECK: $1 = 42
// CHECK: $2 = 1
// CHECK: $3 = 4
#include <stdio.h>

int *seen;

__attribute__((noinline)) void inspect(int *pointer) { seen = pointer; }

int *getNum(void) {
  int number = 42;
  inspect(&number);
  return &number;
}

int main(void) {
  printf("%d\n", *getNum());
  return 0;
}
