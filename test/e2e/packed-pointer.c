// An address stored in a misaligned field of a packed struct: the collector reads memory one
// aligned word at a time and never sees it, so the stored object is allocated pinned (the store
// has an alignment below the address size). Before, the object was collectable and freed by the
// first collection, and the program read whatever reused its memory.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// CHECK: packed field: 5 15
#include "Inputs/dangling.h"
#include <stdio.h>

struct connection {
  long id, check;
};

struct __attribute__((packed)) holder {
  char tag;
  struct connection *connection; /* at offset 1 */
} holder;

struct connection *last_junk;

/* Allocates a collectable object of the same size each call, filled with junk. */
__attribute__((noinline)) static void junk(long i) {
  struct connection j = {-i, -i};
  last_junk = &j;
}

__attribute__((noinline)) static void keep(long id) {
  struct connection c = {id, id * 3};
  holder.connection = &c;
}

int main(void) {
  keep(5);
  for (long i = 0; i < 2000; i++)
    junk(i);
  clobber_stack();
  printf("packed field: %ld %ld\n", holder.connection->id, holder.connection->check);
  return 0;
}
