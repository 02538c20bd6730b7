// Each iteration of a loop keeps the address of the variable declared in its body in a
// malloc'ed list. With the pass every iteration gets its own object (Go 1.22's rule), and the
// objects, referenced only from malloc'ed nodes, survive collections. Without it every node
// points at the same dead stack slot.
// clang emits the lifetime markers that mark each iteration's new variable only when
// optimising, or at -O0 when asked with -fsanitize-address-use-after-scope (cc1 flag; no
// sanitizer is linked): the -O0 build asks.
// UNSUPPORTED: sanitized
// (the objects live only in malloc'ed nodes, and ASan's malloc is not a root.)
// RUN: %cc_escrt -O0 -Xclang -fsanitize-address-use-after-scope -fpass-plugin=%plugin %s \
// RUN:   %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: %cc_escrt -O0 %s -o %t.without
// RUN: %t.without | FileCheck %s --check-prefix=WITHOUT
#include "Inputs/dangling.h"
#include <stdio.h>
#include <stdlib.h>

struct node {
  int *value;
  struct node *next;
};

__attribute__((noinline)) static struct node *collect_squares(int count) {
  struct node *list = NULL;
  for (int i = 0; i < count; i++) {
    int square = i * i;
    struct node *node = malloc(sizeof *node);
    node->value = &square;
    node->next = list;
    list = node;
  }
  return list;
}

int main(void) {
  struct node *list = collect_squares(5);
  clobber_stack();
  int squares[5], count = 0;
  for (struct node *node = list; node && count < 5; node = node->next)
    squares[count++] = *node->value;
  printf("squares");
  for (int i = 0; i < count; i++)
    printf(" %d", squares[i]);
  printf("\n");
  // CHECK: squares 16 9 4 1 0
  // WITHOUT: squares 1515870810 1515870810 1515870810 1515870810 1515870810
  return 0;
}
