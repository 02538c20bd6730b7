/* shared-module.c — for cc-shared.test: a shared library whose function returns the address of
 * its local (promoted: it calls esc_alloc), and a program that keeps the returned objects only in
 * malloc'ed nodes while it allocates more (a collection every allocation under ESC_GC_STRESS=1). */
#ifdef MODULE
long *module_number(long value) {
  long number = value;
  return &number;
}
#else
#include <stdio.h>
#include <stdlib.h>

long *module_number(long value);

int main(void) {
  long **nodes = malloc(100 * sizeof *nodes);
  for (long i = 0; i < 100; i++)
    nodes[i] = module_number(i * 7);
  long sum = 0;
  for (long i = 0; i < 100; i++)
    sum += *nodes[i];
  printf("sum %ld\n", sum);
  return 0;
}
#endif
