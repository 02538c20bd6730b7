// Without lifetime markers (-O0) and without debug info (no -g) the rewrite cannot tell where a
// promoted variable's scope begins, so it gives the variable one object per call — and says so,
// once per function, never silently. With -g the scope comes from debug info: no warning. A
// variable whose scope is the whole function needs neither.
// RUN: %clang -O0 -fpass-plugin=%plugin -c %s -o %t.o 2>&1 | FileCheck %s
// RUN: %clang -O0 -g -fpass-plugin=%plugin -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --check-prefix=DEBUG
// RUN: %clang -O2 -fpass-plugin=%plugin -c %s -o %t.o 2>&1 | FileCheck %s --allow-empty --check-prefix=MARKERS

int *kept[8];

void keep_each(int count) {
  for (int i = 0; i < count && i < 8; i++) {
    int value = i;
    int twice = 2 * i;
    kept[i] = &value;
    kept[7 - i] = &twice;
  }
}

// CHECK: escc: warning: keep_each: no scope information; promoted variables get one object per call; compile with -g
// CHECK-NOT: warning
// DEBUG-NOT: warning
// MARKERS-NOT: warning
