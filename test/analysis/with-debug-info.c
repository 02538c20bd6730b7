// With debug info, places are file:line:column of the declaration and names are source
// names, also for variables in nested scopes and for parameters; the same program is
// reported by IR names without -g (clang keeps them with -fno-discard-value-names).
// RUN: %clang -g -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.g.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.g.ll 2>&1 | FileCheck %s --check-prefix=DEBUG --implicit-check-not='moved to heap'
// RUN: %clang -O2 -Xclang -disable-llvm-passes -fno-discard-value-names -S -emit-llvm %s -o %t.nodebug.ll
// RUN: %opt %loadplugin -passes='print<escape>' -disable-output %t.nodebug.ll 2>&1 | FileCheck %s --check-prefix=PLAIN --implicit-check-not='moved to heap'

int *g;

void scoped(int *param, int n) {
  for (int i = 0; i < n; i++) {
    int inner = i;
    if (inner == 2)
      g = &inner;
  }
  *param = n;
}

// DEBUG-DAG: {{.*}}with-debug-info.c:11:18: param does not escape
// DEBUG-DAG: {{.*}}with-debug-info.c:13:9: moved to heap: inner
// PLAIN-DAG: with-debug-info.c:scoped: moved to heap: %{{[0-9a-z.]+}}
// PLAIN-DAG: with-debug-info.c:scoped: %param does not escape
