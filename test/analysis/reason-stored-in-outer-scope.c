// Reason stored-in-outer-scope (Go's loop-depth rule, with C's scopes): an address stored in a
// variable of an enclosing scope outlives the variable it points to, even inside one function.
// The scopes come from debug info (the DILocalVariable's DILexicalBlock); variables of the same
// scope, and an outer variable's address kept by an inner one, stay on the stack. A variable
// whose address reaches such an escaped variable follows it to the heap.
// RUN: %clang -g -O0 -Xclang -disable-O0-optnone -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

struct item {
  int value;
  struct item *next;
};

int sum(int count) {
  struct item *head = 0;
  for (int i = 0; i < count; i++) {
    struct item link = {i, head};
    head = &link;
  }
  int total = 0;
  for (struct item *at = head; at; at = at->next)
    total += at->value;
  return total;
}
// CHECK-DAG: reason-stored-in-outer-scope.c:17:17: moved to heap: link
// CHECK-DAG: reason-stored-in-outer-scope.c:17:17:   flow: head = &link:
// CHECK-DAG: reason-stored-in-outer-scope.c:17:17:     from store into head (assign) at {{.*}}reason-stored-in-outer-scope.c:18:10

int inner_keeps_outer(void) {
  int outer = 1;
  int same = 2;
  int *near = &same;
  {
    int *kept = &outer;
    return *kept + *near;
  }
}

int follows(void) {
  int **holder;
  {
    int value = 3;
    int *middle = &value;
    {
      int *deep = &value;
      (void)deep;
    }
    holder = &middle;
  }
  return **holder;
}
// CHECK-DAG: reason-stored-in-outer-scope.c:43:10: moved to heap: middle
// CHECK-DAG: reason-stored-in-outer-scope.c:42:9: moved to heap: value
