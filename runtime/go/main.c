/* main.c — the process entry point of a lowered Go program: initialise package main
 * (main.init: package-level variables), run main.main, exit 0, as gc's runtime does. The Go
 * symbols contain a dot, so they are reached through asm labels.
 *
 * Invariant: returning from main.main ends the process even while goroutines still run. */
#include "escgo.h"

#include <stdlib.h>

extern void escgo_main_init(void) __asm__("main.init");
extern void escgo_main_main(void) __asm__("main.main");

int main(void) {
  escgo_main_init();
  escgo_main_main();
  exit(0);
}
