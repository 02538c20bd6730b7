// Stress collections skip malloc'ed pages that were read, held no reference to a collectable
// object and were not written since (runtime/malloc_roots.c, runtime/dirty_pages.c). Each case
// lets such a quiet page be skipped by a few collections, then makes it hold the only reference
// to a collectable object without a plain store by this thread: read(2) from a pipe, a store by
// another thread, a store by the parent and by the child after fork, realloc's copy, and read(2)
// again after the program closed every descriptor (escrt's among them) as daemons do. A page
// skipped wrongly frees the object, and a crowd of new objects takes its slot. The second run
// forces the full scan; the third checks from ESC_GC_STATS that pages were really skipped where
// the kernel tracks writes (Linux 6.7 and later).
// UNSUPPORTED: sanitized
// (ASan owns malloc in the sanitized build: malloc'ed memory is not a root there.)
// clang-format off
// RUN: %cc_escrt -O1 %s %escrt -o %t
// RUN: env ESC_GC_STRESS=1 %t | FileCheck %s
// RUN: env ESC_GC_STRESS=1 ESC_GC_DIRTY_PAGES=0 %t | FileCheck %s
// RUN: env ESC_GC_STRESS=1 ESC_GC_STATS=1 %t 2>&1 | FileCheck --check-prefix=TRACKING %s
// CHECK: read(2) ok
// CHECK: other thread ok
// CHECK-DAG: fork child ok
// CHECK-DAG: fork parent ok
// CHECK: realloc ok
// CHECK: read(2) ok
// CHECK-NOT: FAIL
// TRACKING: {{kernel write tracking: unavailable|malloc roots: [0-9]+ bytes read, [1-9][0-9]* bytes of quiet pages skipped}}
// clang-format on
#include "Inputs/churn.h"

#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SIZE 48
#define BUFFER_BYTES 16384 /* a large malloc block: four pages of its own */

static void *volatile handoff; /* the object's one plain reference while it is handed over */
static uintptr_t hidden;       /* the object's address, not a reference */

/* A few collections (one per allocation under ESC_GC_STRESS=1): quiet pages get read once more,
 * protected, and then skipped. */
__attribute__((noinline)) static void collect_a_few(void) {
  for (int i = 0; i < 4; i++)
    esc_alloc(16, 0);
}

__attribute__((noinline)) static uintptr_t *quiet_buffer(void) {
  uintptr_t *buffer = malloc(BUFFER_BYTES);
  memset(buffer, 0, BUFFER_BYTES);
  collect_a_few();
  return buffer;
}

/* Objects that stay reachable, each allocated just before the case's object: its block then
 * keeps a live neighbour and stays a block of this size class when the object is freed, so
 * fill_freed_slots really takes the freed slot. */
static void *volatile neighbours[8];
static unsigned neighbour_count;

__attribute__((noinline)) static void make_object(unsigned seed) {
  neighbours[neighbour_count++] = esc_alloc(SIZE, 0);
  void *object = esc_alloc(SIZE, 0);
  fill(object, SIZE, seed);
  handoff = object;
  hidden = hide(object);
  collect_a_few(); /* the quiet pages are skipped while HANDOFF keeps the object */
}

/* Allocates COUNT objects of the object's size and keeps them all (a chain through their first
 * word) until the end, so that a freed object's slot is taken by one of them rather than by the
 * same recycled slot each time (churn's pattern under ESC_GC_STRESS=1). */
static void *volatile crowd;
__attribute__((noinline)) static void fill_freed_slots(const char *what, int count) {
  for (int i = 0; i < count; i++) {
    void **p = esc_alloc(SIZE, 0);
    if ((uintptr_t)p < (uintptr_t)unhide(hidden) + SIZE &&
        (uintptr_t)p + SIZE > (uintptr_t)unhide(hidden)) {
      printf("FAIL: %s: live object reused\n", what);
      exit(1);
    }
    *p = crowd;
    crowd = p;
  }
  crowd = NULL;
}

/* Drops the plain reference and checks that the object survives many collections. The caller
 * has cleared the stack its helpers used (clobber_stack), so no stale copy keeps the object. */
__attribute__((noinline)) static void let_go_and_check(const char *what, unsigned seed) {
  handoff = NULL;
  fill_freed_slots(what, 300);
  check(what, unhide(hidden), SIZE, seed);
}

__attribute__((noinline)) static void write_handoff(int fd) {
  void *object = handoff;
  if (write(fd, &object, sizeof object) != sizeof object) {
    printf("FAIL: write\n");
    exit(1);
  }
}

static void through_a_pipe(void) {
  int fds[2];
  if (pipe(fds) != 0) {
    printf("FAIL: pipe\n");
    exit(1);
  }
  uintptr_t *buffer = quiet_buffer();
  make_object(11);
  write_handoff(fds[1]);
  if (read(fds[0], &buffer[700], sizeof buffer[700]) != sizeof buffer[700]) {
    printf("FAIL: read\n");
    exit(1);
  }
  clobber_stack();
  let_go_and_check("read(2)", 11);
  printf("read(2) ok\n");
}

static uintptr_t *thread_target;
static atomic_int thread_go;

static void *store_handoff(void *unused) {
  (void)unused;
  while (!atomic_load(&thread_go))
    sched_yield();
  thread_target[300] = (uintptr_t)handoff;
  return NULL;
}

static void by_another_thread(void) {
  thread_target = quiet_buffer();
  pthread_t thread;
  pthread_create(&thread, NULL, store_handoff, NULL);
  make_object(22);
  atomic_store(&thread_go, 1);
  pthread_join(thread, NULL); /* an exited thread's stack is not a root */
  clobber_stack();
  let_go_and_check("other thread", 22);
  printf("other thread ok\n");
}

static void across_fork(void) {
  uintptr_t *buffer = quiet_buffer();
  make_object(33);
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    buffer[100] = (uintptr_t)handoff;
    clobber_stack();
    let_go_and_check("fork child", 33);
    printf("fork child ok\n");
    fflush(stdout);
    _exit(0);
  }
  buffer[200] = (uintptr_t)handoff;
  clobber_stack();
  let_go_and_check("fork parent", 33);
  int status;
  waitpid(child, &status, 0);
  printf("fork parent ok\n");
}

static void through_realloc(void) {
  uintptr_t *small = malloc(64);
  make_object(44);
  small[1] = (uintptr_t)handoff;
  collect_a_few();
  uintptr_t *large = realloc(small, 100000); /* moves: the new pages are written by the copy */
  clobber_stack();
  let_go_and_check("realloc", 44);
  printf("realloc %s\n", large[1] == (uintptr_t)unhide(hidden) ? "ok" : "FAIL");
}

/* Whether this kernel offers what dirty_pages.c needs (for the TRACKING check only). */
static void report_kernel_tracking(void) {
  int fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | 1 /* UFFD_USER_MODE_ONLY */);
  struct uffdio_api api = {.api = UFFD_API, .features = 1 << 15 /* UFFD_FEATURE_WP_ASYNC */};
  int available = fd >= 0 && ioctl(fd, UFFDIO_API, &api) == 0 && (api.features & (1 << 15));
  printf("kernel write tracking: %s\n", available ? "available" : "unavailable");
  if (fd >= 0)
    close(fd);
}

/* escrt's userfaultfd and /proc/self/pagemap descriptors go too, and the new pipe may take
 * their numbers: tracking must end, never read another file. */
static void after_closing_descriptors(void) {
  fflush(stdout);
  for (int fd = 3; fd < 1024; fd++)
    close(fd);
  through_a_pipe();
}

int main(void) {
  report_kernel_tracking();
  through_a_pipe();
  by_another_thread();
  across_fork();
  through_realloc();
  after_closing_descriptors();
  return 0;
}
