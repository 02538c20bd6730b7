// The plain-pointer-slot rule (store_targets.c): `struct node *cur = &a; cur->next = &b;`
// stores through a pointer loaded from `cur`, a slot used only by loads and stores, whose
// only stored value is &a. So the store writes a, not unknown memory: neither a nor b moves.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

struct node {
  struct node *next;
  int value;
};

int link_two(struct node *unrelated) {
  struct node a = {0, 1}, b = {0, 2};
  struct node *cur = &a;
  cur->next = &b;
  unrelated->value = cur->next->value;
  return a.next->value;
}

// CHECK-NOT: moved to heap: a{{$}}
// CHECK-NOT: moved to heap: b{{$}}
// CHECK: {{.*}}plain-pointer-slot.c:12:27: unrelated does not escape
