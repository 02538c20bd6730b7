/* A stack of addresses: push keeps the pointer it is given. */
struct stack_node {
  double *value;
  struct stack_node *below;
};
void push(struct stack_node **top, struct stack_node *node, double *value);
double total(const struct stack_node *top);
