// Roots of the main thread outside its stack frames: the argv array above __libc_stack_end (a
// program may store its own pointers there, as setproctitle-style code does) and the
// pthread_setspecific slots of keys below 32, which glibc keeps in the main thread's struct
// pthread (not in its stack mapping, unlike other threads'). Each holds the only reference to a
// collectable object while memory is reused; neither was scanned before.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t argument | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 %t.so argument | FileCheck %s
// CHECK: argv: kept
// CHECK: pthread_setspecific: kept
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>

__attribute__((noinline)) static uintptr_t store_in_argv(char **argv) {
  unsigned char *object = esc_alloc(72, 0);
  fill(object, 72, 71);
  argv[1] = (char *)object;
  return hide(object);
}

__attribute__((noinline)) static uintptr_t store_in_key(pthread_key_t key) {
  unsigned char *object = esc_alloc(72, 0);
  fill(object, 72, 81);
  pthread_setspecific(key, object);
  return hide(object);
}

int main(int argc, char **argv) {
  if (argc != 2)
    return printf("FAIL: usage: main_thread_roots ARGUMENT\n"), 1;
  setvbuf(stdout, NULL, _IONBF, 0); /* a malloc'ed buffer's end pointer could keep an object */
  uintptr_t hidden = store_in_argv(argv);
  clobber_stack();
  churn("argv", hidden, 72, 300);
  check("argv", argv[1], 72, 71);
  printf("argv: kept\n");
  pthread_key_t key;
  pthread_key_create(&key, NULL);
  hidden = store_in_key(key);
  clobber_stack();
  churn("pthread_setspecific", hidden, 72, 300);
  check("pthread_setspecific", pthread_getspecific(key), 72, 81);
  printf("pthread_setspecific: kept\n");
  return 0;
}
