// Library model strtok: it remembers its string between calls, so the buffer escapes
// (captured-by-library); the delimiter string is only read and stays on the stack.
// strtok_r keeps its state in the caller's saveptr instead: with a local saveptr the
// line stays on the stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <string.h>

int words(void) {
  char text[32] = "a b c";
  char separators[2] = " ";
  int count = 0;
  for (char *t = strtok(text, separators); t; t = strtok(NULL, separators))
    count++;
  return count;
}

int words_reentrant(void) {
  char line[32] = "a b c";
  char *state;
  int count = 0;
  for (char *t = strtok_r(line, " ", &state); t; t = strtok_r(NULL, " ", &state))
    count++;
  return count;
}

// CHECK-DAG: {{.*}}lib-strtok.c:10:8: moved to heap: text
// CHECK-DAG: from call to @strtok (captured-by-library)
