// Course exercise 4 — reference solution (docs/course.md, "Exercise 4: a needless promotion").
// span() returns `end - buf`, a length, yet `buf` moves to the heap. escc knows that the
// difference of two pointers into the *same* local is an offset, not an address (count()
// keeps `a` on the stack), but it cannot see that strchr's result points into buf: the trace
// that finds a pointer's object stops at a call's result. So the `sub` mixes &buf with an
// unknown pointer, and, as any arithmetic may carry an address, reaches ~r0 with derefs -1.
// (A difference of two pointers does not pin the object: docs/design.md, "Pinning".)
// span_by_index computes the same without subtracting addresses and keeps `buf` on the stack.
// rebuild() is the guard any fix must keep: &b + (a - &b) *is* a, built from a difference of
// addresses of two different objects, so a (and b) must still move; b, whose address goes into
// an addition, is pinned.
//
// RUN: %escc report -m=2 %s | FileCheck %s --implicit-check-not='moved to heap'
// RUN: %escc ir %s | FileCheck %s --check-prefix=IR
#include <stdint.h>
#include <string.h>

long span(const char *s) {
  char buf[32];
  strncpy(buf, s, sizeof buf - 1);
  buf[31] = '\0';
  char *end = strchr(buf, '\0');
  return end - buf;
}

long span_by_index(const char *s) {
  char buf[32];
  strncpy(buf, s, sizeof buf - 1);
  buf[31] = '\0';
  long n = 0;
  while (buf[n] != '\0')
    ++n;
  return n;
}

long count(void) {
  int a[8];
  int *end = &a[8];
  return end - a;
}

int *rebuild(void) {
  int a[8];
  int b;
  uintptr_t offset = (uintptr_t)a - (uintptr_t)&b;
  return (int *)((uintptr_t)&b + offset);
}

// The explanation: from &buf through the pointer difference to the result.
// CHECK:      exercise4.c:19:8: buf escapes to heap:
// CHECK-NEXT: exercise4.c:19:8:   flow: ~r0 = &buf:
// CHECK-NEXT: exercise4.c:19:8:     from &buf (address-of) at {{.*}}exercise4.c:19:8
// CHECK-NEXT: exercise4.c:19:8:     from getelementptr {{.*}} (copy) at {{.*}}exercise4.c:23:16
// CHECK-NEXT: exercise4.c:19:8:     from ptrtoint {{.*}} (copy) at {{.*}}exercise4.c:23:14
// CHECK-NEXT: exercise4.c:19:8:     from arithmetic {{.*}} (copy) at {{.*}}exercise4.c:23:14
// CHECK-NEXT: exercise4.c:19:8:     from return (return) at {{.*}}exercise4.c:23:3
// CHECK-NEXT: exercise4.c:19:8: moved to heap: buf
// The guard: both objects of rebuild move.
// CHECK:      exercise4.c:43:7: moved to heap: a
// CHECK:      exercise4.c:44:7: moved to heap: b

// IR-LABEL: define {{.*}}@span(
// IR:       call ptr @esc_alloc(i64 32,
// IR-LABEL: define {{.*}}@span_by_index(
// IR-NOT:   esc_alloc
// IR-LABEL: define {{.*}}@count(
// IR-NOT:   esc_alloc
// IR-LABEL: define {{.*}}@rebuild(
// IR:       call ptr @esc_alloc_atomic(i64 32,
// IR:       call ptr @esc_alloc_pinned(i64 4,
