// A variable-length array whose address is kept after its function returns: the pass replaces
// the dynamic alloca by one collected object of n elements where the array is declared.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 4 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 4 | FileCheck %s
// RUN: %cc_escrt -O0 %s -o %t.without
// RUN: %t.without 4 | FileCheck %s --check-prefix=WITHOUT
#include "Inputs/dangling.h"
#include <stdio.h>
#include <stdlib.h>

long *kept;

__attribute__((noinline)) static void fill_cubes(int n) {
  long cubes[n];
  for (int i = 0; i < n; i++)
    cubes[i] = (long)i * i * i;
  kept = cubes;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 5;
  fill_cubes(n);
  clobber_stack();
  long cubes[16];
  for (int i = 0; i < n && i < 16; i++)
    cubes[i] = kept[i];
  printf("cubes");
  for (int i = 0; i < n && i < 16; i++)
    printf(" %ld", cubes[i]);
  printf("\n");
  // CHECK: cubes 0 1 8 27
  // WITHOUT: cubes 6510615555426900570 6510615555426900570 6510615555426900570 6510615555426900570
  return 0;
}
