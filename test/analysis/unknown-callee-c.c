// Unknown callee from C: an extern function with no body and no library model may keep
// what it is given (unknown-callee), including what the argument points to: `holder`
// holds &inner and is passed, so both move. A defined static helper that only reads keeps
// `read_only` on the stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

extern void consume(int **holder);

static int peek(const int *p) { return *p; }

int run(void) {
  int inner = 1, read_only = 2;
  int *holder = &inner;
  consume(&holder);
  return peek(&read_only);
}

// CHECK-DAG: {{.*}}unknown-callee-c.c:13:7: moved to heap: inner
// CHECK-DAG: {{.*}}unknown-callee-c.c:14:8: moved to heap: holder
// CHECK-DAG: from call to @consume (unknown-callee)
// CHECK-DAG: {{.*}}unknown-callee-c.c:10:28: p does not escape
