// Course exercise 4 — reference solution (docs/course.md, "Exercise 4: a needless promotion").
// count() returns `end - a`, a number of elements, yet `a` moves to the heap: the analysis
// lets every integer operation carry an address (a pointer may travel as an integer), so the
// ptrtoint of &a[8], the `sub` and the `sdiv` (shown as "conversion" steps) reach ~r0 with
// derefs -1. Worse, a ptrtoint used for arithmetic hides the address from the collector, so
// the object is allocated pinned: every call leaks 32 bytes for good.
// count_by_index computes the same without subtracting addresses and keeps `a` on the stack.
// rebuild() is the guard any fix must keep: &b + (a - &b) *is* a, built from a difference of
// addresses of two different objects, so a (and b) must still move.
//
// RUN: %escc report -m=2 %s | FileCheck %s --implicit-check-not='moved to heap'
// RUN: %escc ir %s | FileCheck %s --check-prefix=IR
#include <stdint.h>

long count(void) {
  int a[8];
  int *end = &a[8];
  return end - a;
}

long count_by_index(void) {
  int a[8];
  long n = 0;
  for (int *p = a; p != &a[8]; ++p)
    ++n;
  return n;
}

int *rebuild(void) {
  int a[8];
  int b;
  uintptr_t offset = (uintptr_t)a - (uintptr_t)&b;
  return (int *)((uintptr_t)&b + offset);
}

// The explanation: from &a through the pointer difference to the result.
// CHECK:      exercise4.c:16:7: a escapes to heap:
// CHECK-NEXT: exercise4.c:16:7:   flow: ~r0 = &a:
// CHECK-NEXT: exercise4.c:16:7:     from &a (address-of) at {{.*}}exercise4.c:16:7
// CHECK-NEXT: exercise4.c:16:7:     from getelementptr {{.*}} (copy) at {{.*}}exercise4.c:18:16
// CHECK-NEXT: exercise4.c:16:7:     from ptrtoint {{.*}} (copy) at {{.*}}exercise4.c:18:14
// CHECK:      exercise4.c:16:7:     from return (return) at {{.*}}exercise4.c:18:3
// CHECK-NEXT: exercise4.c:16:7: moved to heap: a
// The guard: both objects of rebuild move.
// CHECK:      exercise4.c:30:7: moved to heap: a
// CHECK:      exercise4.c:31:7: moved to heap: b

// IR-LABEL: define {{.*}}@count(
// IR:       call ptr @esc_alloc_pinned(i64 32,
// IR-LABEL: define {{.*}}@count_by_index(
// IR-NOT:   esc_alloc
// IR-LABEL: define {{.*}}@rebuild(
