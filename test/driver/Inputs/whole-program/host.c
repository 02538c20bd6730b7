/* A program built with -rdynamic whose exported functions (sum.c, keep.c) are also called by
 * code escc never sees whole: a plugin it dlopens (plugin.c). */
#include <dlfcn.h>
#include <stdio.h>

int sum(const int *values, int count);

int main(int argc, char **argv) {
  int numbers[2] = {20, 22};
  void *plugin = argc > 1 ? dlopen(argv[1], RTLD_NOW) : NULL;
  if (!plugin) {
    fprintf(stderr, "%s\n", dlerror());
    return 1;
  }
  int (*run)(void) = (int (*)(void))dlsym(plugin, "run");
  printf("host %d, plugin %d\n", sum(numbers, 2), run());
  return 0;
}
