// A wrong submission: escape_by_memcpy stores through out directly, stays_by_memcpy lets its
// local escape.
#include <stdio.h>
#include <string.h>

struct holder {
  int *p;
};

int *global;

struct holder escape_in_struct(void) {
  int x = 1;
  struct holder h = {&x};
  return h;
}

void escape_by_memcpy(int **out) {
  int y = 2;
  *out = &y;
}

int stays_in_struct(void) {
  int w = 4;
  struct holder h = {&w};
  return *h.p;
}

int stays_by_memcpy(void) {
  int z = 3;
  int *tmp = &z;
  memcpy(&global, &tmp, sizeof tmp);
  return z;
}

int main(void) {
  struct holder h = escape_in_struct();
  int *q = NULL;
  escape_by_memcpy(&q);
  printf("%d %d %d %d\n", h.p ? *h.p : -1, q ? *q : -1, stays_in_struct(), stays_by_memcpy());
  return 0;
}
