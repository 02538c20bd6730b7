/* Compiles only with the flags of compile_commands.json: -I../include -DWITH_CONFIG. */
#ifndef WITH_CONFIG
#error "built without the compilation database's flags"
#endif
#include "config.h"

int *answer(void) {
  int value = ANSWER;
  return &value;
}

int main(void) { return *answer() == 42 ? 0 : 1; }
