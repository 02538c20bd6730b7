// `s->v++` through a struct parameter loads and stores an int: data, not an address, so
// it does not leak what s points to (s does not escape) and the caller's struct, which
// holds &x, stays on the stack with x. Storing s->p (a pointer field) into a global does
// leak s's content. (A float field: narrower than an address, it is data.)
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

struct counter {
  int *p;
  int v;
  float weight;
};
int *published;

void bump(struct counter *s) {
  s->v++;
  s->weight *= 2.0f;
}

void publish(struct counter *t) { published = t->p; }

int use(void) {
  int x = 1, y = 2;
  struct counter c = {&x, 0, 1.0f};
  bump(&c);
  struct counter d = {&y, 0, 1.0f};
  publish(&d);
  return c.v;
}

// CHECK-DAG: {{.*}}struct-param-increment.c:15:27: s does not escape
// CHECK-DAG: {{.*}}struct-param-increment.c:20:30: leaking param content: t
// CHECK-DAG: {{.*}}struct-param-increment.c:23:14: moved to heap: y
