/* kernel_roots.c — pointers the kernel keeps for the program are roots.
 *
 * epoll_ctl's event.data and timer_create's sigev_value come back later (from epoll_wait, in the
 * signal's si_value) and meanwhile may be the only reference to a collectable object. The pass
 * pins the objects it sees going there (pass/libc_models.c, PINS), but not an object a callee
 * promoted and returned; so escrt also keeps a copy of each such value in a ROOT node, scanned
 * like all malloc'ed memory, for as long as the registration lasts: until EPOLL_CTL_DEL of the
 * same pair of descriptors, or timer_delete. A descriptor closed without EPOLL_CTL_DEL keeps its
 * node (the value stays a root: a leak, never a free of a live object). Not covered here:
 * sigqueue, pthread_sigqueue and mq_notify values (nothing tells when the kernel lets go of
 * them; the pass pins those), and raw system calls.
 *
 * Invariant: the list changes only under the allocator lock, after the call succeeded. */
#include "internal.h"

#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <time.h>

enum registration { EPOLL_INTEREST, TIMER };

struct kernel_root {
  struct kernel_root *next;
  enum registration kind;
  long key, subkey; /* epoll: the epoll and the watched descriptor; timer: its id */
  void *value;
};

static struct kernel_root *roots; /* ROOT nodes: the collector scans them */

typedef int (*epoll_ctl_function)(int, int, int, struct epoll_event *);
typedef int (*timer_create_function)(clockid_t, struct sigevent *, timer_t *);
typedef int (*timer_delete_function)(timer_t);
static struct {
  epoll_ctl_function epoll_ctl;
  timer_create_function timer_create;
  timer_delete_function timer_delete;
} real;
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void resolve_real_functions(void) {
  real.epoll_ctl = (epoll_ctl_function)esc_next_definition("epoll_ctl", NULL);
  real.timer_create = (timer_create_function)esc_next_definition("timer_create", NULL);
  real.timer_delete = (timer_delete_function)esc_next_definition("timer_delete", NULL);
}

/* Keeps VALUE for (KIND, KEY, SUBKEY) while REGISTERED, replacing what was kept; drops it after. */
static void remember(enum registration kind, long key, long subkey, void *value, bool registered) {
  if (esc_lock_reentered())
    return; /* a handler interrupted the allocator: the table cannot change now */
  struct kernel_root *fresh = registered ? esc_root_alloc(sizeof *fresh, 0, false) : NULL;
  struct kernel_root *old = NULL;
  esc_lock();
  for (struct kernel_root **link = &roots; *link; link = &(*link)->next) {
    if ((*link)->kind == kind && (*link)->key == key && (*link)->subkey == subkey) {
      old = *link;
      *link = old->next;
      break;
    }
  }
  if (fresh) {
    *fresh = (struct kernel_root){roots, kind, key, subkey, value};
    roots = fresh;
  }
  esc_unlock();
  esc_root_free(old);
}

int epoll_ctl(int epoll, int operation, int fd, struct epoll_event *event) {
  pthread_once(&real_once, resolve_real_functions);
  int result = real.epoll_ctl(epoll, operation, fd, event);
  if (result == 0 && (operation == EPOLL_CTL_DEL || event))
    remember(EPOLL_INTEREST, epoll, fd, event ? event->data.ptr : NULL, operation != EPOLL_CTL_DEL);
  return result;
}

int timer_create(clockid_t clock, struct sigevent *event, timer_t *timer) {
  pthread_once(&real_once, resolve_real_functions);
  int result = real.timer_create(clock, event, timer);
  if (result == 0 && event)
    remember(TIMER, (long)(intptr_t)*timer, 0, event->sigev_value.sival_ptr, true);
  return result;
}

int timer_delete(timer_t timer) {
  pthread_once(&real_once, resolve_real_functions);
  int result = real.timer_delete(timer);
  if (result == 0)
    remember(TIMER, (long)(intptr_t)timer, 0, NULL, false);
  return result;
}
