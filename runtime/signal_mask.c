/* signal_mask.c — keeps the suspend signal deliverable to every thread of the program.
 *
 * Stopping the world sends SIG_SUSPEND to each registered thread and waits for all of them to
 * acknowledge (threads.c). A thread that blocks the signal never acknowledges, and the
 * collecting thread waits for it with the allocator lock held: every thread that allocates then
 * stops too. Blocking every signal in worker threads (sigfillset + pthread_sigmask) or waiting
 * for "any signal" with sigwait is common in real programs, so, as Boehm does, escrt interposes
 * the calls that change a thread's mask or wait for signals and takes SIG_SUSPEND out of the
 * sets they are given. sigaction's sa_mask is filtered too: the kernel installs it as the
 * thread's mask while the handler runs, and a handler left by longjmp leaves it installed. The
 * sigwait family also leaves SIG_RESUME alone: a resume that reaches a
 * thread after it already saw the new epoch stays pending (the handler blocks it), and a
 * sigwait for "any signal" must not return it to the program. The program still sees every other
 * signal exactly as it asked.
 *
 * Invariant: no call interposed here blocks SIG_SUSPEND or consumes SIG_SUSPEND or SIG_RESUME;
 * the runtime's own wait in the suspend handler, which must block SIG_SUSPEND, goes through
 * esc_sigsuspend_exact. */
#include "internal.h"

#include <pthread.h>
#include <signal.h>

/* The sanitizers' interceptors, when a sanitizer runtime is loaded (see interpose.c). */
extern int __interceptor_pthread_sigmask(int, const sigset_t *, sigset_t *) __attribute__((weak));
extern int __interceptor_sigprocmask(int, const sigset_t *, sigset_t *) __attribute__((weak));
extern int __interceptor_sigsuspend(const sigset_t *) __attribute__((weak));
extern int __interceptor_sigaction(int, const struct sigaction *, struct sigaction *)
    __attribute__((weak));
extern int __interceptor_sigwait(const sigset_t *, int *) __attribute__((weak));
extern int __interceptor_sigwaitinfo(const sigset_t *, siginfo_t *) __attribute__((weak));
extern int __interceptor_sigtimedwait(const sigset_t *, siginfo_t *, const struct timespec *)
    __attribute__((weak));

typedef int (*mask_function)(int, const sigset_t *, sigset_t *);
typedef int (*suspend_function)(const sigset_t *);
typedef int (*action_function)(int, const struct sigaction *, struct sigaction *);
typedef int (*wait_function)(const sigset_t *, int *);
typedef int (*waitinfo_function)(const sigset_t *, siginfo_t *);
typedef int (*timedwait_function)(const sigset_t *, siginfo_t *, const struct timespec *);

static struct {
  mask_function pthread_sigmask, sigprocmask;
  suspend_function sigsuspend;
  action_function sigaction;
  wait_function sigwait;
  waitinfo_function sigwaitinfo;
  timedwait_function sigtimedwait;
} real;
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

#define RESOLVE(field, interceptor)                                                                \
  real.field = (__typeof__(real.field))esc_next_definition(#field, (void *)(interceptor))

static void resolve_real_functions(void) {
  RESOLVE(pthread_sigmask, __interceptor_pthread_sigmask);
  RESOLVE(sigprocmask, __interceptor_sigprocmask);
  RESOLVE(sigsuspend, __interceptor_sigsuspend);
  RESOLVE(sigaction, __interceptor_sigaction);
  RESOLVE(sigwait, __interceptor_sigwait);
  RESOLVE(sigwaitinfo, __interceptor_sigwaitinfo);
  RESOLVE(sigtimedwait, __interceptor_sigtimedwait);
}

static void resolve(void) { pthread_once(&real_once, resolve_real_functions); }

void esc_signal_masks_init(void) { resolve(); }

/* SET with SIGNAL_A and SIGNAL_B taken out, in *COPY when it held either; NULL stays NULL (a
 * query or no change). */
static const sigset_t *without(const sigset_t *set, sigset_t *copy, int signal_a, int signal_b) {
  if (!set || (!sigismember(set, signal_a) && !sigismember(set, signal_b)))
    return set;
  *copy = *set;
  sigdelset(copy, signal_a);
  sigdelset(copy, signal_b);
  return copy;
}

/* A mask that leaves SIG_SUSPEND deliverable. */
static const sigset_t *deliverable(const sigset_t *mask, sigset_t *copy) {
  return without(mask, copy, ESC_SIG_SUSPEND, ESC_SIG_SUSPEND);
}

/* A set of signals to wait for that holds neither of the runtime's signals. */
static const sigset_t *not_runtime(const sigset_t *set, sigset_t *copy) {
  return without(set, copy, ESC_SIG_SUSPEND, ESC_SIG_RESUME);
}

/* Called from the suspend handler: esc_signal_masks_init has run (threads_init_once), so no
 * pthread_once here. */
int esc_sigsuspend_exact(const sigset_t *mask) { return real.sigsuspend(mask); }

/* {======================================================
 * The interposed functions (exported)
 * ======================================================= */

/* Why SIG_UNBLOCK passes unchanged: unblocking never hides the signal. */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old) {
  resolve();
  sigset_t copy;
  return real.pthread_sigmask(how, how == SIG_UNBLOCK ? set : deliverable(set, &copy), old);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
  resolve();
  sigset_t copy;
  return real.sigprocmask(how, how == SIG_UNBLOCK ? set : deliverable(set, &copy), old);
}

int sigsuspend(const sigset_t *mask) {
  resolve();
  sigset_t copy;
  return real.sigsuspend(deliverable(mask, &copy));
}

int sigaction(int signal_number, const struct sigaction *action, struct sigaction *old) {
  resolve();
  struct sigaction copy;
  if (action && sigismember(&action->sa_mask, ESC_SIG_SUSPEND) &&
      signal_number != ESC_SIG_SUSPEND) {
    copy = *action;
    sigdelset(&copy.sa_mask, ESC_SIG_SUSPEND);
    action = &copy;
  }
  return real.sigaction(signal_number, action, old);
}

int sigwait(const sigset_t *set, int *signal_number) {
  resolve();
  sigset_t copy;
  return real.sigwait(not_runtime(set, &copy), signal_number);
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info) {
  resolve();
  sigset_t copy;
  return real.sigwaitinfo(not_runtime(set, &copy), info);
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout) {
  resolve();
  sigset_t copy;
  return real.sigtimedwait(not_runtime(set, &copy), info, timeout);
}
