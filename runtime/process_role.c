/* process_role.c — whether this copy of escrt is the process's collector.
 *
 * One collector per process, in the executable: escc cc links libescrt.a into executables and
 * makes shared libraries built with escc cc -shared depend on libescrt.so, so that a program
 * linked without escc still finds esc_alloc. A process may therefore hold two copies, or one
 * loaded too late to see everything; each copy finds out which of three roles it has:
 * - in charge: the program's esc_alloc is this copy's, and libc does not come before it in the
 *   lookup order (libescrt.a in the executable, libescrt.so linked before libc or preloaded), so
 *   its malloc and pthread_create are the ones the program calls;
 * - idle: the program's esc_alloc is another copy's (a library's libescrt.so in a program
 *   linked by escc cc): this copy registers nothing and installs no signal handler;
 * - unable: the program's esc_alloc is this copy's, but libc was loaded first (libescrt.so as a
 *   library's dependency in a program linked without escc, or dlopen'ed), so malloc'ed memory
 *   and new threads bypass it: a collection could free live objects, so it never collects (as the
 *   "none" runtime: objects are never freed), and says so once on stderr.
 *
 * Invariant: the role is computed once, before the first collection. */
#include "internal.h"

#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static enum esc_role role;

/* One line on stderr, without stdio (which may allocate). */
static void say(const char *line, size_t length) {
  ssize_t written = write(STDERR_FILENO, line, length);
  (void)written;
}
static pthread_once_t role_once = PTHREAD_ONCE_INIT;

struct load_order {
  const void *escrt, *libc; /* load bases */
  int escrt_index, libc_index, index;
};

static int find_positions(struct dl_phdr_info *info, size_t size, void *context) {
  (void)size;
  struct load_order *order = context;
  const void *base = (const void *)info->dlpi_addr;
  if (base == order->escrt && order->escrt_index < 0)
    order->escrt_index = order->index;
  if (base == order->libc && order->libc_index < 0)
    order->libc_index = order->index;
  order->index++;
  return 0;
}

static const void *load_base(const void *address) {
  Dl_info info;
  struct link_map *map = NULL;
  if (!address || !dladdr1(address, &info, (void **)&map, RTLD_DL_LINKMAP) || !map)
    return NULL;
  return (const void *)map->l_addr;
}

/* A sanitizer with its own malloc (ASan, HWASan, MSan, TSan) in the process, when escrt
 * interposes malloc too: escrt's definition wins and the sanitizer stops seeing heap errors, so
 * the program is stopped with one line instead (escrt built with ESCRT_NO_MALLOC_INTERPOSE, as
 * ESCC_SANITIZE=ON does, leaves malloc to the sanitizer and may be combined). */
static void refuse_allocator_sanitizer(void) {
#ifndef ESCRT_NO_MALLOC_INTERPOSE
  static const char *const entry_points[] = {"__asan_init", "__hwasan_init", "__msan_init",
                                             "__tsan_init"};
  for (size_t i = 0; i < sizeof entry_points / sizeof *entry_points; i++) {
    if (!dlsym(RTLD_DEFAULT, entry_points[i]))
      continue;
    static const char message[] =
        "escrt: error: a sanitizer with its own malloc is loaded, and escrt's malloc would "
        "replace it and hide heap errors; build escrt with ESCRT_NO_MALLOC_INTERPOSE or link "
        "without the sanitizer\n";
    say(message, sizeof message - 1);
    _exit(2);
  }
#endif
}

static void find_role(void) {
  const void *escrt = load_base((const void *)find_role);
  /* NULL: esc_alloc is not exported, so this is the executable's own copy. */
  void *bound = dlsym(RTLD_DEFAULT, "esc_alloc");
  if (bound && load_base(bound) != escrt) {
    role = ESC_ROLE_IDLE;
    return;
  }
  struct load_order order = {escrt, load_base((const void *)gnu_get_libc_version), -1, -1, 0};
  dl_iterate_phdr(find_positions, &order);
  role = ESC_ROLE_IN_CHARGE;
  refuse_allocator_sanitizer();
  if (order.libc_index >= 0 && order.escrt_index > order.libc_index) {
    role = ESC_ROLE_UNABLE;
    static const char message[] =
        "escrt: warning: libescrt.so was loaded after libc (a library built with escc cc -shared "
        "in a program not linked by escc): malloc and threads bypass it, so it never collects; "
        "link the program with escc cc or preload libescrt.so\n";
    say(message, sizeof message - 1);
  }
}

enum esc_role esc_process_role(void) {
  pthread_once(&role_once, find_role);
  return role;
}
