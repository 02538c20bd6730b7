#include <stdint.h>

uintptr_t table;

void hash(void) {
  int hashed = 1;
  table = (uintptr_t)&hashed * 31u;
}

int *give(void) {
  int returned = 2;
  return &returned;
}

int same(int *p) {
  int compared = 3;
  return p == &compared;
}
