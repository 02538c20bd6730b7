/* outparam.c — an out-parameter API: make_pair hands addresses of its locals back through the
 * pointers the caller passed in (stored to parameter memory: they escape), while
 * read_pair only reads through its parameters (they do not escape). */
#include <stdio.h>

static void make_pair(int **first, int **second) {
  int left = 20, right = 22;
  *first = &left;
  *second = &right;
}

static int read_pair(const int *first, const int *second) { return *first + *second; }

int main(void) {
  int *a, *b;
  make_pair(&a, &b);
  int x = 1, y = 2;
  printf("%d %d\n", read_pair(a, b), read_pair(&x, &y));
  return 0;
}
