// Values the kernel keeps for the program are roots while it keeps them: epoll_ctl's data.ptr
// until EPOLL_CTL_DEL, timer_create's sigev_value until timer_delete. Each holds the only
// reference to a collectable object (allocated here with esc_alloc, as a callee's promoted and
// returned local would be, which the pass does not pin) while memory is reused; before, the
// object was freed and the kernel handed back a dangling pointer.
// RUN: %cc_escrt -O1 %s %escrt -o %t && env ESC_GC_STRESS=1 %t | FileCheck %s
// RUN: %cc_escrt -O1 %s %escrt_so -Wl,-rpath,'$ORIGIN/../../../lib' -o %t.so
// RUN: env ESC_GC_STRESS=1 %t.so | FileCheck %s
// CHECK: epoll_ctl: kept
// CHECK: timer_create: kept
// CHECK: after EPOLL_CTL_DEL and timer_delete: freed
// CHECK-NOT: FAIL
#include "Inputs/churn.h"

#include <signal.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

__attribute__((noinline)) static uintptr_t watch(int epoll, int fd) {
  unsigned char *object = esc_alloc(88, 0);
  fill(object, 88, 151);
  struct epoll_event event = {.events = EPOLLIN, .data.ptr = object};
  epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
  return hide(object);
}

__attribute__((noinline)) static uintptr_t arm(timer_t *timer) {
  unsigned char *object = esc_alloc(88, 0);
  fill(object, 88, 161);
  struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1};
  event.sigev_value.sival_ptr = object;
  timer_create(CLOCK_MONOTONIC, &event, timer);
  struct itimerspec soon = {.it_value = {0, 1000}};
  timer_settime(*timer, 0, &soon, NULL);
  return hide(object);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); /* no malloc'ed buffer next to the objects */
  int fds[2];
  if (pipe(fds) != 0)
    return 1;
  int epoll = epoll_create1(0);
  uintptr_t watched = watch(epoll, fds[0]);
  clobber_stack();
  churn("epoll_ctl", watched, 88, 300);
  if (write(fds[1], "x", 1) != 1)
    return 1;
  struct epoll_event ready;
  if (epoll_wait(epoll, &ready, 1, 1000) != 1)
    return printf("FAIL: epoll_wait\n"), 1;
  check("epoll_ctl", ready.data.ptr, 88, 151);
  printf("epoll_ctl: kept\n");

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGUSR1);
  sigprocmask(SIG_BLOCK, &signals, NULL);
  timer_t timer;
  uintptr_t armed = arm(&timer);
  clobber_stack();
  churn("timer_create", armed, 88, 300);
  siginfo_t info;
  if (sigwaitinfo(&signals, &info) != SIGUSR1)
    return printf("FAIL: sigwaitinfo\n"), 1;
  check("timer_create", info.si_value.sival_ptr, 88, 161);
  printf("timer_create: kept\n");

  ready.data.ptr = info.si_value.sival_ptr = NULL;
  epoll_ctl(epoll, EPOLL_CTL_DEL, fds[0], NULL);
  timer_delete(timer);
  uint64_t before = live_objects();
  clobber_stack();
  esc_collect();
  printf("after EPOLL_CTL_DEL and timer_delete: %s\n",
         live_objects() <= before - 2 ? "freed" : "FAIL: still kept");
  return 0;
}
