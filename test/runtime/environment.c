// ESC_GC=off never collects; ESC_GC_STRESS=N collects every N allocations; ESC_GC_STATS=1
// prints the counters at exit; ESC_GC_PERCENT moves the threshold.
// RUN: %cc_escrt -O1 %s %escrt -o %t
// RUN: env ESC_GC=off ESC_GC_STRESS=1 %t | FileCheck %s --check-prefix=OFF
// RUN: env ESC_GC_STRESS=10 %t | FileCheck %s --check-prefix=STRESS
// RUN: env ESC_GC_STATS=1 %t 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// RUN: env ESC_GC_PERCENT=0 %t | FileCheck %s --check-prefix=PERCENT
// OFF: collections 0
// OFF: freed 0
// STRESS: collections 100
// STATS: escrt: 1000 allocations, 0 pinned (0 bytes), {{[0-9]+}} live objects, {{[0-9]+}} freed objects
// STATS-NEXT: escrt: 8192000 bytes allocated, {{[0-9]+}} bytes live, {{[0-9]+}} bytes heap,
// STATS-SAME: {{[0-9]+}} bytes malloc, {{[0-9]+}} bytes released
// STATS-NEXT: escrt: {{[1-9][0-9]*}} collections, pause total {{[0-9.]+}} ms, max {{[0-9.]+}} ms
// PERCENT: many collections: yes
#include "Inputs/churn.h"

int main(void) {
  for (int i = 0; i < 1000; i++)
    esc_alloc(8192, 0); /* 8 MiB in total: over the 4 MiB minimum threshold */
  struct esc_stats stats;
  esc_stats(&stats);
  printf("collections %llu\n", (unsigned long long)stats.collections);
  printf("freed %llu\n", (unsigned long long)stats.freed_objects);
  printf("many collections: %s\n", stats.collections >= 2 ? "yes" : "no");
  return 0;
}
