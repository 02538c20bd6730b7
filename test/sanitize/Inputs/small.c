// A small program for the driver under memcheck: one escaping local, one that stays.
#include <stdio.h>

static int *global;

int *leak_to_result(void) {
  int number = 42;
  return &number;
}

void keep_local(void) {
  int local = 1;
  int *p = &local;
  printf("%d\n", *p);
}

void store_global(void) {
  int value = 7;
  global = &value;
}

int main(void) {
  int *p = leak_to_result();
  keep_local();
  store_global();
  printf("%d %d\n", *p, *global);
  return 0;
}
