// A `naked` function (and any function whose body is inline asm only) uses its parameters in
// ways the IR does not show: its parameters look unused. It is unknown code — every parameter
// leaks, pinned — so the caller's variable whose address it gets moves to the heap.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
// RUN: %escc report %s 2>&1 | FileCheck %s --check-prefix=REPORT
#include "Inputs/dangling.h"
#include <stdio.h>

int *stash_slot;

/* stash_slot = p, in x86-64 assembly (p arrives in %rdi). */
__attribute__((naked, noinline)) void stash(int *p) {
  __asm__("movq %rdi, stash_slot(%rip)\n\tret");
}
// REPORT-DAG: naked-function.c:stash: leaking param: %0

__attribute__((noinline)) static void keep(void) {
  int kept = 48;
  stash(&kept);
}
// REPORT-DAG: naked-function.c:[[@LINE-3]]:7: moved to heap: kept

int main(void) {
  keep();
  clobber_stack();
  printf("kept %d\n", *stash_slot);
  // CHECK: kept 48
  return 0;
}
