/* audit-needless.c — promotions the audit (escc run --audit) finds were not needed in a run.
 * x's address goes through a function pointer, so the analysis must promote x (indirect-call),
 * but the callee only writes through it: no x outlives its frame. spare is promoted too, in a
 * function this run never calls. */
#include <stdio.h>

int *kept;

static void fill(int *p) { *p = 7; }

static int use(void (*callback)(int *)) {
  int x;
  callback(&x);
  return x;
}

void never_called(void) {
  int spare = 1;
  kept = &spare;
}

int main(int argc, char **argv) {
  (void)argv;
  int total = 0;
  for (int i = 0; i < 10; i++)
    total += use(fill);
  if (argc > 5)
    never_called();
  printf("%d\n", total);
  return 0;
}
