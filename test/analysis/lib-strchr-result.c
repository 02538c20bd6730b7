// Library model, str*/mem* results alias their first argument: `q = strchr(buf, 'a');
// return q;` returns a pointer into buf, so buf moves (returned). When the result is only
// dereferenced (strchr, strstr, memchr on `line`) the buffer stays on the stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <string.h>

char *find_a(void) {
  char buf[16] = "xxa";
  char *q = strchr(buf, 'a');
  return q;
}

int count_a(void) {
  char line[16] = "banana";
  char *q = strchr(line, 'a');
  char *s = strstr(line, "na");
  char *m = memchr(line, 'n', 6);
  return *q + *s + *m;
}

// CHECK: {{.*}}lib-strchr-result.c:9:8: buf escapes to heap:
// CHECK: from result of call to @strchr (call parameter)
// CHECK: {{.*}}lib-strchr-result.c:9:8: moved to heap: buf
