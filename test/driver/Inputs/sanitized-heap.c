/* sanitized-heap.c — for cc-sanitize.test: a heap use-after-free that ASan reports, in a program
 * that also uses escrt (esc_alloc), so escrt's malloc is linked in. */
#include "escrt.h"
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  void *collectable = esc_alloc(8, 0);
  int *freed = malloc(16);
  free(freed);
  printf("collectable %s\n", collectable ? "allocated" : "missing");
  return freed[0];
}
