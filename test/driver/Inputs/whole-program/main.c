/* Whole-program promotion (test/driver/whole-program*.test): main hands two locals to functions
 * in other files. sum (sum.c) only reads its array: per file an unknown callee, so `numbers`
 * moves to the heap; whole-program its summary says the array does not escape. remember
 * (keep.c) keeps its pointer in a global, so `kept` escapes in both modes and must still be
 * alive, and 42, after store returned and the collector ran. */
#include <stdio.h>

int sum(const int *values, int count);
void remember(int *value);
int recall(void);

static void store(void) {
  int kept = 42;
  remember(&kept);
}

int main(void) {
  int numbers[4] = {1, 2, 3, 4};
  store();
  printf("sum %d, kept %d\n", sum(numbers, 4), recall());
  return 0;
}
