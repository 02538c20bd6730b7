// Library models, printf and scanf families from real headers (clang may call
// __isoc99_scanf / __isoc23_scanf): varargs are read or written through, never kept — except
// what printf prints with %p (text that sscanf("%p") turns back into the pointer): `shown`
// moves, pinned. n, value, name and out stay on the stack; the control `kept` is stored in a
// global.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <stdio.h>

int *global_pointer;

int io(FILE *in) {
  int n = 0, kept = 0, shown = 0;
  double value;
  char name[16], out[64];
  scanf("%d", &n);
  fscanf(in, "%lf %15s", &value, name);
  sscanf("7", "%d", &n);
  snprintf(out, sizeof out, "%p %d %s", (void *)&shown, n, name);
  sprintf(out, "%f", value);
  fprintf(stderr, "%s %x\n", out, (unsigned)(unsigned long)out);
  printf("%s\n", out);
  puts(out);
  global_pointer = &kept;
  return n;
}

// CHECK: {{.*}}lib-scanf-printf.c:12:14: in does not escape
// CHECK: {{.*}}lib-scanf-printf.c:13:14: moved to heap: kept
// CHECK: {{.*}}lib-scanf-printf.c:13:24: moved to heap: shown
