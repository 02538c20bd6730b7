// From gawk 5.2.1 (scripts/torture/package.sh): format_tree, gawk's printf engine, keeps its
// digits in a local buffer `cpbufs` that it replaces by a malloc'ed one when it is too small, and
// measures the result with `cend - cp`. The analysis cannot tell that both pointers lie in the
// same object (the local or the malloc'ed block), takes the subtraction for an address turned
// into an integer, and promotes `cpbufs` *pinned* (esc_alloc_pinned: never collected). Each
// sprintf then leaks 96 bytes: 10^6 sprintf calls grow gawk from 3 MB to 100 MB of RSS
// (escrt's stats: 1000001 pinned objects, 0 freed). The test outputs do not change, memory does.
// Minimal case below: `end` and `p` derive from the same pointer, so `end - p` is an offset in
// whichever object `p` points to and hides no address: a difference of two pointers never pins
// (docs/design.md, "Pinning").
// RUN: %escc ir %s | FileCheck %s
// CHECK: call ptr @esc_alloc(
// CHECK-NOT: call ptr @esc_alloc_pinned(
#include <stdlib.h>

void sink(const char *s, long n);

void f(int c) {
  char buf[30];
  char *p = c ? malloc(30) : buf;
  char *end = p + 30;
  sink(p, end - p);
}
