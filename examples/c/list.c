/* list.c — a linked list of addresses: each node is a local of push_node, linked by storing
 * its address into the previous node (memory the caller can see). Every node moves to the heap
 * and the list stays valid after the frames that created it are gone. */
#include <stdio.h>

struct node {
  int value;
  struct node *next;
};

static struct node *head;

static void push_node(int value) {
  struct node node = {value, head};
  head = &node; /* stored to a global: escapes */
}

static int sum_list(const struct node *list) {
  int sum = 0;
  for (; list; list = list->next)
    sum += list->value;
  return sum;
}

int main(void) {
  for (int i = 1; i <= 10; i++)
    push_node(i);
  printf("sum %d, first %d\n", sum_list(head), head->value);
  return 0;
}
