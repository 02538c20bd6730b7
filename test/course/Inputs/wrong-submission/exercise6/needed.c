/* Course exercise 6 (course/exercise6/README.md): which promotions did this run need? Predict
 * the audit of this program as it is; then change indirect() in your copy (task 3). */
#include <stdio.h>

struct node {
  struct node *next;
  int value;
};

static struct node *list;
static int *last_negative;
static int *spare;

/* Each node is put on the global list. */
static void push(int value) {
  struct node n = {list, value};
  list = &n;
}

/* x's address is kept only when value is negative. */
static int check(int value) {
  int x = value;
  if (value < 0)
    last_negative = &x;
  return x;
}

/* twice only reads through its pointer, but it is called through a function pointer. */
static int twice(const int *p) { return 2 * *p; }
static int (*volatile apply)(const int *) = twice;

static int indirect(int value) {
  int y = value;
  int copy = y;
  return apply(&copy);
}

/* Called only when the program gets five arguments or more. */
static void keep_spare(int value) {
  int z = value;
  spare = &z;
}

int main(int argc, char **argv) {
  (void)argv;
  for (int i = 1; i <= 4; i++)
    push(i);
  int values[] = {-1, 2, -3, 4, 5, 6};
  int sum = 0;
  for (int i = 0; i < 6; i++)
    sum += check(values[i]);
  for (int i = 0; i < 3; i++)
    sum += indirect(i);
  if (argc > 5)
    keep_spare(argc);
  printf("%d %d\n", list->value, sum);
  return 0;
}
