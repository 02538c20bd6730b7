// Go-style parameter tags from C with debug info: places and source names of parameters.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s

int *sink;

void store_it(int *p) { sink = p; }
void store_what_it_holds(int **pp) { sink = *pp; }
int *give_back(int *q) { return q; }
int *give_back_inner(int **qq) { return *qq; }
int read_it(const int *r) { return *r; }

// CHECK: {{.*}}param-tags.c:7:20: leaking param: p{{$}}
// CHECK: {{.*}}param-tags.c:8:32: leaking param content: pp{{$}}
// CHECK: {{.*}}param-tags.c:9:21: leaking param: q to result ~r0 level=0{{$}}
// CHECK: {{.*}}param-tags.c:10:28: leaking param: qq to result ~r0 level=1{{$}}
// CHECK: {{.*}}param-tags.c:11:24: r does not escape{{$}}
