// Interprocedural, recursive SCC: ping and pong call each other and pong stores its
// parameter in a global. The fixpoint over the SCC must make ping's parameter leak too, so
// the caller's local escapes. In the sibling pair tick/tock nothing is stored: stack.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'

int *last;
void pong(int *p, int n);
void tock(int *p, int n);

void ping(int *p, int n) {
  if (n > 0)
    pong(p, n - 1);
}

void pong(int *p, int n) {
  last = p;
  if (n > 0)
    ping(p, n - 1);
}

void tick(int *p, int n) {
  if (n > 0)
    tock(p, n - 1);
}

void tock(int *p, int n) {
  *p += n;
  if (n > 0)
    tick(p, n - 1);
}

void start(void) {
  int leaked = 0, quiet = 0;
  ping(&leaked, 3);
  tick(&quiet, 3);
}

// CHECK-DAG: {{.*}}ipa-mutual-recursion.c:11:16: leaking param: p
// CHECK-DAG: {{.*}}ipa-mutual-recursion.c:16:16: leaking param: p
// CHECK-DAG: {{.*}}ipa-mutual-recursion.c:22:16: p does not escape
// CHECK-DAG: {{.*}}ipa-mutual-recursion.c:27:16: p does not escape
// CHECK-DAG: {{.*}}ipa-mutual-recursion.c:34:7: moved to heap: leaked
