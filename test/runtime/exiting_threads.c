// A collection never waits for a thread that cannot answer. Two ways a thread used to stop every
// later collection forever:
// - a pthread key destructor that allocates in the last destructor round, after escrt has
//   unregistered the thread: the allocation registered it again, nothing unregistered it, and
//   the collector waited for an exited thread (glibc's pthread_kill "succeeds" on it);
// - a thread that leaves a signal handler installed with a full sa_mask by longjmp (the mask the
//   kernel set for the handler stays), so the suspend signal stays blocked: escrt takes it out of
//   sa_mask as it does for sigprocmask.
// The object each one holds must still be intact where it is used.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 timeout 60 %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 timeout 60 %t.so | FileCheck %s
// CHECK: last destructor round: allocated, object intact
// CHECK: collections after the thread exited: done
// CHECK: longjmp out of a handler: SIGUSR1 blocked, SIGPWR deliverable, object kept
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

static pthread_key_t key;
static int intact;

/* Sets the key again until the last round, then allocates there. */
static void destroy(void *value) {
  static _Thread_local int round;
  if (++round < PTHREAD_DESTRUCTOR_ITERATIONS) {
    pthread_setspecific(key, value);
    return;
  }
  unsigned char *object = esc_alloc(64, 0);
  fill(object, 64, 91);
  churn("last destructor round", hide(object), 64, 200);
  check("last destructor round", object, 64, 91);
  intact = 1;
}

static void *allocating_at_exit(void *unused) {
  (void)unused;
  pthread_setspecific(key, &key);
  return NULL;
}

static jmp_buf escape;
static atomic_int phase;

static void on_usr1(int signal_number) {
  (void)signal_number;
  longjmp(escape, 1); /* not siglongjmp: the handler's mask stays */
}

static void *leaving_handler(void *unused) {
  (void)unused;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_usr1;
  sigfillset(&action.sa_mask);
  sigaction(SIGUSR1, &action, NULL);
  unsigned char *volatile object = esc_alloc(64, 0);
  fill(object, 64, 101);
  if (setjmp(escape) == 0)
    raise(SIGUSR1);
  sigset_t mask;
  pthread_sigmask(SIG_BLOCK, NULL, &mask);
  int usr1 = sigismember(&mask, SIGUSR1), pwr = sigismember(&mask, SIGPWR);
  atomic_store(&phase, 1);
  while (atomic_load(&phase) != 2)
    ;
  check("longjmp out of a handler", object, 64, 101);
  printf("longjmp out of a handler: SIGUSR1 %s, SIGPWR %s, object kept\n",
         usr1 ? "blocked" : "FAIL: not blocked", pwr ? "FAIL: blocked" : "deliverable");
  return NULL;
}

int main(void) {
  pthread_key_create(&key, destroy);
  pthread_t thread;
  pthread_create(&thread, NULL, allocating_at_exit, NULL);
  pthread_join(thread, NULL);
  printf("last destructor round: %s\n", intact ? "allocated, object intact" : "FAIL: not run");
  churn("after exit", 0, 64, 500);
  esc_collect();
  printf("collections after the thread exited: done\n");
  pthread_create(&thread, NULL, leaving_handler, NULL);
  while (atomic_load(&phase) != 1)
    ;
  churn("longjmp out of a handler", 0, 64, 500);
  atomic_store(&phase, 2);
  pthread_join(thread, NULL);
  return 0;
}
