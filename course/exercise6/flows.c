// Course exercise 6 (course/exercise6/README.md): predict the flows. Do not change this file.
struct node {
  struct node *next;
  int value;
};

struct node *head;

void push(struct node *n) {
  n->next = head;
  head = n;
}

void add_node(void) {
  struct node a = {0, 1};
  struct node *p = &a;
  push(p);
}

int *pick(int *x, int *y, int which) { return which ? x : y; }

int *choose(int which) {
  int u = 1, v = 2;
  int *r = pick(&u, &v, which);
  return r;
}

void via_slot(int **out) {
  int w = 3;
  int *tmp = &w;
  int **slot = &tmp;
  *out = *slot;
}
