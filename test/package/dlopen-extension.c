// From gawk 5.2.1's test suite (scripts/torture/package.sh): gawk loads its extensions
// (filefuncs.so, ordchr.so, ...) with dlopen, and every extension test failed with
//   ../gawk: symbol lookup error: ../extension/.libs/filefuncs.so: undefined symbol: esc_alloc
// A shared object built by `escc cc -shared` calls esc_alloc for its promoted locals, but escc
// links escrt into executables only (rightly: one collector per process), and the executable
// does not export esc_alloc, so the shared object cannot bind to it. Minimal case: a module
// whose function returns the address of its local, loaded by a program built with escc cc.
// Fixed in tools/link.c: executables escc links export the runtime's symbols
// (-Wl,--export-dynamic-symbol=esc_*, with -Wl,--undefined=esc_alloc,... so the archive members
// are linked even when the executable itself promotes nothing).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %escc cc -O2 -fPIC -shared -DMODULE %s -o %t/module.so
// RUN: %escc cc -O2 %s -o %t/main -ldl
// RUN: env ESC_GC_STRESS=1 %t/main %t/module.so | FileCheck %s
// CHECK: module says 42
#ifdef MODULE
int *module_number(void) {
  int number = 42;
  return &number; // promoted: esc_alloc comes from the executable's escrt
}
#else
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  void *module = dlopen(argv[1], RTLD_NOW);
  if (!module) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  int *(*module_number)(void) = (int *(*)(void))dlsym(module, "module_number");
  int *number = module_number();
  printf("module says %d\n", *number);
  return 0;
}
#endif
