// A `switch` case label or a `goto` that jumps over a declaration in a loop body makes clang
// drop that variable's lifetime markers, even when optimising: the fresh object per iteration
// then comes from the variable's debug scope, entered once per iteration whichever label the
// jump lands on. A `goto` from outside into the middle of the scope enters it too: that label's
// block is reached from inside and from outside, and only the outside edge gives a new object.
// UNSUPPORTED: sanitized
// (the objects live only in malloc'ed nodes, and ASan's malloc is not a root.)
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
#include "Inputs/list.h"

__attribute__((noinline)) static struct node *by_switch(int count) {
  struct node *list = NULL;
  for (int i = 0; i < count; i++) {
    switch (i % 2) {
      int kept;
    case 0:
      kept = i;
      list = push(list, &kept);
      break;
    case 1:
      kept = -i;
      list = push(list, &kept);
      break;
    }
  }
  return list;
}

__attribute__((noinline)) static struct node *by_goto(int count) {
  struct node *list = NULL;
  for (int i = 0; i < count; i++) {
    if (i == 2)
      goto skip;
    int kept = i * 100;
  skip:
    if (i == 2)
      kept = 7;
    list = push(list, &kept);
  }
  return list;
}

__attribute__((noinline)) static struct node *into_scope(int count) {
  struct node *list = NULL;
  int i = 0;
  goto middle;
  for (; i < count; i++) {
    int kept = i * 1000;
  middle:
    if (i == 0)
      kept = 5;
    list = push(list, &kept);
  }
  return list;
}

int main(void) {
  print_list("switch", by_switch(4));
  // CHECK: switch -3 2 -1 0
  print_list("goto", by_goto(4));
  // CHECK: goto 300 7 100 0
  print_list("into", into_scope(4));
  // CHECK: into 3000 2000 1000 5
  return 0;
}
