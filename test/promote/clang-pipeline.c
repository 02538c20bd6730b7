// clang -fpass-plugin runs escape-promote at the start of the pipeline, at -O0 as at -O2:
// the returned local becomes an esc_alloc object (the driver is not needed), the program
// still works, and the optimiser cleans the box up at -O2 (no alloca is left).
// RUN: %clang -O0 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O0
// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=O2
// RUN: %clang -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s --check-prefix=OUT
// RUN: %clang -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s --check-prefix=OUT
#include <stdio.h>

__attribute__((noinline)) int *make_counter(int start) {
  int counter = start;
  return &counter;
}

// O0-LABEL: define {{.*}}ptr @make_counter(
// O0:         alloca ptr
// O0:         call ptr @esc_alloc_atomic(i64 4, i64 4)
// O2-LABEL: define {{.*}}ptr @make_counter(
// O2-NOT:     alloca
// O2:         [[OBJECT:%.*]] = {{.*}}call {{.*}}ptr @esc_alloc_atomic(i64 {{.*}}4, i64 {{.*}}4)
// O2-NEXT:    store i32 %{{.*}}, ptr [[OBJECT]]
// O2-NEXT:    ret ptr [[OBJECT]]

int main(void) {
  int *a = make_counter(1), *b = make_counter(2);
  ++*a;
  printf("counters %d %d\n", *a, *b);
  // OUT: counters 2 2
  return 0;
}
