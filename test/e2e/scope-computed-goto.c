// A function with a computed goto gets no lifetime markers at all from clang: a variable of a
// loop body whose address is kept still gets one object per iteration, from its debug scope.
// UNSUPPORTED: sanitized
// (the objects live only in malloc'ed nodes, and ASan's malloc is not a root.)
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
#include "Inputs/list.h"

__attribute__((noinline)) static struct node *collect(int count, int stop) {
  static void *const finish[] = {&&keep, &&done};
  struct node *list = NULL;
  for (int i = 0; i < count; i++) {
    int kept = i + 1;
    list = push(list, &kept);
    goto *finish[i == stop];
  keep:;
  }
done:
  return list;
}

int main(void) {
  print_list("kept", collect(5, 9));
  // CHECK: kept 5 4 3 2 1
  return 0;
}
