// Course exercise 2 — reference solution. x leaves inside a struct returned by value (clang
// returns struct holder as an i64, so the address travels as an integer); y reaches *out
// through memcpy (memcpy(d, s) is *d = *s). z is copied between two locals and w's struct only
// yields an int: both stay on the stack.
#include <stdio.h>
#include <string.h>

struct holder {
  int *p;
};

struct holder escape_in_struct(void) {
  int x = 1;
  struct holder h = {&x};
  return h;
}

void escape_by_memcpy(int **out) {
  int y = 2;
  int *tmp = &y;
  memcpy(out, &tmp, sizeof tmp);
}

int stays_in_struct(void) {
  int w = 4;
  struct holder h = {&w};
  return *h.p;
}

int stays_by_memcpy(void) {
  int z = 3;
  struct holder a = {&z};
  struct holder b;
  memcpy(&b, &a, sizeof a);
  return *b.p;
}

int main(void) {
  struct holder h = escape_in_struct();
  int *q = NULL;
  escape_by_memcpy(&q);
  printf("%d %d %d %d\n", h.p ? *h.p : -1, q ? *q : -1, stays_in_struct(), stays_by_memcpy());
  return 0;
}
