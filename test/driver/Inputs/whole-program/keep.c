/* Keeps the pointer it is given: its target must outlive the caller's frame. */
#include <stdlib.h>

static int *remembered;

void remember(int *value) { remembered = value; }

int recall(void) {
  /* Garbage that would reuse a freed object's memory. */
  for (int i = 0; i < 1000; i++)
    free(calloc(1, sizeof(int)));
  return *remembered;
}
