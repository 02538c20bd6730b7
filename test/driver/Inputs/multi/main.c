/* Two files analysed together: keep() (in keeper.c) leaks its parameter, peek() does not. */
#include <stdio.h>

int *keep(int *p);
int peek(const int *p);

int main(void) {
  int kept = 5;
  int peeked = 6;
  int *saved = keep(&kept);
  printf("%d %d\n", peek(&peeked), *saved);
  return 0;
}
