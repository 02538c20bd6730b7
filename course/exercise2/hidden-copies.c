// Course exercise 2: addresses hidden in copies (course/exercise2/README.md).
// Write the four functions; keep their names (the grader looks for them) and keep main
// printing what they give back.
#include <stdio.h>
#include <string.h>

struct holder {
  int *p;
};

/* A local's address leaves in the struct this function returns (no pointer-typed return). */
struct holder escape_in_struct(void) {
  struct holder h = {0};
  return h;
}

/* A local's address reaches *out through memcpy (no assignment through out in the source). */
void escape_by_memcpy(int **out) { (void)out; }

/* Looks like escape_in_struct, but the local stays on the stack. */
int stays_in_struct(void) { return 0; }

/* Looks like escape_by_memcpy, but the local stays on the stack. */
int stays_by_memcpy(void) { return 0; }

int main(void) {
  struct holder h = escape_in_struct();
  int *q = NULL;
  escape_by_memcpy(&q);
  printf("%d %d %d %d\n", h.p ? *h.p : -1, q ? *q : -1, stays_in_struct(), stays_by_memcpy());
  return 0;
}
