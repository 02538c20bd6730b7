/* One function per escape reason: docs/reports.md shows each, reasons.test checks each. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
int *global;
extern void external_keep(int *p);
void out(int **result) { int x = 1; *result = &x; }
void through(int ***pp) { int y = 2; **pp = &y; }
static void keep(int *p) { global = p; }
void callee(void) { int z = 3; keep(&z); }
void unknown(void) { int u = 4; external_keep(&u); }
extern void logf_(const char *fmt, ...);
void variadic(void) { int v = 5; logf_("%p", &v); }
void indirect(void (*f)(int *)) { int i = 6; f(&i); }
void assembly(void) { int a = 7; __asm__ volatile("" : : "r"(&a) : "memory"); }
static void *work(void *arg) { return arg; }
void thread(void) { int t = 8; pthread_t id; pthread_create(&id, 0, work, &t); }
void library(void) { char buffer[BUFSIZ]; setvbuf(stdout, buffer, _IOFBF, sizeof buffer); }
int *returned(void) { int r = 9; return &r; }
void stored(void) { int g = 10; global = &g; }
int outer(void) { int *p; { int o = 11; p = &o; } return *p; }
