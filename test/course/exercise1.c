// Course exercise 1 — reference solution (docs/course.md, "Exercise 1: predict the report").
// The six functions are the exercise; the CHECK lines are the prediction: every line of
// `escc report` for this file, in order; any other "moved to heap"/"leaking param" line fails.
//
// RUN: %escc report %s \
// RUN:   | FileCheck %s --implicit-check-not='moved to heap' --implicit-check-not='leaking param'

int *keep;

int *identity(int *p) { return p; }

int twice(const int *v) { return 2 * *v; }

int local_only(void) {
  int y = 3;
  return *identity(&y) + twice(&y);
}

int *returned_through(void) {
  int z = 4;
  return identity(&z);
}

void publish(int **out) {
  int x = 5;
  int w = 6;
  keep = &w;
  *out = &x;
}

int *first(int **list) { return list[0]; }

// 1. identity hands its parameter back: a leak to the result, level 0 (no dereference).
// CHECK: {{.*}}exercise1.c:10:20: leaking param: p to result ~r0 level=0
// 2. twice only reads through v.
// CHECK: {{.*}}exercise1.c:12:22: v does not escape
// 3. local_only: identity's summary says "p comes back as the result", and the result is only
//    dereferenced here, so y stays on the stack: no line at all.
// 4. returned_through: the same summary, but now the result is returned: z moves.
// CHECK: {{.*}}exercise1.c:20:7: moved to heap: z
// 5. publish: storing into *out does not leak out itself, but x now lives in caller memory;
//    w is stored in a global. Lines are sorted by position: out (24:20) before x and w.
// CHECK: {{.*}}exercise1.c:24:20: out does not escape
// CHECK: {{.*}}exercise1.c:25:7: moved to heap: x
// CHECK: {{.*}}exercise1.c:26:7: moved to heap: w
// 6. first returns what list points to: a leak to the result after one dereference.
// CHECK: {{.*}}exercise1.c:31:18: leaking param: list to result ~r0 level=1
