// Library model strtol: it stores a pointer into its string in *endptr. `char *end;
// strtol(buf, &end, 10); g = end;` therefore moves buf (via end). With end only used to
// test the end of the number, digits stays on the stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <stdlib.h>

char *g;

long parse_and_publish(void) {
  char buf[16] = "42rest";
  char *end;
  long value = strtol(buf, &end, 10);
  g = end;
  return value;
}

long parse_length(void) {
  char digits[16] = "42rest";
  char *end;
  long value = strtol(digits, &end, 10);
  return *end == '\0' ? value : -1;
}

// CHECK: {{.*}}lib-strtol-endptr.c:11:8: buf escapes to heap:
// CHECK: flow: end = &buf:
// CHECK: {{.*}}lib-strtol-endptr.c:11:8: moved to heap: buf
