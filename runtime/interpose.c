/* interpose.c — which function an interposed escrt function (pthread_create, pthread_exit, the
 * signal mask calls and sigaction, the mmap family, epoll_ctl, the timer calls) passes the call
 * on to.
 *
 * Without a sanitizer that is the next definition after escrt's, libc's (RTLD_NEXT). A sanitizer
 * runtime intercepts the same functions, and escrt meets it in two shapes:
 * - escrt binds first (libescrt.a in the executable, the sanitizer runtime linked in too or
 *   loaded as a shared library): RTLD_NEXT would skip the sanitizer's interceptor, which must
 *   run or the sanitizer loses track of threads; it is reachable by its __interceptor_ name and
 *   passes the call on to libc.
 * - the sanitizer binds first (libescrt.so loaded after it): the program calls the interceptor,
 *   whose "real" function is escrt's. Calling the interceptor again would nest it, and a nested
 *   pthread_create interceptor waits forever for the thread it is starting; escrt must call libc.
 * The object the program's own binding of the name (RTLD_DEFAULT) lies in tells the two apart.
 * Why the object and not the address of escrt's function: inside libescrt.so that address is
 * itself taken through the global binding, so it would always match.
 *
 * Invariant: the function returned is neither escrt's own nor an interceptor that is already
 * running for this call. */
#include "internal.h"

#include <dlfcn.h>

void *esc_next_definition(const char *name, void *interceptor) {
  if (interceptor) {
    Dl_info bound, escrt;
    void *binding = dlsym(RTLD_DEFAULT, name);
    if (binding && dladdr(binding, &bound) && dladdr((void *)esc_next_definition, &escrt) &&
        bound.dli_fbase == escrt.dli_fbase)
      return interceptor;
  }
  return dlsym(RTLD_NEXT, name);
}
