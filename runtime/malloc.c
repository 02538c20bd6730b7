/* malloc.c — escrt's malloc: the program-owned (ROOT) side of the heap, and the interposed malloc
 * family on top of it. Memory from malloc/calloc/realloc/posix_memalign/aligned_alloc/memalign/
 * valloc/pvalloc is scanned as a root by every collection and freed only by free/realloc, so a
 * collectable object whose only reference sits in a malloc'ed node stays alive.
 *
 * Invariants: ROOT memory is never freed by a collection; a request made while this thread holds
 * the allocator lock (a signal handler interrupted the allocator) never touches the heap: it is
 * served from the emergency arena, and a free is deferred to the next allocator call. With
 * ESCRT_NO_MALLOC_INTERPOSE (sanitizer builds) the system malloc stays and is NOT scanned. */
#include "internal.h"

#include <errno.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

/* {======================================================
 * The emergency arena
 * ======================================================= */

/* In .bss, so the collector scans it as data; never reused. An allocation keeps its size in the
 * 16 bytes before it so that realloc can copy it. */
#define EMERGENCY_SIZE (64 * 1024)
static _Alignas(4096) char emergency[EMERGENCY_SIZE];
static atomic_size_t emergency_used;

void *esc_emergency_alloc(size_t size, size_t align) {
  if (align < ESC_GRANULE)
    align = ESC_GRANULE;
  size_t old = atomic_load(&emergency_used), start, end;
  do {
    start = ((old + ESC_GRANULE + align - 1) & ~(align - 1));
    end = start + size;
    if (size > EMERGENCY_SIZE || end > EMERGENCY_SIZE || align > EMERGENCY_SIZE)
      return NULL;
  } while (!atomic_compare_exchange_weak(&emergency_used, &old, end));
  memcpy(emergency + start - sizeof size, &size, sizeof size);
  return emergency + start;
}

static bool in_emergency(const void *p) {
  return (const char *)p >= emergency && (const char *)p < emergency + EMERGENCY_SIZE;
}

/* {======================================================
 * Deferred frees
 * ======================================================= */

static _Atomic(void *) deferred_frees; /* linked through each block's first word */

static void free_locked(void *p) {
  uint32_t block;
  char *start;
  size_t size;
  if (esc_heap_find(p, &block, &start, &size) && esc_heap.blocks[block].owner == ESC_OWNER_ROOT)
    esc_heap_free(block, start);
}

static void free_deferred_locked(void) {
  void *p = atomic_exchange(&deferred_frees, NULL);
  while (p) {
    void *next;
    memcpy(&next, p, sizeof next);
    free_locked(p);
    p = next;
  }
}

/* {======================================================
 * The ROOT allocator
 * ======================================================= */

void *esc_root_alloc(size_t size, size_t align, bool zero) {
  if (size == 0)
    size = 1;
  if (esc_lock_reentered())
    return esc_emergency_alloc(size, align);
  esc_lock();
  if (atomic_load_explicit(&deferred_frees, memory_order_relaxed))
    free_deferred_locked();
  bool zeroed;
  size_t usable;
  void *p = esc_heap_alloc(ESC_OWNER_ROOT, size, align, &zeroed, &usable);
  esc_unlock();
  if (!p)
    errno = ENOMEM;
  else if (zero && !zeroed)
    memset(p, 0, size);
  return p;
}

void esc_root_free(void *p) {
  if (!p || in_emergency(p) || (uintptr_t)p - (uintptr_t)esc_heap.base >= esc_heap.span)
    return;
  if (esc_lock_reentered()) {
    void *head = atomic_load(&deferred_frees);
    do
      memcpy(p, &head, sizeof head);
    while (!atomic_compare_exchange_weak(&deferred_frees, &head, p));
    return;
  }
  esc_lock();
  free_locked(p);
  esc_unlock();
}

/* Bytes usable from P to the end of its block; 0 for memory escrt did not hand out. */
__attribute__((unused)) static size_t usable_size(void *p) {
  if (!p)
    return 0;
  if (in_emergency(p)) {
    size_t size;
    memcpy(&size, (char *)p - sizeof size, sizeof size);
    return size;
  }
  if (esc_lock_reentered())
    return 0;
  uint32_t block;
  char *start;
  size_t size = 0;
  esc_lock();
  bool found = esc_heap_find(p, &block, &start, &size);
  esc_unlock();
  return found ? (size_t)(start + size - (char *)p) : 0;
}

/* {======================================================
 * The interposed malloc family
 * ======================================================= */

#ifndef ESCRT_NO_MALLOC_INTERPOSE

static bool is_power_of_two(size_t n) { return n != 0 && (n & (n - 1)) == 0; }

void *malloc(size_t size) { return esc_root_alloc(size, 0, false); }

void free(void *p) { esc_root_free(p); }

void *calloc(size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  return esc_root_alloc(total, 0, true);
}

/* Keeps the block when the new size fits and would not waste more than half of it. */
void *realloc(void *p, size_t size) {
  if (!p)
    return malloc(size);
  if (size == 0) {
    free(p);
    return NULL;
  }
  size_t old = usable_size(p);
  if (size <= old && size >= old / 2)
    return p;
  void *q = malloc(size);
  if (!q)
    return NULL;
  memcpy(q, p, old < size ? old : size);
  free(p);
  return q;
}

void *reallocarray(void *p, size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(p, total);
}

int posix_memalign(void **out, size_t align, size_t size) {
  if (!is_power_of_two(align) || align % sizeof(void *) != 0)
    return EINVAL;
  void *p = esc_root_alloc(size, align, false);
  if (!p)
    return ENOMEM;
  *out = p;
  return 0;
}

void *aligned_alloc(size_t align, size_t size) {
  if (!is_power_of_two(align)) {
    errno = EINVAL;
    return NULL;
  }
  return esc_root_alloc(size, align, false);
}

void *memalign(size_t align, size_t size) { return aligned_alloc(align, size); }

void *valloc(size_t size) { return esc_root_alloc(size, (size_t)sysconf(_SC_PAGESIZE), false); }

void *pvalloc(size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  return esc_root_alloc((size + page - 1) & ~(page - 1), page, false);
}

size_t malloc_usable_size(void *p) { return usable_size(p); }

#endif /* ESCRT_NO_MALLOC_INTERPOSE */
