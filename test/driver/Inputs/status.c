/* Prints its arguments and exits with argc, 1 for "fail", or aborts for "abort". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "fail"))
    return 1;
  if (argc > 1 && !strcmp(argv[1], "abort"))
    abort();
  printf("argc=%d", argc);
  for (int i = 1; i < argc; i++)
    printf(" %s", argv[i]);
  printf("\n");
  return argc;
}
