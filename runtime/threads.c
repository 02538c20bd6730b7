/* threads.c — the thread registry, the allocator lock, stop-the-world and fork handling.
 *
 * Every thread whose stack may hold a reference to a collectable object is registered: the main
 * thread by a constructor, threads made by pthread_create (interposed here) before their start
 * routine runs, and any other pthread lazily on its first esc_alloc/esc_collect. A thread is
 * unregistered by a pthread key destructor, which runs on return, pthread_exit and cancellation.
 *
 * Invariants: the registry changes only under the allocator lock; a registered thread's
 * esc_self is set before it becomes visible in the registry (the collector signals only
 * registered threads, and their suspend handler needs it); while the world is stopped every
 * registered thread other than the collector sits in suspend_handler with its stack_sp saved and
 * all of its registers in the signal frame above stack_sp. */
#include "internal.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern void *__libc_stack_end; /* glibc: the stack pointer at process entry */

ESC_TLS char esc_tls_anchor;
ESC_TLS struct esc_thread *esc_self;
static ESC_TLS volatile sig_atomic_t holds_lock;

static pthread_mutex_t allocator_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t threads_once = PTHREAD_ONCE_INIT;
static struct esc_thread *registry;     /* registered threads (records are mmap'ed) */
static struct esc_thread *free_records; /* unregistered records, for reuse */
static pthread_key_t exit_key;
static sem_t stop_acks;
static atomic_uint world_epoch; /* bumped to release the stopped threads */

typedef int (*create_function)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
static create_function real_pthread_create;
typedef void (*exit_function)(void *);
static exit_function real_pthread_exit;
/* A sanitizer's pthread_create and pthread_exit, when a sanitizer runtime is loaded (see
 * interpose.c). */
extern int __interceptor_pthread_create(pthread_t *, const pthread_attr_t *, void *(*)(void *),
                                        void *) __attribute__((weak));
extern void __interceptor_pthread_exit(void *) __attribute__((weak));

/* {======================================================
 * The allocator lock
 * ======================================================= */

/* Why holds_lock is set before locking and cleared after unlocking: a signal handler that
 * interrupts this thread anywhere between the two must not wait for the lock (it would wait for
 * itself); it sees the flag and takes the emergency path instead. */
void esc_lock(void) {
  holds_lock = 1;
  atomic_signal_fence(memory_order_seq_cst);
  pthread_mutex_lock(&allocator_lock);
}

void esc_unlock(void) {
  pthread_mutex_unlock(&allocator_lock);
  atomic_signal_fence(memory_order_seq_cst);
  holds_lock = 0;
}

bool esc_lock_reentered(void) { return holds_lock != 0; }

/* {======================================================
 * The registry
 * ======================================================= */

static struct esc_thread *record_new(void) {
  if (!free_records) {
    char *chunk =
        mmap(NULL, ESC_BLOCK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (chunk == MAP_FAILED)
      return NULL;
    for (size_t i = 0; i + sizeof(struct esc_thread) <= ESC_BLOCK_SIZE;
         i += sizeof(struct esc_thread)) {
      struct esc_thread *t = (struct esc_thread *)(chunk + i);
      t->next = free_records;
      free_records = t;
    }
  }
  struct esc_thread *t = free_records;
  free_records = t->next;
  memset(t, 0, sizeof *t);
  return t;
}

static void record_unlink(struct esc_thread *record) {
  for (struct esc_thread **link = &registry; *link; link = &(*link)->next) {
    if (*link == record) {
      *link = record->next;
      record->next = free_records;
      free_records = record;
      return;
    }
  }
}

/* The bounds of the calling thread's stack. The main thread's top is the end of the mapping that
 * holds __libc_stack_end (above it lie argv, envp and the auxiliary vector, which may hold the
 * only copy of a pointer the program wrote there) and its bottom is a bound from RLIMIT_STACK,
 * because the mapping grows; pthread_getattr_np would read /proc/self/maps through malloc. For
 * other threads glibc reports the whole mapping, which also holds their static TLS and their
 * struct pthread (pthread_setspecific values), so those get scanned with the stack. */
static bool current_stack(char **lo, char **hi) {
  if (getpid() == (pid_t)syscall(SYS_gettid)) {
    char *mapping_lo;
    esc_lock();
    if (!esc_mapping_containing(__libc_stack_end, &mapping_lo, hi))
      *hi = (char *)__libc_stack_end;
    esc_unlock();
    struct rlimit limit;
    uintptr_t size = (uintptr_t)1 << 30;
    if (getrlimit(RLIMIT_STACK, &limit) == 0 && limit.rlim_cur < size)
      size = limit.rlim_cur;
    *lo = (uintptr_t)*hi > size ? *hi - size : NULL;
    return true;
  }
  pthread_attr_t attr;
  void *low;
  size_t size;
  if (pthread_getattr_np(pthread_self(), &attr) != 0)
    return false;
  int failed = pthread_attr_getstack(&attr, &low, &size);
  pthread_attr_destroy(&attr);
  *lo = low;
  *hi = (char *)low + size;
  return !failed;
}

/* The size of glibc's struct pthread (libthread_db's description of it), 0 if unknown. */
static size_t descriptor_size(void) {
  const uint32_t *size = dlsym(RTLD_DEFAULT, "_thread_db_sizeof_pthread");
  return size ? *size : 0;
}

static void register_self(void) {
  char *stack_lo, *stack_hi;
  bool main_thread = getpid() == (pid_t)syscall(SYS_gettid);
  size_t main_descriptor = main_thread ? descriptor_size() : 0;
  if (!current_stack(&stack_lo, &stack_hi)) {
    fputs("escrt: error: cannot find the stack of a new thread\n", stderr);
    abort();
  }
  esc_lock();
  struct esc_thread *t = record_new();
  if (!t) {
    esc_unlock();
    fputs("escrt: error: out of memory registering a thread\n", stderr);
    abort();
  }
  t->id = (unsigned long)pthread_self();
  t->tid = (pid_t)syscall(SYS_gettid);
  t->stack_lo = stack_lo;
  t->stack_hi = stack_hi;
  t->descriptor_size = main_descriptor;
  t->tls_anchor = &esc_tls_anchor;
  esc_self = t;
  t->next = registry;
  registry = t;
  esc_unlock();
  pthread_setspecific(exit_key, t);
}

/* Runs as the thread exits (return, pthread_exit or cancellation), as the destructor of
 * exit_key. Why it re-arms itself for the first rounds: the destructors of the program's own keys
 * run after it in the same round (exit_key is created first) and may use the collectable objects
 * they are given, which only this thread's stack and registers hold by then; the stack must stay
 * scanned until they are done. Why not until the last round: sanitizer runtimes tear their
 * thread state down in the last round and leave signals blocked, and a registered thread that
 * cannot take ESC_SIG_SUSPEND stops every collection. For the same reason ESC_SIG_SUSPEND is
 * unblocked while this waits for the lock: a collector may be waiting for it. A destructor that
 * runs in the rounds after this one is unregistered; if it allocates, the thread registers again
 * and a collection drops the record once the thread is gone (wait_for_acknowledgements). */
static void unregister_self(void *record) {
  static ESC_TLS unsigned rounds;
  if (++rounds < PTHREAD_DESTRUCTOR_ITERATIONS - 1) {
    pthread_setspecific(exit_key, record);
    return;
  }
  sigset_t suspend, saved;
  sigemptyset(&suspend);
  sigaddset(&suspend, ESC_SIG_SUSPEND);
  pthread_sigmask(SIG_UNBLOCK, &suspend, &saved);
  esc_lock();
  esc_retire_thread(record);
  record_unlink(record);
  esc_self = NULL;
  esc_unlock();
  pthread_sigmask(SIG_SETMASK, &saved, NULL);
}

struct esc_thread *esc_thread_self(void) { return esc_self; }
struct esc_thread *esc_threads_first(void) { return registry; }

/* {======================================================
 * Stop the world
 * ======================================================= */

/* Why no register saving here: the kernel saved every register of the interrupted code in the
 * signal frame, which lies between this frame and the interrupted stack pointer, so scanning from
 * this handler's frame upwards covers them. Why the frame address and not the address of a
 * local: under ASan's use-after-return detection locals live in a fake stack on the heap.
 * Waiting in sigsuspend with everything but ESC_SIG_RESUME blocked: ESC_SIG_RESUME is blocked
 * while the handler runs (sa_mask), so a resume sent between the epoch check and sigsuspend stays
 * pending and is not lost. */
static void suspend_handler(int signal_number, siginfo_t *info, void *context) {
  (void)signal_number;
  (void)info;
  (void)context;
  int saved_errno = errno;
  struct esc_thread *me = esc_self;
  if (me) {
    me->stack_sp = (char *)__builtin_frame_address(0);
    unsigned epoch = atomic_load(&world_epoch);
    sem_post(&stop_acks);
    sigset_t wait_mask;
    sigfillset(&wait_mask);
    sigdelset(&wait_mask, ESC_SIG_RESUME);
    while (atomic_load(&world_epoch) == epoch)
      esc_sigsuspend_exact(&wait_mask);
  }
  errno = saved_errno;
}

static void resume_handler(int signal_number) { (void)signal_number; }

static int signal_thread(const struct esc_thread *t, int signal_number) {
  return (int)syscall(SYS_tgkill, getpid(), t->tid, signal_number);
}

/* Why records of exited threads exist at all: a key destructor that allocates in the last
 * destructor round registers its thread again, after unregister_self ran, and nothing
 * unregisters it. Their stacks and static TLS may be unmapped: the records are dropped before
 * any root is read. */
static void drop_exited_threads(void) {
  for (struct esc_thread **link = &registry; *link;) {
    struct esc_thread *t = *link;
    if (!t->exited) {
      link = &t->next;
      continue;
    }
    *link = t->next;
    esc_retire_thread(t);
    t->next = free_records;
    free_records = t;
  }
}

/* Waits for SIGNALLED acknowledgements. Every 10 ms without one, the threads that have not
 * answered are asked whether they still exist: a thread that exited (or is exiting with every
 * signal blocked, as glibc does after the key destructors) never answers, so it is no longer
 * waited for and its record goes. */
static void wait_for_acknowledgements(unsigned signalled) {
  while (signalled > 0) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 10 * 1000 * 1000;
    if (deadline.tv_nsec >= 1000000000) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000;
    }
    if (sem_timedwait(&stop_acks, &deadline) == 0) {
      signalled--;
      continue;
    }
    if (errno != ETIMEDOUT)
      continue;
    for (struct esc_thread *t = registry; t; t = t->next) {
      if (t == esc_self || t->exited || t->stack_sp || signal_thread(t, 0) == 0 || errno != ESRCH)
        continue;
      t->exited = 1;
      signalled--;
    }
  }
}

/* Called with the allocator lock held, so no other thread is inside the allocator; threads
 * waiting for the lock get stopped while they wait. The program cannot block ESC_SIG_SUSPEND
 * through libc (signal_mask.c); a raw rt_sigprocmask system call delays the collection that
 * long. Threads are signalled by kernel thread id, not pthread_t: glibc's pthread_kill reports
 * success for a thread that is exiting without sending anything, and a pthread_t may already
 * name a new thread. */
void esc_world_stop(void) {
  unsigned signalled = 0;
  for (struct esc_thread *t = registry; t; t = t->next) {
    if (t == esc_self)
      continue;
    t->stack_sp = NULL;
    if (signal_thread(t, ESC_SIG_SUSPEND) == 0)
      signalled++;
    else
      t->exited = 1;
  }
  wait_for_acknowledgements(signalled);
  drop_exited_threads();
}

void esc_world_start(void) {
  atomic_fetch_add(&world_epoch, 1);
  for (struct esc_thread *t = registry; t; t = t->next)
    if (t != esc_self && t->stack_sp)
      signal_thread(t, ESC_SIG_RESUME);
}

/* {======================================================
 * Fork
 * ======================================================= */

/* Why take the lock: the child must not inherit a heap some other thread was halfway through
 * changing. After fork the child has one thread, so every other record goes. */
static void fork_prepare(void) { esc_lock(); }
static void fork_parent(void) { esc_unlock(); }
static void fork_child(void) {
  pthread_mutex_init(&allocator_lock, NULL);
  sem_init(&stop_acks, 0, 0);
  struct esc_thread *t = registry;
  registry = NULL;
  while (t) {
    struct esc_thread *next = t->next;
    if (t == esc_self) {
      t->next = registry;
      registry = t;
      t->id = (unsigned long)pthread_self();
      t->tid = (pid_t)syscall(SYS_gettid);
    } else {
      esc_retire_thread(t);
      t->next = free_records;
      free_records = t;
    }
    t = next;
  }
  holds_lock = 0;
}

/* {======================================================
 * Set-up and pthread_create
 * ======================================================= */

static void threads_init_once(void) {
  esc_signal_masks_init();
  sem_init(&stop_acks, 0, 0);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = suspend_handler;
  action.sa_flags = SA_SIGINFO | SA_RESTART;
  sigfillset(&action.sa_mask);
  sigaction(ESC_SIG_SUSPEND, &action, NULL);
  memset(&action, 0, sizeof action);
  action.sa_handler = resume_handler;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  sigaction(ESC_SIG_RESUME, &action, NULL);
  pthread_key_create(&exit_key, unregister_self);
  pthread_atfork(fork_prepare, fork_parent, fork_child);
  real_pthread_create =
      (create_function)esc_next_definition("pthread_create", (void *)__interceptor_pthread_create);
  real_pthread_exit =
      (exit_function)esc_next_definition("pthread_exit", (void *)__interceptor_pthread_exit);
}

void esc_threads_init(void) { pthread_once(&threads_once, threads_init_once); }

void esc_thread_ensure_registered(void) {
  if (esc_self)
    return;
  esc_threads_init();
  register_self();
}

__attribute__((constructor)) static void register_main_thread(void) {
  if (esc_process_role() != ESC_ROLE_IDLE)
    esc_thread_ensure_registered();
}

/* {======================================================
 * Thread results
 * ======================================================= */

/* A joinable thread's result lives in its descriptor, in memory nobody scans once the thread has
 * unregistered, until pthread_join hands it over. So the result is parked in a ROOT node (a
 * root like all malloc'ed memory). Why a node is dropped when a new thread with the same
 * pthread_t starts, rather than at pthread_join: a descriptor is reused only after its thread
 * was joined or detached, so nobody can ask for that result any more; until then it costs one
 * kept object per thread, and join/detach need no interposition. */
struct parked_result {
  struct parked_result *next;
  unsigned long id;
  void *value;
};

static struct parked_result *parked_results; /* under the allocator lock */
static ESC_TLS bool detached;                /* created detached: nobody will join */

static void park_result(void *value) {
  if (detached)
    return;
  struct parked_result *node = esc_root_alloc(sizeof *node, 0, false);
  if (!node)
    return;
  node->id = (unsigned long)pthread_self();
  node->value = value;
  esc_lock();
  node->next = parked_results;
  parked_results = node;
  esc_unlock();
}

static void drop_parked_result(unsigned long id) {
  esc_lock();
  struct parked_result *found = NULL;
  for (struct parked_result **link = &parked_results; *link; link = &(*link)->next) {
    if ((*link)->id == id) {
      found = *link;
      *link = found->next;
      break;
    }
  }
  esc_unlock();
  esc_root_free(found);
}

void pthread_exit(void *value) {
  esc_threads_init();
  park_result(value);
  real_pthread_exit(value);
  abort(); /* not reached: pthread_exit does not return */
}

/* {======================================================
 * pthread_create
 * ======================================================= */

struct start_info {
  void *(*routine)(void *);
  void *arg;
  bool detached;
};

/* Why the start info is ROOT memory: until the new thread has registered itself nobody scans its
 * stack, so ARG must stay reachable from somewhere the collector does scan. */
static void *thread_start(void *opaque) {
  struct start_info *info = opaque;
  register_self();
  drop_parked_result((unsigned long)pthread_self());
  void *(*routine)(void *) = info->routine;
  void *arg = info->arg;
  detached = info->detached;
  esc_root_free(info);
  void *result = routine(arg);
  park_result(result);
  return result;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*routine)(void *),
                   void *arg) {
  esc_thread_ensure_registered();
  if (!real_pthread_create)
    return EAGAIN;
  struct start_info *info = esc_root_alloc(sizeof *info, 0, false);
  if (!info)
    return EAGAIN;
  int state = PTHREAD_CREATE_JOINABLE;
  if (attr)
    pthread_attr_getdetachstate(attr, &state);
  info->routine = routine;
  info->arg = arg;
  info->detached = state == PTHREAD_CREATE_DETACHED;
  int result = real_pthread_create(thread, attr, thread_start, info);
  if (result != 0)
    esc_root_free(info);
  return result;
}
