/* Each call of add_one pushes the addresses of its own locals onto a stack that outlives it:
 * under escc both locals move to the heap (push, in another file, keeps its arguments). */
#include <math.h>
#include <stdio.h>

#include "stack.h"

static struct stack_node *top;

static void add_one(double value) {
  struct stack_node node;
  double copy = value;
  push(&top, &node, &copy);
}

int main(void) {
  for (int i = 1; i <= 4; i++)
    add_one(sqrt((double)(i * i)));
  printf("%s %.0f\n", GREETING, total(top));
  return 0;
}
