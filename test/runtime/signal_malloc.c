// A signal handler that calls malloc, free and printf-family functions while the interrupted
// thread is inside the allocator does not deadlock (the emergency arena serves it).
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=50 timeout 60 %t | FileCheck %s
// CHECK: handled {{[1-9][0-9]*}} signals
// CHECK: signals ok
#include "Inputs/churn.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t handled;
static char message[64];

static void on_alarm(int signal_number) {
  (void)signal_number;
  char *p = malloc(32);
  if (p) {
    snprintf(message, sizeof message, "tick %d", (int)handled);
    strcpy(p, "x");
    free(p);
  }
  handled++;
}

int main(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_alarm;
  sigaction(SIGALRM, &action, NULL);
  struct itimerval timer = {{0, 200}, {0, 200}};
  setitimer(ITIMER_REAL, &timer, NULL);
  for (int i = 0; i < 200000 && handled < 2000; i++) {
    free(malloc(64 + i % 256));
    esc_alloc(48, 0);
  }
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &off, NULL);
  printf("handled %d signals\n", (int)handled);
  printf("signals ok\n");
  return 0;
}
