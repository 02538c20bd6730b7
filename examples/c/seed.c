/* seed.c — the seed's two programs in C. getNum returns the address of its local: in plain C a
 * dangling pointer, under escc `number` moves to the heap (as Go does). add only reads through
 * its pointer, so `num` stays on the stack.
 *
 *   escc report examples/c/seed.c    escc run examples/c/seed.c */
#include <stdio.h>

int *getNum(void) {
  int number = 42;
  return &number;
}

int add(const int *a, int b) { return *a + b; }

int main(void) {
  int *p = getNum();
  int num = 1;
  int sum = add(&num, 2);
  getNum(); /* a second call must not overwrite the first object */
  printf("%d %d\n", sum, *p);
  return 0;
}
