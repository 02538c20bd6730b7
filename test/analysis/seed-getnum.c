// The seed's first program: getNum returns the address of its local `number`, so number
// is moved to the heap, reported at its declaration (line 9, column 7). -m=2 explains it
// with Go's flow lines: ~r0 = &number, from the return statement at line 10.
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.ll 2>&1 | FileCheck %s --implicit-check-not='moved to heap'
// RUN: %opt %loadplugin -passes='print<escape><m=2>' -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=FLOW

int *getNum(void) {
  int number = 7;
  return &number;
}

int main(void) { return *getNum() - 7; }

// CHECK: {{.*}}seed-getnum.c:9:7: moved to heap: number

// FLOW:      {{.*}}seed-getnum.c:9:7: number escapes to heap:
// FLOW-NEXT: {{.*}}seed-getnum.c:9:7:   flow: ~r0 = &number:
// FLOW-NEXT: {{.*}}seed-getnum.c:9:7:     from &number (address-of) at {{.*}}seed-getnum.c:9:7
// FLOW-NEXT: {{.*}}seed-getnum.c:9:7:     from return (return) at {{.*}}seed-getnum.c:10:3
// FLOW-NEXT: {{.*}}seed-getnum.c:9:7: moved to heap: number
