// An address turned into an integer pins its variable only when the integer may disguise it
// (docs/design.md, "Pinning"): become a pointer again (inttoptr), be stored to memory, returned,
// handed to a function, or printed into memory by sprintf. Hashing it into a bucket index,
// comparing it, testing its alignment and printing it with %lx to a stream hide nothing: those
// variables are collected like any other (esc_alloc_atomic: an int holds no pointer). Each
// variable escapes (sink) so that it is promoted at all. The program runs under ESC_GC_STRESS.
// RUN: %escc ir -O0 %s | FileCheck %s
// RUN: %escc ir -O0 %s | %opt -passes=verify -disable-output
// RUN: %escc build %s -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s --check-prefix=OUT
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int *sink;
uintptr_t saved_word;
unsigned counts[64];
struct holder {
  uintptr_t address;
} held;
char text[32];

__attribute__((noinline)) void take(uintptr_t address) { saved_word = address; }

// CHECK-LABEL: define {{.*}}void @bucket(
// CHECK: call ptr @esc_alloc_atomic(
void bucket(unsigned *table, unsigned long n) {
  int x = 0;
  sink = &x;
  counts[((uintptr_t)&x >> 4) % 64]++;
  table[((uintptr_t)&x >> 4) % n]++;
}

// CHECK-LABEL: define {{.*}}i32 @compare(
// CHECK: call ptr @esc_alloc_atomic(
int compare(int *other) {
  int x = 0;
  sink = &x;
  uintptr_t mine = (uintptr_t)&x;
  return mine < (uintptr_t)other;
}

// CHECK-LABEL: define {{.*}}i32 @aligned(
// CHECK: call ptr @esc_alloc_atomic(
int aligned(void) {
  int x = 0;
  sink = &x;
  return ((uintptr_t)&x & 15) == 0;
}

// CHECK-LABEL: define {{.*}}void @print(
// CHECK: call ptr @esc_alloc_atomic(
void print(void) {
  int x = 0;
  sink = &x;
  fprintf(stderr, "%lx\n", (unsigned long)&x);
}

// gawk's persistent-memory allocator, in small: it reads the block header before the pointer it
// is given through a stripped tag (the address with its low bits cleared points into the same
// object), which does not pin `buf`.
struct header {
  struct header *next;
};

__attribute__((noinline)) static unsigned long block_size(void *ptr) {
  struct header *h = (struct header *)ptr - 1;
  struct header *end = (struct header *)((uintptr_t)h->next & ~(uintptr_t)7);
  return (unsigned long)((uintptr_t)end - (uintptr_t)h);
}

// CHECK-LABEL: define {{.*}}i32 @measured(
// CHECK: call ptr @esc_alloc(
int measured(void) {
  char *buf[4] = {0};
  buf[0] = (char *)&buf[3];
  sink = (int *)buf;
  return block_size(&buf[1]) == 3 * sizeof(char *);
}

// Still pinned: %p text, even printed to a stream, can be read back as the same pointer (C11:
// a file or pipe the program reads again, open_memstream).
// CHECK-LABEL: define {{.*}}void @print_pointer(
// CHECK: call ptr @esc_alloc_pinned(
void print_pointer(void) {
  int x = 0;
  sink = &x;
  fprintf(stderr, "%p\n", (void *)&x);
}

// Still pinned: the integer keeps every bit of the address and goes where the walk ends.
// CHECK-LABEL: define {{.*}}void @xor_stored(
// CHECK: call ptr @esc_alloc_pinned(
void xor_stored(uintptr_t key) {
  int x = 0;
  sink = &x;
  saved_word = (uintptr_t)&x ^ key;
}

// CHECK-LABEL: define {{.*}}void @in_struct(
// CHECK: call ptr @esc_alloc_pinned(
void in_struct(void) {
  int x = 0;
  sink = &x;
  held.address = (uintptr_t)&x;
}

// Handed to a function: this file's own, or the C library's, which keeps the seed's bits.
// CHECK-LABEL: define {{.*}}void @handed_over(
// CHECK: call ptr @esc_alloc_pinned(
void handed_over(void) {
  int x = 0;
  sink = &x;
  take((uintptr_t)&x);
}

// CHECK-LABEL: define {{.*}}void @handed_to_library(
// CHECK: call ptr @esc_alloc_pinned(
void handed_to_library(void) {
  int x = 0;
  sink = &x;
  srand48((long)&x);
}

// CHECK-LABEL: define {{.*}}i32 @round_trip(
// CHECK: call ptr @esc_alloc_pinned(
int round_trip(uintptr_t key) {
  int x = 7;
  sink = &x;
  uintptr_t hidden = (uintptr_t)&x ^ key;
  return *(int *)(hidden ^ key);
}

// CHECK-LABEL: define {{.*}}i64 @returned(
// CHECK: call ptr @esc_alloc_pinned(
uintptr_t returned(void) {
  int x = 0;
  sink = &x;
  return (uintptr_t)&x;
}

// sprintf's text stays in memory, where sscanf("%lx") could read the address back.
// CHECK-LABEL: define {{.*}}void @printed_to_memory(
// CHECK: call ptr @esc_alloc_pinned(
void printed_to_memory(void) {
  int x = 0;
  sink = &x;
  snprintf(text, sizeof text, "%lx", (unsigned long)&x);
}

int main(void) {
  unsigned table[8] = {0};
  bucket(table, 8);
  int other = 0;
  compare(&other);
  aligned();
  print();
  print_pointer();
  printf("%d\n", measured());
  // OUT: 1
  xor_stored(0x5a5a);
  in_struct();
  handed_over();
  handed_to_library();
  printf("%d\n", round_trip(0x5a5a));
  returned();
  printed_to_memory();
  // OUT-NEXT: 7
  // The last promoted variable is still reachable (sink) and intact after collections.
  *sink = 42;
  free(malloc(1 << 20));
  printf("%d\n", *sink);
  // OUT-NEXT: 42
  return 0;
}
