#include <alloca.h>
#include <stdio.h>
int *dyn(int n) {
  int *p = alloca(n * sizeof *p);
  p[0] = 7;
  return p;
}
int main(void) {
  printf("%d\n", *dyn(4));
  return 0;
}
