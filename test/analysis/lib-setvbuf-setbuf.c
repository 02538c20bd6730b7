// Library model setvbuf/setbuf: the stream keeps using the buffer after the call (until
// fclose), so a local buffer handed to it escapes (captured-by-library), while the same
// kind of buffer given to fread or fgets is only filled and stays on the stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
#include <stdio.h>

int buffered(FILE *stream) {
  char vbuf[BUFSIZ];
  char plain[BUFSIZ];
  char data[64];
  setvbuf(stream, vbuf, _IOFBF, sizeof vbuf);
  setbuf(stdout, plain);
  size_t n = fread(data, 1, sizeof data, stream);
  return fgets(data, sizeof data, stream) ? (int)n : 0;
}

// CHECK-DAG: {{.*}}lib-setvbuf-setbuf.c:9:8: moved to heap: vbuf
// CHECK-DAG: {{.*}}lib-setvbuf-setbuf.c:10:8: moved to heap: plain
// CHECK-DAG: from call to @setvbuf (captured-by-library)
// CHECK-DAG: from call to @setbuf (captured-by-library)
// CHECK-DAG: {{.*}}lib-setvbuf-setbuf.c:8:20: stream does not escape
