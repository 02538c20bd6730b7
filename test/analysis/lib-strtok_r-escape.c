// Library model strtok_r: it stores a pointer into its string argument in *saveptr. When
// saveptr is caller memory (a parameter), the string escapes; and the token it returns
// points into the string, so returning it moves the string too.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <string.h>

void first_token(char **saveptr) {
  char line[32] = "a b";
  strtok_r(line, " ", saveptr);
}

char *return_token(void) {
  char other[32] = "c d";
  char *state;
  return strtok_r(other, " ", &state);
}

// CHECK-DAG: {{.*}}lib-strtok_r-escape.c:9:8: moved to heap: line
// CHECK-DAG: {{.*}}lib-strtok_r-escape.c:14:8: moved to heap: other
