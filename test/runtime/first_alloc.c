// The very first allocation of a process gets a slot of its own size. The size-class table is
// filled when the heap is set up, and the fast paths read it before that: the first esc_alloc
// (or malloc) of a program whose heap was still untouched used to get class 0, a 16-byte slot,
// so a 1,120-byte promoted array overlapped every object allocated after it (csmith seed 6226
// under `escape-promote<promote-all>`, docs/reliability.md).
// RUN: %cc_escrt -O1 %s %escrt -o %t && %t collectable | FileCheck %s --check-prefix=GC
// RUN: %t malloc | FileCheck %s --check-prefix=MALLOC
// GC: collectable first: apart
// MALLOC: malloc first: apart
#include "escrt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* No stdio before the first allocation: printf may malloc its buffer. */
static int apart(const char *first, size_t first_size, const char *second) {
  return second >= first + first_size + 1 || second + 8 <= first;
}

int main(int argc, char **argv) {
  int collectable = argc > 1 && strcmp(argv[1], "collectable") == 0;
  char *first = collectable ? esc_alloc(1120, 0) : malloc(1120);
  char *second = collectable ? esc_alloc(8, 0) : malloc(8);
  int ok = apart(first, 1120, second);
  memset(first, 0xab, 1120);
  memset(second, 0x11, 8);
  for (int i = 0; i < 1120; i++)
    if ((unsigned char)first[i] != 0xab)
      ok = 0;
  printf("%s first: %s\n", collectable ? "collectable" : "malloc", ok ? "apart" : "FAIL: overlap");
  return ok ? 0 : 1;
}
