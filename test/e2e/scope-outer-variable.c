// Go's loop-depth rule, with C's scopes: an address stored in a variable that outlives the
// variable it points to — a loop body's struct linked into a list whose head is declared
// outside the loop, `p = &x` where p lives longer than x's block — escapes inside the
// function, so the variable moves to the heap and gets a new object per scope entry. Without
// the rule every iteration reuses one stack slot and the list becomes a cycle.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
// RUN: %escc report -m=2 %s 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: %escc report --format=json %s | FileCheck %s --check-prefix=JSON
#include <stdio.h>

struct item {
  int value;
  struct item *next;
};

__attribute__((noinline)) static void chain(int count) {
  struct item *head = NULL;
  for (int i = 0; i < count; i++) {
    struct item link = {i + 1, head};
    head = &link;
  }
  printf("chain");
  for (int steps = 0; head && steps < 8; head = head->next, steps++)
    printf(" %d", head->value);
  printf("\n");
}
// REPORT: scope-outer-variable.c:[[@LINE-8]]:17:   flow: head = &link:
// REPORT: scope-outer-variable.c:[[@LINE-9]]:17: moved to heap: link
// JSON: "variable": "link",
// JSON: "reason": "stored-in-outer-scope",

__attribute__((noinline)) static int outer(void) {
  int *p;
  {
    int x = 7;
    p = &x;
  }
  return *p;
}
// REPORT: scope-outer-variable.c:[[@LINE-5]]:9: moved to heap: x

// Same scope: the pointer never outlives what it points to.
__attribute__((noinline)) static int same(void) {
  int y = 8;
  int *q = &y;
  return *q;
}
// REPORT-NOT: moved to heap: y

int main(void) {
  chain(4);
  // CHECK: chain 4 3 2 1
  printf("outer %d same %d\n", outer(), same());
  // CHECK: outer 7 same 8
  return 0;
}
