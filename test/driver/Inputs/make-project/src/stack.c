#include "stack.h"

void push(struct stack_node **top, struct stack_node *node, double *value) {
  node->value = value;
  node->below = *top;
  *top = node;
}

double total(const struct stack_node *top) {
  double sum = 0;
  for (; top; top = top->below)
    sum += *top->value;
  return sum;
}
