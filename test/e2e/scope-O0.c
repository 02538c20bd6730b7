// A variable declared in a loop body whose address is kept in a malloc'ed list, built at -O0
// (clang emits no lifetime markers there): every iteration must still get its own object. The
// pass finds the body's scope in the debug info (the variable's DILexicalBlock) and allocates a
// new object on every edge that enters it, here the loop test's branch into the body.
// UNSUPPORTED: sanitized
// (the objects live only in malloc'ed nodes, and ASan's malloc is not a root.)
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %escc run %s | FileCheck %s
#include "Inputs/list.h"

__attribute__((noinline)) static struct node *collect_squares(int count) {
  struct node *list = NULL;
  for (int i = 0; i < count; i++) {
    int square = i * i;
    list = push(list, &square);
  }
  return list;
}

int main(void) {
  print_list("squares", collect_squares(5));
  // CHECK: squares 16 9 4 1 0
  return 0;
}
