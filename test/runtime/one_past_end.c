// A pointer one past the end of an object keeps that object (escrt adds a byte of slack), never
// the object allocated right after it.
// RUN: %cc_escrt -O1 %s %escrt -o %t && %t | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %t | FileCheck %s
// CHECK: adjacent: yes
// CHECK: next freed: yes
// CHECK: first kept: yes
#include "Inputs/churn.h"

char *volatile end_of_first;
uintptr_t hidden_second;

__attribute__((noinline)) static void make(void) {
  /* 32 bytes: exactly a size class, so without slack the next slot would start at the end. */
  char *first = NULL, *second = NULL;
  for (int i = 0; i < 64 && !second; i++) {
    char *a = esc_alloc(32, 0), *b = esc_alloc(32, 0);
    if (b > a && b - a <= 48) {
      first = a;
      second = b;
    }
  }
  fill(first, 32, 4);
  end_of_first = first + 32;
  hidden_second = hide(second);
  printf("adjacent: %s\n", second ? "yes" : "no");
}

int main(void) {
  make();
  clobber_stack();
  esc_collect();
  /* The freed slot is the lowest free one of a partial block, so it comes back quickly. */
  int reused = 0;
  for (int i = 0; i < 500 && !reused; i++)
    reused = hide(esc_alloc(32, 0)) == hidden_second;
  printf("next freed: %s\n", reused ? "yes" : "no");
  churn("one past end", hide(end_of_first - 32), 32, 1000);
  check("one past end", end_of_first - 32, 32, 4);
  printf("first kept: yes\n");
  return 0;
}
