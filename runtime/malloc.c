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

/* In .bss, so the collector scans it as data (only the part handed out: esc_emergency_unused);
 * never reused. An allocation keeps its size in the 16 bytes before it so that realloc can copy
 * it. */
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

void esc_emergency_unused(char **lo, char **hi) {
  *lo = emergency + atomic_load(&emergency_used);
  *hi = emergency + EMERGENCY_SIZE;
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

/* A small default-aligned block from the thread's malloc cache, without the lock; NULL when the
 * thread has no record, its cache of that class is empty, or a signal handler interrupted this
 * thread inside a cache (in_fast_path). The slot is allocated in the heap's bitmaps already. */
static void *alloc_cached(struct esc_thread *t, unsigned c) {
  if (!t || t->in_fast_path)
    return NULL;
  t->in_fast_path = 1;
  atomic_signal_fence(memory_order_seq_cst);
  struct esc_free_list *list = &t->freed[c];
  char *p = list->head;
  if (p) {
    memcpy(&list->head, p, sizeof list->head);
    list->length--;
  } else {
    unsigned word;
    p = esc_cache_peek(&t->root_cache[c], c, &word);
    if (p)
      esc_cache_take(&t->root_cache[c], word);
  }
  atomic_signal_fence(memory_order_seq_cst);
  t->in_fast_path = 0;
  return p;
}

/* Keeps P, which must be the start of an allocated small malloc block, in this thread's free
 * list without the lock; false when it cannot (no record, signal handler, list full, not such a
 * block). Why reading the header without the lock is safe: the block of an allocated slot stays
 * what it is until that slot is freed, and only this call frees it. */
static bool free_cached(char *p) {
  struct esc_thread *t = esc_self;
  if (!t || t->in_fast_path)
    return false;
  uintptr_t offset = (uintptr_t)(p - esc_heap.base);
  struct esc_block *b = &esc_heap.blocks[offset >> ESC_BLOCK_SHIFT];
  if (b->kind != ESC_BLOCK_SMALL || b->owner != ESC_OWNER_ROOT)
    return false;
  unsigned c = b->size_class, slot = esc_slot_of(c, offset & (ESC_BLOCK_SIZE - 1));
  struct esc_free_list *list = &t->freed[c];
  if (list->length >= ESC_FREED_MAX || slot >= esc_class_slots[c] ||
      offset % ESC_BLOCK_SIZE != (uintptr_t)slot * esc_class_size[c] ||
      !esc_bit_test(b->alloc, slot))
    return false;
  t->in_fast_path = 1;
  atomic_signal_fence(memory_order_seq_cst);
  memcpy(p, &list->head, sizeof list->head);
  list->head = p;
  list->length++;
  atomic_signal_fence(memory_order_seq_cst);
  t->in_fast_path = 0;
  return true;
}

void esc_free_list_flush(struct esc_free_list *list) {
  while (list->head) {
    char *p = list->head;
    memcpy(&list->head, p, sizeof list->head);
    free_locked(p);
  }
  list->length = 0;
}

/* Under the lock: refills this thread's cache of class C and takes a block from it, or (no
 * record, signal handler, over-aligned or large) allocates one block. */
static void *alloc_locked(size_t size, size_t align, bool cacheable, unsigned c, bool *zeroed) {
  struct esc_thread *t = esc_self;
  if (atomic_load_explicit(&deferred_frees, memory_order_relaxed))
    free_deferred_locked();
  *zeroed = false;
  if (cacheable && esc_heap_init())
    c = esc_small_class(size); /* the caller's guess was made before the table existed */
  if (cacheable && t && !t->in_fast_path)
    return esc_heap_claim(ESC_OWNER_ROOT, c, &t->root_cache[c]) ? alloc_cached(t, c) : NULL;
  size_t usable;
  return esc_heap_alloc(ESC_OWNER_ROOT, size, align, zeroed, &usable);
}

void *esc_root_alloc(size_t size, size_t align, bool zero) {
  if (size == 0)
    size = 1;
  bool cacheable = size <= ESC_SMALL_MAX && align <= ESC_GRANULE;
  unsigned c = cacheable ? esc_small_class(size) : 0;
  bool zeroed = false;
  void *p = cacheable ? alloc_cached(esc_self, c) : NULL;
  if (!p) {
    if (esc_lock_reentered())
      return esc_emergency_alloc(size, align);
    esc_lock();
    p = alloc_locked(size, align, cacheable, c, &zeroed);
    esc_unlock();
  }
  if (!p)
    errno = ENOMEM;
  else if (zero && !zeroed)
    memset(p, 0, size);
  return p;
}

void esc_root_free(void *p) {
  if (!p || in_emergency(p) || (uintptr_t)p - (uintptr_t)esc_heap.base >= esc_heap.span)
    return;
  if (free_cached(p))
    return;
  if (esc_lock_reentered()) {
    void *head = atomic_load(&deferred_frees);
    do
      memcpy(p, &head, sizeof head);
    while (!atomic_compare_exchange_weak(&deferred_frees, &head, p));
    return;
  }
  esc_lock();
  if (atomic_load_explicit(&deferred_frees, memory_order_relaxed))
    free_deferred_locked();
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

/* Grows the large malloc block P to hold SIZE bytes from P without moving it, if the blocks
 * after it are free (esc_heap_grow_large). */
__attribute__((unused)) static bool grow_in_place(void *p, size_t size) {
  if (in_emergency(p) || size > esc_heap.span || esc_lock_reentered())
    return false;
  uint32_t block;
  char *start;
  size_t old;
  bool grown = false;
  esc_lock();
  if (esc_heap_find(p, &block, &start, &old) && esc_heap.blocks[block].owner == ESC_OWNER_ROOT &&
      esc_heap.blocks[block].kind == ESC_BLOCK_LARGE) {
    size_t needed = (size_t)((char *)p - start) + size;
    grown =
        esc_heap_grow_large(block, (uint32_t)((needed + ESC_BLOCK_SIZE - 1) >> ESC_BLOCK_SHIFT));
  }
  esc_unlock();
  return grown;
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

/* Keeps the block when the new size fits and would not waste more than half of it, grows a large
 * block in place when the blocks after it are free, and moves it otherwise. */
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
  if (size > old && grow_in_place(p, size))
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
