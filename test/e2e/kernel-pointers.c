// Addresses handed to the kernel, which hands them back later: epoll_ctl's event.data.ptr,
// sigqueue's value and timer_create's sigev_value. While the kernel holds the only copy the
// collector cannot see it, so the library model pins the object (escc's libc_models.c); before,
// the object was collectable and freed by the first collection, and the program read whatever
// reused its memory.
// RUN: %cc_escrt -O0 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O0
// RUN: env ESC_GC_STRESS=1 %t.O0 | FileCheck %s
// RUN: %cc_escrt -O2 -fpass-plugin=%plugin %s %escrt -lpthread -o %t.O2
// RUN: env ESC_GC_STRESS=1 %t.O2 | FileCheck %s
// CHECK: epoll_ctl: 7 21
// CHECK: sigqueue: 8 24
// CHECK: timer_create: 9 27
#define _GNU_SOURCE
#include "Inputs/dangling.h"
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

struct connection {
  long id, check;
};

struct connection *last_junk;

/* Allocates a collectable object of the same size each call, filled with junk. */
__attribute__((noinline)) static void junk(long i) {
  struct connection j = {-i, -i};
  last_junk = &j;
}

static void reuse_memory(void) {
  for (long i = 0; i < 2000; i++)
    junk(i);
  clobber_stack();
}

__attribute__((noinline)) static void watch(int epoll, int fd, long id) {
  struct connection c = {id, id * 3};
  struct epoll_event event = {.events = EPOLLIN, .data.ptr = &c};
  epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event);
}

__attribute__((noinline)) static void queue(long id) {
  struct connection c = {id, id * 3};
  union sigval value = {.sival_ptr = &c};
  sigqueue(getpid(), SIGUSR1, value);
}

__attribute__((noinline)) static void arm(long id, timer_t *timer) {
  struct connection c = {id, id * 3};
  struct sigevent event = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2};
  event.sigev_value.sival_ptr = &c;
  timer_create(CLOCK_MONOTONIC, &event, timer);
  struct itimerspec soon = {.it_value = {0, 1000}};
  timer_settime(*timer, 0, &soon, NULL);
}

static void print(const char *what, const struct connection *c) {
  printf("%s: %ld %ld\n", what, c->id, c->check);
}

int main(void) {
  int fds[2];
  pipe(fds);
  int epoll = epoll_create1(0);
  watch(epoll, fds[0], 7);
  write(fds[1], "x", 1);
  reuse_memory();
  struct epoll_event ready;
  if (epoll_wait(epoll, &ready, 1, 1000) == 1)
    print("epoll_ctl", ready.data.ptr);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGUSR1);
  sigaddset(&signals, SIGUSR2);
  sigprocmask(SIG_BLOCK, &signals, NULL);
  siginfo_t info;
  queue(8);
  reuse_memory();
  sigdelset(&signals, SIGUSR2);
  if (sigwaitinfo(&signals, &info) == SIGUSR1)
    print("sigqueue", info.si_value.sival_ptr);

  timer_t timer;
  arm(9, &timer);
  reuse_memory();
  sigemptyset(&signals);
  sigaddset(&signals, SIGUSR2);
  if (sigwaitinfo(&signals, &info) == SIGUSR2)
    print("timer_create", info.si_value.sival_ptr);
  return 0;
}
