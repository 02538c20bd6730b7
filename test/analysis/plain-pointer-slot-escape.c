// The plain-pointer-slot rule keeps soundness: `cur = &a; cur->next = &b;` puts &b inside
// a, so when a escapes (returned) b must escape too. And when the slot may also hold a
// parameter (`cur = flag ? &c : param`), storing &d through it writes caller memory: d
// escapes (stored-to-parameter).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

struct node {
  struct node *next;
  int value;
};

struct node *chain(void) {
  struct node a = {0, 1}, b = {0, 2};
  struct node *cur = &a;
  cur->next = &b;
  return &a;
}

void maybe_param(struct node *param, int flag) {
  struct node c = {0, 3}, d = {0, 4};
  struct node *cur;
  if (flag)
    cur = &c;
  else
    cur = param;
  cur->next = &d;
}

// CHECK-DAG: {{.*}}plain-pointer-slot-escape.c:14:15: moved to heap: a
// CHECK-DAG: {{.*}}plain-pointer-slot-escape.c:14:27: moved to heap: b
// CHECK-DAG: {{.*}}plain-pointer-slot-escape.c:21:27: moved to heap: d
// CHECK-DAG: (stored-to-parameter)
