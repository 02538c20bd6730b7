// Course exercise 3 — reference solution (docs/course.md, "Exercise 3: a library model row").
// memccpy has no row in pass/libc_models.c, so the tree's plugin treats it as an unknown
// callee: `field` moves to the heap and both parameters of after_field leak. The reference row
// (Inputs/exercise3-row.txt): the result points into argument 0, it copies *src to *dst.
// This test builds a private plugin with it (pass/ is not changed) and checks the report:
//  - field stays on the stack (memccpy keeps nothing; the result is only compared);
//  - dst comes back as the result (RESULT_FROM(0)): forget it and a caller's buffer returned
//    through after_field would dangle;
//  - what src points to is copied into caller memory (COPIES(0, 1)): "leaking param content".
// The program then runs, promoted by the same plugin, under ESC_GC_STRESS=1.
// RUN: %python %S/Inputs/build_plugin_with_row.py %srcroot %llvm_tools_dir \
// RUN:   %S/Inputs/exercise3-row.txt %t
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt -load-pass-plugin %t/libEscapePass.so -passes='print<escape><m=2>' -disable-output \
// RUN:   %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
// RUN: %clang -O2 -fpass-plugin=%t/libEscapePass.so %s %escrt -lpthread -o %t.exe
// RUN: env ESC_GC_STRESS=1 %t.exe | FileCheck %s --check-prefix=OUT
#include <stdio.h>
#include <string.h>

int has_colon(const char *src) {
  char field[32];
  return memccpy(field, src, ':', sizeof field) != NULL;
}

char *after_field(char *dst, const char *src) { return memccpy(dst, src, ':', 64); }

int main(void) {
  char line[64] = {0};
  char *rest = after_field(line, "key:value");
  printf("%d %d %s %ld\n", has_colon("key:value"), has_colon("novalue"), line, (long)(rest - line));
  return 0;
}

// CHECK-DAG: exercise3.c:21:27: src does not escape
// CHECK-DAG: exercise3.c:26:25: leaking param: dst to result ~r0 level=0
// CHECK-DAG: exercise3.c:26:42: leaking param content: src

// OUT: 1 0 key: 4
