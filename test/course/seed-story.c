// The seed's stack/heap story (docs/course.md, "The seed"). getNum returns the address of its
// local: plain C warns and the pointer dangles (the second call reuses the same stack slot, so
// the first value is lost or garbage); escc moves `number` to the heap and both values survive,
// even with a collection on every allocation.
//
// RUN: %clang -O0 -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=CLANG
// RUN: %escc report -m=2 %s | FileCheck %s --check-prefix=REPORT
// RUN: env ESC_GC_STRESS=1 %escc run %s | FileCheck %s --check-prefix=OUT
// RUN: %clang -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.exe
// RUN: env ESC_GC_STRESS=1 %t.exe | FileCheck %s --check-prefix=OUT
#include <stdio.h>

int *getNum(void) {
  int number = 42;
  return &number;
}

int main(void) {
  int *p = getNum();
  int *q = getNum();
  *q = 7;
  printf("%d %d\n", *p, *q);
  return 0;
}

// CLANG: seed-story.c:15:11: warning: address of stack memory {{.*}} 'number' returned

// REPORT:      seed-story.c:14:7: number escapes to heap:
// REPORT-NEXT: seed-story.c:14:7:   flow: ~r0 = &number:
// REPORT-NEXT: seed-story.c:14:7:     from &number (address-of) at {{.*}}seed-story.c:14:7
// REPORT-NEXT: seed-story.c:14:7:     from return (return) at {{.*}}seed-story.c:15:3
// REPORT-NEXT: seed-story.c:14:7: moved to heap: number
// REPORT-NOT:  moved to heap

// OUT: 42 7
