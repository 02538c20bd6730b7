// Course exercise 4 — reference workaround: the same length, computed as an index, so no
// pointer difference involving strchr's result reaches the return and buf stays on the stack.
#include <stdint.h>
#include <string.h>

long span(const char *s) {
  char buf[32];
  strncpy(buf, s, sizeof buf - 1);
  buf[31] = '\0';
  long n = 0;
  while (buf[n] != '\0')
    ++n;
  return n;
}

long count(void) {
  int a[8];
  int *end = &a[8];
  return end - a;
}

int *rebuild(void) {
  int a[8];
  int b;
  uintptr_t offset = (uintptr_t)a - (uintptr_t)&b;
  return (int *)((uintptr_t)&b + offset);
}
