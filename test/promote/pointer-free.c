// A promoted variable whose debug-info type holds no pointer is allocated with esc_alloc_atomic
// (never scanned); one whose type may hold an address keeps esc_alloc: pointers, integers as
// wide as a pointer (a pointer may be cast into them), arrays of characters (storage for other
// objects' bytes), unions with a pointer, and a variable into which the function stores a
// pointer whatever its type. The program runs under ESC_GC_STRESS with the choices made, and
// every object survives a collection with its contents.
// RUN: %escc ir %s | FileCheck %s
// RUN: %escc ir %s | %opt -passes=verify -disable-output
// RUN: %escc build %s -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s --check-prefix=OUT
#include <stdint.h>
#include <stdio.h>

struct point {
  double x, y;
  int tag;
};
struct node {
  struct node *next;
  int value;
};
typedef short sample;
enum color { red, green };

__attribute__((noinline)) void keep(void *p);
void *kept[32];
int kept_count;
__attribute__((noinline)) void keep(void *p) { kept[kept_count++] = p; }

__attribute__((noinline)) void locals(void) {
  // CHECK-LABEL: define {{.*}}void @locals()
  double d = 1.5;
  // CHECK-DAG: %d.heap = call ptr @esc_alloc_atomic(i64 8, i64 8)
  int i = 2;
  // CHECK-DAG: %i.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
  struct point p = {3, 4, 5};
  // CHECK-DAG: %p.heap = call ptr @esc_alloc_atomic(i64 24, i64 8)
  sample samples[10] = {6};
  // CHECK-DAG: %samples.heap = call ptr @esc_alloc_atomic(i64 20, i64 16)
  enum color c = green;
  // CHECK-DAG: %c.heap = call ptr @esc_alloc_atomic(i64 4, i64 4)
  long l = 7;
  // CHECK-DAG: %l.heap = call ptr @esc_alloc(i64 8, i64 8)
  uintptr_t u = 11;
  // CHECK-DAG: %u.heap = call ptr @esc_alloc(i64 8, i64 8)
  struct node n = {0, 8};
  // CHECK-DAG: %n.heap = call ptr @esc_alloc(i64 16, i64 8)
  char text[16] = "nine";
  // CHECK-DAG: %text.heap = call ptr @esc_alloc(i64 16, i64 16)
  union {
    long number;
    char *name;
  } either = {10};
  // CHECK-DAG: %either.heap = call ptr @esc_alloc(i64 8, i64 8)
  double punned = 0;
  *(struct node **)&punned = &n;
  // CHECK-DAG: %punned.heap = call ptr @esc_alloc(i64 8, i64 8)
  keep(&d), keep(&i), keep(&p), keep(samples), keep(&c), keep(&l), keep(&u), keep(&n);
  keep(text), keep(&either), keep(&punned);
}

void esc_collect(void);

int main(void) {
  locals();
  esc_collect();
  struct node *via_punned = *(struct node **)kept[10];
  printf("%g %d %g %d %d %d %ld %s %ld %d\n", *(double *)kept[0], *(int *)kept[1],
         ((struct point *)kept[2])->y, ((short *)kept[3])[0], *(int *)kept[4], via_punned->value,
         *(long *)kept[5], (char *)kept[8], *(long *)kept[9], ((struct node *)kept[7])->value);
  // OUT: 1.5 2 4 6 1 8 7 nine 10 8
  return 0;
}
