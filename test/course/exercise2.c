// Course exercise 2 — reference solution (docs/course.md, "Exercise 2: addresses hidden in
// copies"). Two addresses escape without any pointer-typed store or return in the source:
// x inside a struct returned by value (clang returns struct holder as an i64 and copies it
// with memcpy), y through memcpy into caller memory. Two look alike but stay on the stack:
// z is copied with memcpy between two locals, w's struct only yields an int.
// The program then runs with a collection on every allocation: x and y must still be valid.
//
// RUN: %escc report -m=2 %s | FileCheck %s --implicit-check-not='moved to heap'
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s --check-prefix=OUT
#include <stdio.h>
#include <string.h>

struct holder {
  int *p;
};

struct holder wrap(void) {
  int x = 1;
  struct holder h = {&x};
  return h;
}

void copy_out(int **out) {
  int y = 2;
  int *tmp = &y;
  memcpy(out, &tmp, sizeof tmp);
}

int copy_local(void) {
  int z = 3;
  struct holder a = {&z};
  struct holder b;
  memcpy(&b, &a, sizeof a);
  return *b.p;
}

struct value {
  int v;
};

struct value read_through(void) {
  int w = 4;
  struct holder h = {&w};
  struct value r = {*h.p};
  return r;
}

int main(void) {
  struct holder h = wrap();
  int *q;
  copy_out(&q);
  struct holder h2 = wrap();
  *h2.p = 10;
  printf("%d %d %d %d %d\n", *h.p, *q, copy_local(), read_through().v, *h2.p);
  return 0;
}

// x: the struct holding &x is what the function returns.
// CHECK:      exercise2.c:18:7: x escapes to heap:
// CHECK-NEXT: exercise2.c:18:7:   flow: h = &x:
// CHECK:      exercise2.c:18:7:   flow: ~r0 = h:
// CHECK:      exercise2.c:18:7:     from return (return)
// CHECK-NEXT: exercise2.c:18:7: moved to heap: x
// y: memcpy(out, &tmp) is *out = tmp, and out is caller memory.
// CHECK:      exercise2.c:24:7: y escapes to heap:
// CHECK-NEXT: exercise2.c:24:7:   flow: tmp = &y:
// CHECK:      exercise2.c:24:7:   flow: {heap} = tmp:
// CHECK:      (stored-to-parameter)
// CHECK-NEXT: exercise2.c:24:7: moved to heap: y

// OUT: 1 2 3 4 10
