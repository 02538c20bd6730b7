/* list.h — a malloc'ed list of int pointers for the end-to-end tests of scopes: each test keeps
 * the address of a variable of a loop body in a new node, then prints what the nodes point to.
 * With one object per scope entry every node shows its own iteration's value; with one object
 * for the whole call they all show the last one.
 *
 * Invariant: the nodes are malloc'ed and never freed, so the pointers they hold are roots for
 * the collector as long as the program runs. */
#ifndef ESCC_TEST_LIST_H
#define ESCC_TEST_LIST_H

#include <stdio.h>
#include <stdlib.h>

struct node {
  int *value;
  struct node *next;
};

/* A new node holding value in front of list. */
static struct node *push(struct node *list, int *value) {
  struct node *node = malloc(sizeof *node);
  node->value = value;
  node->next = list;
  return node;
}

/* "title v1 v2 ...": the values the nodes point to, first node first. */
static void print_list(const char *title, const struct node *list) {
  printf("%s", title);
  for (; list; list = list->next)
    printf(" %d", *list->value);
  printf("\n");
}

#endif /* ESCC_TEST_LIST_H */
