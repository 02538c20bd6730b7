/* never_free.c — libescrt_none: the "none" runtime (escc --gc=none). esc_alloc,
 * esc_alloc_atomic and esc_alloc_pinned hand out zeroed memory from mmap'ed chunks and never free
 * it; esc_collect does nothing. Useful as the lower bound on allocation cost and the upper bound on
 * memory.
 *
 * Invariant: the bump pointer only grows inside the current chunk, under the lock. */
#include "escrt.h"

#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK_SIZE ((size_t)1 << 20)

static pthread_mutex_t bump_lock = PTHREAD_MUTEX_INITIALIZER;
static char *chunk_next, *chunk_end;
static struct esc_stats counters;

/* Fresh anonymous mappings are zero, so nothing is ever cleared. Objects bigger than a quarter
 * chunk get their own mapping so the chunk tail is not wasted. */
static void *bump(size_t size, size_t align) {
  if (align < 16)
    align = 16;
  if (align & (align - 1) || size > SIZE_MAX / 2 || align > CHUNK_SIZE)
    return NULL;
  if (size > CHUNK_SIZE / 4) {
    size_t length = (size + align + 4095) & ~(size_t)4095;
    char *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return NULL;
    return (void *)(((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1));
  }
  uintptr_t start = ((uintptr_t)chunk_next + align - 1) & ~(uintptr_t)(align - 1);
  if (!chunk_next || start + size > (uintptr_t)chunk_end) {
    char *p = mmap(NULL, CHUNK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return NULL;
    chunk_next = p;
    chunk_end = p + CHUNK_SIZE;
    counters.heap_bytes += CHUNK_SIZE;
    start = ((uintptr_t)chunk_next + align - 1) & ~(uintptr_t)(align - 1);
  }
  chunk_next = (char *)(start + size);
  return (void *)start;
}

static void *counted(size_t size, size_t align, int pinned) {
  pthread_mutex_lock(&bump_lock);
  void *p = bump(size, align);
  if (p) {
    if (pinned) {
      counters.pinned_objects++;
      counters.pinned_bytes += size;
    } else
      counters.allocations++;
    counters.live_objects += !pinned;
    counters.allocated_bytes += size;
    counters.live_bytes += size;
  }
  pthread_mutex_unlock(&bump_lock);
  return p;
}

void *esc_alloc(size_t size, size_t align) { return counted(size, align, 0); }
void *esc_alloc_atomic(size_t size, size_t align) { return counted(size, align, 0); }
void *esc_alloc_pinned(size_t size, size_t align) { return counted(size, align, 1); }
void esc_collect(void) {}

void esc_stats(struct esc_stats *out) {
  pthread_mutex_lock(&bump_lock);
  *out = counters;
  pthread_mutex_unlock(&bump_lock);
}
