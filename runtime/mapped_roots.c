/* mapped_roots.c — anonymous memory the program maps itself is a root.
 *
 * Custom arenas and pools take memory straight from mmap and may hold the only reference to a
 * collectable object there. escrt interposes mmap, mmap64, mremap and munmap and remembers the
 * ranges of anonymous mappings (private or shared) the program made; a collection scans the parts
 * of them that /proc/self/maps still lists as readable and writable (so mprotect needs no
 * interposition, and a range unmapped behind escrt's back is simply not there). Why not scan every
 * anonymous mapping instead: glibc's cached stacks of exited threads, other threads' whole stacks
 * and a sanitizer's shadow memory are anonymous too, and would be scanned in full.
 *
 * Not seen: mappings made with a raw mmap system call, and those made by a signal handler that
 * interrupted this thread inside the allocator (the table cannot be updated then). A mapping
 * call made while the calling thread holds the allocator lock is escrt's own (the heap, the mark
 * stack, thread records) and is not remembered.
 *
 * Invariant: the ranges are disjoint and change only under the allocator lock, after the system
 * call succeeded; while the world is stopped no thread is between the two, so the table never
 * misses memory the program can already reach. */
#include "internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <unistd.h>

/* The sanitizers' interceptors, when a sanitizer runtime is loaded (see interpose.c). */
extern void *__interceptor_mmap(void *, size_t, int, int, int, off_t) __attribute__((weak));
extern void *__interceptor_mmap64(void *, size_t, int, int, int, off_t) __attribute__((weak));
extern int __interceptor_munmap(void *, size_t) __attribute__((weak));

typedef void *(*map_function)(void *, size_t, int, int, int, off_t);
typedef void *(*remap_function)(void *, size_t, size_t, int, ...);
typedef int (*unmap_function)(void *, size_t);

static struct {
  map_function mmap, mmap64;
  remap_function mremap;
  unmap_function munmap;
} real;
static pthread_once_t real_once = PTHREAD_ONCE_INIT;

static void resolve_real_functions(void) {
  real.mmap = (map_function)esc_next_definition("mmap", (void *)__interceptor_mmap);
  real.mmap64 = (map_function)esc_next_definition("mmap64", (void *)__interceptor_mmap64);
  real.mremap = (remap_function)esc_next_definition("mremap", NULL);
  real.munmap = (unmap_function)esc_next_definition("munmap", (void *)__interceptor_munmap);
}

/* {======================================================
 * The table of ranges (allocator lock held)
 * ======================================================= */

struct range {
  uintptr_t lo, hi;
};

static struct range *ranges; /* in memory from the real mmap: not a root itself */
static size_t count, capacity;

static bool reserve(size_t wanted) {
  if (wanted <= capacity)
    return true;
  size_t bigger = capacity ? capacity * 2 : 256;
  struct range *moved = real.mmap(NULL, bigger * sizeof *moved, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (moved == MAP_FAILED)
    return false;
  for (size_t i = 0; i < count; i++)
    moved[i] = ranges[i];
  if (ranges)
    real.munmap(ranges, capacity * sizeof *ranges);
  ranges = moved;
  capacity = bigger;
  return true;
}

/* Takes [LO, HI) out of every range, splitting a range that contains it. */
static void forget(uintptr_t lo, uintptr_t hi) {
  for (size_t i = 0; i < count; i++) {
    struct range *r = &ranges[i];
    if (r->hi <= lo || r->lo >= hi)
      continue;
    if (r->lo < lo && r->hi > hi && reserve(count + 1)) {
      r = &ranges[i]; /* reserve may have moved the table */
      ranges[count++] = (struct range){hi, r->hi};
      r->hi = lo;
    } else if (r->lo < lo) {
      r->hi = lo;
    } else if (r->hi > hi) {
      r->lo = hi;
    } else {
      ranges[i--] = ranges[--count];
    }
  }
}

/* What a successful mapping call made of [ADDRESS, +LENGTH): ANONYMOUS memory to remember, or
 * something else that replaces whatever was remembered there (MAP_FIXED, mremap's target). */
static void record(void *address, size_t length, bool anonymous) {
  if (esc_lock_reentered())
    return;
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  uintptr_t lo = (uintptr_t)address, hi = lo + ((length + page - 1) & ~(page - 1));
  esc_lock();
  forget(lo, hi);
  if (anonymous && reserve(count + 1))
    ranges[count++] = (struct range){lo, hi};
  esc_unlock();
}

/* {======================================================
 * Marking
 * ======================================================= */

static bool mark_remembered_parts(char *lo, char *hi, const char *flags, void *context) {
  (void)context;
  if (flags[0] != 'r' || flags[1] != 'w')
    return true;
  for (size_t i = 0; i < count; i++) {
    uintptr_t from = ranges[i].lo > (uintptr_t)lo ? ranges[i].lo : (uintptr_t)lo;
    uintptr_t to = ranges[i].hi < (uintptr_t)hi ? ranges[i].hi : (uintptr_t)hi;
    if (from < to)
      esc_mark_range((void *)from, (void *)to);
  }
  return true;
}

void esc_mapped_roots_mark(void) {
  if (count > 0)
    esc_mappings_for_each(mark_remembered_parts, NULL);
}

/* {======================================================
 * The interposed functions (exported)
 * ======================================================= */

static void *map_and_record(bool wide, void *address, size_t length, int protection, int flags,
                            int fd, off_t offset) {
  pthread_once(&real_once, resolve_real_functions);
  map_function map = wide ? real.mmap64 : real.mmap;
  void *result = map(address, length, protection, flags, fd, offset);
  if (result != MAP_FAILED)
    record(result, length, flags & MAP_ANONYMOUS);
  return result;
}

void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset) {
  return map_and_record(false, address, length, protection, flags, fd, offset);
}

void *mmap64(void *address, size_t length, int protection, int flags, int fd, off_t offset) {
  return map_and_record(true, address, length, protection, flags, fd, offset);
}

/* Why the old range is looked up before it is forgotten: mremap keeps the kind of memory. */
void *mremap(void *old_address, size_t old_length, size_t new_length, int flags, ...) {
  pthread_once(&real_once, resolve_real_functions);
  void *new_address = NULL;
  if (flags & MREMAP_FIXED) {
    va_list arguments;
    va_start(arguments, flags);
    new_address = va_arg(arguments, void *);
    va_end(arguments);
  }
  void *result = real.mremap(old_address, old_length, new_length, flags, new_address);
  if (result == MAP_FAILED || esc_lock_reentered())
    return result;
  bool anonymous = false;
  esc_lock();
  for (size_t i = 0; i < count; i++)
    anonymous |= ranges[i].lo <= (uintptr_t)old_address && ranges[i].hi > (uintptr_t)old_address;
  esc_unlock();
  if (result != old_address || new_length < old_length)
    record(old_address, old_length, false);
  record(result, new_length, anonymous);
  return result;
}

int munmap(void *address, size_t length) {
  pthread_once(&real_once, resolve_real_functions);
  int result = real.munmap(address, length);
  if (result == 0)
    record(address, length, false);
  return result;
}
