// C11: the text printf("%p") makes of a pointer, read back by sscanf("%p"), is the same pointer.
// A variable whose address is printed with %p (constant format) therefore escapes, and the
// text hides it from the collector: it is pinned. Other conversions only read their arguments,
// so a buffer printed with %s stays on the stack; %p is found by position (`%2$p`) and after
// `*` widths too.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s
// RUN: %escc report %s 2>&1 | FileCheck %s --check-prefix=REPORT --implicit-check-not='moved to heap'
// RUN: %escc ir %s | FileCheck %s --check-prefix=PINNED
#include "Inputs/dangling.h"
#include <stdio.h>

static char text[3][64];

__attribute__((noinline)) static void publish(void) {
  int first = 45;
  int second = 46;
  int third = 47;
  char label[8] = "label";
  snprintf(text[0], sizeof text[0], "%s %p", label, (void *)&first);
  sprintf(text[1], "%2$p %1$d", 3, (void *)&second);
  sprintf(text[2], "%*d %p", 4, 5, (void *)&third);
}
// REPORT-DAG: printf-pointer-text.c:[[@LINE-8]]:7: moved to heap: first
// REPORT-DAG: printf-pointer-text.c:[[@LINE-8]]:7: moved to heap: second
// REPORT-DAG: printf-pointer-text.c:[[@LINE-8]]:7: moved to heap: third
// PINNED-COUNT-3: call ptr @esc_alloc_pinned(

int main(void) {
  publish();
  clobber_stack();
  char label[8];
  int width;
  int *first, *second, *third;
  sscanf(text[0], "%7s %p", label, (void **)&first);
  sscanf(text[1], "%p", (void **)&second);
  sscanf(text[2], "%d %p", &width, (void **)&third);
  printf("%s %d %d %d\n", label, *first, *second, *third);
  // CHECK: label 45 46 47
  return 0;
}
