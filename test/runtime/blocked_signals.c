// Threads that block every signal, or wait for any signal, do not stop collections: escrt keeps
// its suspend signal (SIGPWR) out of the sets given to pthread_sigmask, sigprocmask, sigsuspend
// and the sigwait family, so each thread still stops for a collection, and the collectable
// object only its stack holds survives. Every other signal stays exactly as the program asked.
// Without the interposition the first collection waits forever (the timeout fails the test).
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 timeout 120 %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 timeout 120 %t.so | FileCheck %s
// CHECK: pthread_sigmask: kept, SIGUSR1 blocked, SIGPWR deliverable
// CHECK: sigprocmask: kept, SIGUSR1 blocked, SIGPWR deliverable
// CHECK: sigwait: kept, got SIGUSR1
// CHECK: sigsuspend: kept, got SIGUSR2
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

enum way { BY_PTHREAD_SIGMASK, BY_SIGPROCMASK, BY_SIGWAIT, BY_SIGSUSPEND };
static const char *const way_names[] = {"pthread_sigmask", "sigprocmask", "sigwait", "sigsuspend"};

static atomic_int ready;
static atomic_int release;
static volatile sig_atomic_t usr2_seen;

static void on_usr2(int signal_number) {
  (void)signal_number;
  usr2_seen = 1;
}

static void report_mask(const char *what) {
  sigset_t current;
  pthread_sigmask(SIG_BLOCK, NULL, &current);
  if (!sigismember(&current, SIGUSR1))
    printf("FAIL: %s: SIGUSR1 not blocked\n", what);
  if (sigismember(&current, SIGPWR))
    printf("FAIL: %s: SIGPWR blocked\n", what);
}

/* Holds a collectable object only on its stack while main collects, blocked in one of the ways. */
static void *worker(void *arg) {
  enum way way = (enum way)(uintptr_t)arg;
  const char *what = way_names[way];
  unsigned char *object = esc_alloc(96, 0);
  fill(object, 96, 11 + way);
  sigset_t all;
  sigfillset(&all);
  char result[64] = "";
  switch (way) {
  case BY_PTHREAD_SIGMASK:
  case BY_SIGPROCMASK:
    if (way == BY_PTHREAD_SIGMASK)
      pthread_sigmask(SIG_BLOCK, &all, NULL);
    else
      sigprocmask(SIG_SETMASK, &all, NULL);
    atomic_store(&ready, 1);
    while (!atomic_load(&release))
      usleep(100);
    report_mask(what);
    snprintf(result, sizeof result, "SIGUSR1 blocked, SIGPWR deliverable");
    break;
  case BY_SIGWAIT: {
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    atomic_store(&ready, 1);
    int got = 0;
    sigwait(&all, &got); /* returns when main sends SIGUSR1, after its collections */
    snprintf(result, sizeof result, "got %s", got == SIGUSR1 ? "SIGUSR1" : "another signal");
    break;
  }
  case BY_SIGSUSPEND: {
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    sigset_t wait_mask = all;
    sigdelset(&wait_mask, SIGUSR2);
    atomic_store(&ready, 1);
    while (!usr2_seen)
      sigsuspend(&wait_mask);
    snprintf(result, sizeof result, "got SIGUSR2");
    break;
  }
  }
  check(what, object, 96, 11 + way);
  printf("%s: kept, %s\n", what, result);
  return NULL;
}

static void run(enum way way) {
  atomic_store(&ready, 0);
  atomic_store(&release, 0);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, (void *)(uintptr_t)way);
  while (!atomic_load(&ready))
    usleep(100);
  usleep(20000); /* let the worker reach its wait */
  for (int round = 0; round < 3; round++) {
    esc_collect();
    churn(way_names[way], 0, 96, 100);
  }
  atomic_store(&release, 1);
  if (way == BY_SIGWAIT)
    pthread_kill(thread, SIGUSR1);
  if (way == BY_SIGSUSPEND)
    pthread_kill(thread, SIGUSR2);
  pthread_join(thread, NULL);
  fflush(stdout);
}

int main(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_usr2;
  sigaction(SIGUSR2, &action, NULL);
  run(BY_PTHREAD_SIGMASK);
  run(BY_SIGPROCMASK);
  run(BY_SIGWAIT);
  run(BY_SIGSUSPEND);
  return 0;
}
