// Library model, copying functions: memcpy/strcpy(d, s) copy *s into *d and return d.
// memcpy of a struct holding &x into a global moves x; into a local that stays local,
// y does not move; returning strcpy's result returns its destination (dest escapes), and
// what src points to is copied into that escaping dest: leaking param content: src.
// Declared here without string.h's builtins so clang keeps real calls to the library.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -fno-builtin -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <string.h>

struct Holder {
  int *p;
};
struct Holder global_holder;

void publish(void) {
  int x = 1;
  struct Holder h = {&x};
  memcpy(&global_holder, &h, sizeof h);
}

int keep_local(void) {
  int y = 2;
  struct Holder a = {&y}, b;
  memmove(&b, &a, sizeof a);
  return *b.p;
}

char *copy_out(const char *src) {
  char dest[32];
  return strcpy(dest, src);
}

// CHECK-DAG: {{.*}}lib-memcpy-strcpy.c:16:7: moved to heap: x
// CHECK-DAG: {{.*}}lib-memcpy-strcpy.c:29:8: moved to heap: dest
// CHECK-DAG: {{.*}}lib-memcpy-strcpy.c:28:28: leaking param content: src
