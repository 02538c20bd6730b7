/* collect.c — the public entry points (esc_alloc, esc_alloc_atomic, esc_alloc_pinned, esc_collect,
 * esc_stats), the
 * collection policy read from the environment, the sweep and the statistics.
 *
 * Invariant: a collection runs with the allocator lock held from start to end, and with the
 * world stopped from the first root scanned to the last object marked; sweeping runs after the
 * other threads resume, which is safe because an unmarked object is unreachable and nobody can
 * allocate (and so reuse a slot) without the lock. */
#include "internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The budget between two collections never falls below this many bytes, so that a collection's
 * fixed costs (stopping the threads, walking the loaded objects and the block headers) stay
 * small next to the allocation they pay for; the first collection comes after it too, when
 * nothing is known about the cost of one yet. */
#define MIN_BUDGET ((uint64_t)1 << 20)

/* Free memory beyond the budget goes back to the OS only once it has stayed free through this
 * many collections (as Boehm unmaps blocks unused for several collections): a program whose
 * live data shrinks for a moment (GCBench between its phases) does not have to fault it back. */
#define RELEASE_AGE 4

static struct {
  bool enabled;           /* ESC_GC != off */
  unsigned percent;       /* ESC_GC_PERCENT */
  unsigned fresh_percent; /* ESC_GC_FRESH_PERCENT */
  unsigned long stress;   /* ESC_GC_STRESS: collect every this many allocations (0: never) */
  unsigned long countdown;
  uint64_t threshold;     /* collect when collectable + malloc bytes in use reach this */
  uint64_t budget;        /* bytes the program may allocate between collections (pacing) */
  struct esc_stats stats; /* live/heap fields are filled in by esc_stats */
} gc = {true, 100, 25, 0, 0, MIN_BUDGET, MIN_BUDGET, {0}};

static pthread_once_t gc_once = PTHREAD_ONCE_INIT;

uint64_t esc_now_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* {======================================================
 * Environment and statistics
 * ======================================================= */

static unsigned long env_number(const char *name, unsigned long fallback) {
  const char *text = getenv(name);
  if (!text || !*text)
    return fallback;
  char *end;
  unsigned long value = strtoul(text, &end, 10);
  return *end ? fallback : value;
}

static void print_stats(void) {
  struct esc_stats s;
  esc_stats(&s);
  fprintf(stderr,
          "escrt: %llu allocations, %llu pinned (%llu bytes), %llu live objects, %llu freed "
          "objects\n"
          "escrt: %llu bytes allocated, %llu bytes live, %llu bytes heap, %llu bytes malloc, "
          "%llu bytes released\n"
          "escrt: %llu collections, pause total %.3f ms, max %.3f ms\n",
          (unsigned long long)s.allocations, (unsigned long long)s.pinned_objects,
          (unsigned long long)s.pinned_bytes, (unsigned long long)s.live_objects,
          (unsigned long long)s.freed_objects, (unsigned long long)s.allocated_bytes,
          (unsigned long long)s.live_bytes, (unsigned long long)s.heap_bytes,
          (unsigned long long)s.malloc_bytes, (unsigned long long)s.released_bytes,
          (unsigned long long)s.collections, (double)s.pause_total_ns / 1e6,
          (double)s.pause_max_ns / 1e6);
  esc_malloc_roots_print_stats();
}

/* Runs once, outside the allocator lock, because getenv is safe here but atexit may call malloc,
 * which takes the lock. */
static void gc_init(void) {
  const char *mode = getenv("ESC_GC");
  gc.enabled = !(mode && (!strcmp(mode, "off") || !strcmp(mode, "0")));
  gc.percent = (unsigned)env_number("ESC_GC_PERCENT", 100);
  gc.fresh_percent = (unsigned)env_number("ESC_GC_FRESH_PERCENT", 25);
  if (gc.fresh_percent > 100)
    gc.fresh_percent = 100;
  gc.stress = env_number("ESC_GC_STRESS", 0);
  gc.countdown = gc.stress;
  esc_dirty_pages_enable(gc.stress && env_number("ESC_GC_DIRTY_PAGES", 1));
  esc_mark_set_capacity(env_number("ESC_GC_MARK_STACK", 0));
  if (env_number("ESC_GC_STATS", 0))
    atexit(print_stats);
  esc_threads_init();
}

/* Called with the lock held by threads.c when a thread exits (or disappears in a fork child). */
void esc_retire_thread(struct esc_thread *t) {
  gc.stats.allocations += t->allocations;
  gc.stats.allocated_bytes += t->allocated_bytes;
  t->allocations = t->allocated_bytes = 0;
  for (unsigned c = 0; c < ESC_CLASS_COUNT; c++) {
    esc_heap_unclaim(c, &t->cache[c]);
    esc_heap_unclaim(c, &t->atomic_cache[c]);
    esc_heap_unclaim(c, &t->root_cache[c]);
    esc_free_list_flush(&t->freed[c]);
  }
}

/* Bytes of collectable objects (scanned and pointer-free) handed out and not yet freed. */
static uint64_t collectable_bytes(void) {
  return esc_heap.owner_bytes[ESC_OWNER_GC] + esc_heap.owner_bytes[ESC_OWNER_GC_ATOMIC];
}

/* Cache allocations are counted per thread without the lock; this snapshot adds them up, so a
 * concurrent allocation may or may not be included. live_bytes includes slots sitting in thread
 * caches (at most one block per class per thread). */
void esc_stats(struct esc_stats *out) {
  pthread_once(&gc_once, gc_init);
  esc_lock();
  *out = gc.stats;
  for (struct esc_thread *t = esc_threads_first(); t; t = t->next) {
    out->allocations += t->allocations;
    out->allocated_bytes += t->allocated_bytes;
  }
  out->live_objects = out->allocations - out->freed_objects;
  out->live_bytes = collectable_bytes();
  out->malloc_bytes = esc_heap.owner_bytes[ESC_OWNER_ROOT];
  out->released_bytes = esc_heap.released_bytes;
  out->heap_bytes = esc_heap_used_block_bytes();
  esc_unlock();
}

/* {======================================================
 * Sweep
 * ======================================================= */

/* The first block after the free run that starts at NEXT (NEXT itself if no run starts there).
 * Only valid before a block in front of NEXT is freed: freeing merges the run into a larger one,
 * and a one-block run's only header then becomes the merged run's tail, with the merged length. */
static uint32_t past_free_run(uint32_t next) {
  if (next < esc_heap.ranges[ESC_RANGE_COLLECTED].high_water &&
      esc_heap.blocks[next].kind == ESC_BLOCK_FREE)
    next += esc_heap.blocks[next].count;
  return next;
}

/* Returns the blocks [I, I+COUNT) to the free runs; the walk resumes at the result, past any free
 * run they merged with on the right (the merged run's length no longer fits the walk). */
static uint32_t sweep_free(uint32_t i, uint32_t count) {
  uint32_t next = past_free_run(i + count);
  esc_heap_free_run(i, count, esc_heap.epoch);
  return next;
}

/* Rebuilds the collectable partial lists from scratch: a block with a free slot after the sweep
 * is exactly one whose alloc bits are not all set. Why the walk never reads a header it freed or
 * merged: it only lands on the first block after something it did not free, which is the head
 * of whatever starts there. Only the collectable range is walked: malloc'ed blocks live in the
 * other one. */
static void sweep(void) {
  esc_heap_partial_reset(ESC_OWNER_GC);
  esc_heap_partial_reset(ESC_OWNER_GC_ATOMIC);
  uint64_t freed = 0;
  const struct esc_block_range *range = &esc_heap.ranges[ESC_RANGE_COLLECTED];
  for (uint32_t i = range->first; i < range->high_water;) {
    struct esc_block *b = &esc_heap.blocks[i];
    if (b->kind == ESC_BLOCK_SMALL) {
      unsigned c = b->size_class, live = 0, dead = 0;
      for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
        dead += (unsigned)__builtin_popcountll(b->alloc[w] & ~b->mark[w]);
        b->alloc[w] = b->mark[w];
        b->mark[w] = 0;
        live += (unsigned)__builtin_popcountll(b->alloc[w]);
      }
      freed += dead;
      esc_heap.owner_bytes[b->owner] -= (uint64_t)dead * esc_class_size[c];
      b->count = live;
      b->flags &= (uint8_t)~ESC_FLAG_PARTIAL;
      if (live == 0)
        i = sweep_free(i, 1);
      else if (live < esc_class_slots[c])
        esc_heap_partial_push(i++);
      else
        i++;
    } else if (b->kind == ESC_BLOCK_LARGE) {
      uint32_t count = b->count;
      if (!b->mark[0]) {
        freed++;
        esc_heap.owner_bytes[b->owner] -= (uint64_t)count << ESC_BLOCK_SHIFT;
        i = sweep_free(i, count);
      } else {
        b->mark[0] = 0;
        i += count;
      }
    } else if (b->kind == ESC_BLOCK_FREE) {
      i += b->count;
    } else {
      i++;
    }
  }
  gc.stats.freed_objects += freed;
}

/* {======================================================
 * Collection
 * ======================================================= */

/* Bytes in use by the program: collectable objects and malloc'ed (and pinned) blocks. */
static uint64_t in_use_bytes(void) {
  return collectable_bytes() + esc_heap.owner_bytes[ESC_OWNER_ROOT];
}

/* Pacing by what a collection reads, as Boehm paces by scan size: the roots (stacks, data,
 * malloc'ed memory), the objects it reached and scanned, the block headers the sweep walks, and
 * the live pointer-free objects (marked, not read, but live data all the same). The program may
 * allocate ESC_GC_PERCENT of that between two collections — malloc'ed bytes count as well, since
 * the next collection scans them — so the collector's share of the run stays bounded whatever
 * the mix of collectable and malloc'ed memory, and the heap grows by P % of what is live.
 *
 * Where the allocations land decides the memory: reusing what the heap holds (free slots, free
 * runs not yet released) costs no resident memory, so the whole budget may go there, but only
 * ESC_GC_FRESH_PERCENT (F) of it may take fresh pages from the OS in one cycle. A program whose
 * live data grows (GCBench's stretch tree: nothing is freed) so collects more often while it
 * grows and its peak stays near live × (1 + P/100 × F/100); one that replaces its data at a
 * steady size grows its resident free memory by F % of the budget per cycle up to the full
 * budget, and then reuses it. No fresh pages at all while the memory the heap holds gives at
 * least half the budget: a collection whose live data is up for a moment (GCBench's trees under
 * construction: up to 4 MiB over its 8 MiB of long-lived data) would otherwise grow the heap for
 * good by F % of a budget that spike inflated. The price is at most twice as many collections
 * as the budget alone would give, while the heap is that full. Free memory beyond the budget
 * goes back to the OS (esc_heap_trim) once it has stayed free for RELEASE_AGE collections. */
static void set_threshold(uint64_t scanned_bytes) {
  uint64_t headers = (uint64_t)esc_heap_block_count() * sizeof(struct esc_block);
  uint64_t cost = scanned_bytes + esc_heap.owner_bytes[ESC_OWNER_GC_ATOMIC] + headers;
  uint64_t budget = cost / 100 * gc.percent;
  if (budget < MIN_BUDGET)
    budget = MIN_BUDGET;
  esc_heap.keep_free_bytes = budget;
  esc_heap_trim(budget, RELEASE_AGE);
  uint64_t used = in_use_bytes();
  uint64_t resident = esc_heap_resident_bytes();
  uint64_t reuse = resident > used ? resident - used : 0;
  uint64_t fresh = budget / 100 * gc.fresh_percent;
  if (reuse >= budget / 2)
    fresh = 0;
  uint64_t headroom = reuse + fresh < budget ? reuse + fresh : budget;
  if (headroom < MIN_BUDGET)
    headroom = MIN_BUDGET;
  gc.budget = budget;
  gc.threshold = used + headroom;
}

static void collect_locked(bool own_stack_last) {
  if (!esc_heap.base || !esc_mark_init() || esc_process_role() != ESC_ROLE_IN_CHARGE)
    return;
  uint64_t start = esc_now_ns();
  esc_world_stop();
  esc_heap_mark_cached_runs();
  esc_roots_mark(!own_stack_last);
  esc_mark_finish();
  esc_audit_count_outlived();
  if (own_stack_last) {
    esc_roots_mark_own_stack();
    esc_mark_finish();
  }
  esc_world_start();
  esc_audit_forget_unmarked();
  sweep();
  esc_heap.epoch++;
  set_threshold(esc_mark_take_scanned_bytes() + esc_malloc_roots_take_read_bytes());
  uint64_t pause = esc_now_ns() - start;
  gc.stats.collections++;
  gc.stats.pause_total_ns += pause;
  if (pause > gc.stats.pause_max_ns)
    gc.stats.pause_max_ns = pause;
}

void esc_collect_locked(bool own_stack_last) { collect_locked(own_stack_last); }

/* Why ESC_GC_STRESS counts allocations rather than bytes: the test mode wants a collection
 * between any two allocations, whatever their size. */
static void maybe_collect(void) {
  if (!gc.enabled)
    return;
  if (gc.stress) {
    if (--gc.countdown == 0) {
      gc.countdown = gc.stress;
      collect_locked(false);
    }
    return;
  }
  if (in_use_bytes() >= gc.threshold)
    collect_locked(false);
}

void esc_collect(void) {
  pthread_once(&gc_once, gc_init);
  esc_thread_ensure_registered();
  if (esc_lock_reentered())
    return;
  esc_lock();
  collect_locked(false);
  esc_unlock();
}

/* {======================================================
 * Allocation
 * ======================================================= */

static size_t normalize_align(size_t align) {
  if (align <= ESC_GRANULE)
    return ESC_GRANULE;
  if (align & (align - 1))
    align = (size_t)1 << (64 - __builtin_clzll(align));
  return align;
}

/* Small, default-aligned objects come from the thread's cache without the lock, by bumping
 * through its run of neighbouring free slots; when the run is used up, REFILL takes the next one
 * from the cache's bitmap (esc_alloc's inlined path does not, so it needs no call and no saved
 * registers). Why in_flight is stored before the slot leaves the run (signal fences between): a
 * collection that stops this thread between the two stores must still see the slot, either as
 * cached or as a root; otherwise the sweep could hand it to someone else. in_fast_path limits
 * that root to this window, so the last object allocated is not kept alive afterwards, and
 * keeps a signal handler that interrupts this window away from the cache (it would hand out the
 * same slot). */
static inline void *alloc_cached(struct esc_thread *t, struct esc_cache *cache, unsigned c,
                                 size_t size, bool refill) {
  if (t->in_fast_path)
    return NULL;
  t->in_fast_path = 1;
  atomic_signal_fence(memory_order_seq_cst);
  uint64_t run = cache->run;
  if (refill && esc_run_next(run) >= esc_run_end(run))
    run = esc_cache_next_run(cache, c);
  char *p = NULL;
  if (esc_run_next(run) < esc_run_end(run)) {
    p = esc_block_address(cache->block) + esc_run_next(run);
    t->in_flight = p;
    atomic_signal_fence(memory_order_seq_cst);
    cache->run = run + ((uint64_t)esc_class_size[c] << 32);
  }
  atomic_signal_fence(memory_order_seq_cst);
  t->in_fast_path = 0;
  if (!p)
    return NULL;
  t->allocations++;
  t->allocated_bytes += size;
  return p;
}

/* The thread's cache of class C for OWNER's objects (GC or GC_ATOMIC). */
static inline struct esc_cache *owner_cache(struct esc_thread *t, enum esc_owner owner,
                                            unsigned c) {
  return owner == ESC_OWNER_GC_ATOMIC ? &t->atomic_cache[c] : &t->cache[c];
}

/* Under the lock: a collection if due, then either a refilled cache (NULL returned, the caller
 * retries the cache) or, in stress mode and for large or over-aligned objects, one object. */
static void *alloc_slow(enum esc_owner owner, size_t size, size_t align, bool cacheable,
                        unsigned c) {
  pthread_once(&gc_once, gc_init);
  esc_thread_ensure_registered();
  if (size >= SIZE_MAX / 2)
    return NULL;
  align = normalize_align(align);
  if (esc_lock_reentered())
    return esc_emergency_alloc(size + 1, align);
  esc_lock();
  maybe_collect();
  if (cacheable && esc_heap_init())
    c = esc_small_class(size + 1); /* the caller's guess was made before the table existed */
  if (cacheable && !gc.stress && !esc_self->in_fast_path) {
    struct esc_cache *cache = owner_cache(esc_self, owner, c);
    bool refilled = esc_heap_claim(owner, c, cache);
    esc_unlock();
    return refilled ? alloc_cached(esc_self, cache, c, size, true) : NULL;
  }
  bool zeroed;
  size_t usable;
  void *p = esc_heap_alloc(owner, size + 1, align, &zeroed, &usable);
  if (p) {
    gc.stats.allocations++;
    gc.stats.allocated_bytes += size;
  }
  esc_unlock();
  if (p && !zeroed)
    memset(p, 0, usable);
  return p;
}

/* The cache's next run, else the slow path. */
__attribute__((noinline)) static void *alloc_refill(enum esc_owner owner, size_t size, size_t align,
                                                    bool cacheable, unsigned c) {
  struct esc_thread *t = esc_self;
  if (cacheable && t) {
    void *p = alloc_cached(t, owner_cache(t, owner, c), c, size, true);
    if (p)
      return p;
  }
  return alloc_slow(owner, size, align, cacheable, c);
}

/* One byte of slack: a pointer one past the end of the object still points into its slot, so
 * it keeps this object alive and never the next one. The whole slot is zeroed, because the
 * collector scans whole slots: cached slots in bulk when their block is claimed (esc_heap_claim),
 * others outside the lock in alloc_slow. */
static inline void *alloc_collectable(enum esc_owner owner, size_t size, size_t align) {
  bool cacheable = size < ESC_SMALL_MAX && align <= ESC_GRANULE;
  unsigned c = cacheable ? esc_small_class(size + 1) : 0;
  struct esc_thread *t = esc_self;
  if (cacheable && t) {
    void *p = alloc_cached(t, owner_cache(t, owner, c), c, size, false);
    if (p)
      return p;
  }
  return alloc_refill(owner, size, align, cacheable, c);
}

void *esc_alloc(size_t size, size_t align) { return alloc_collectable(ESC_OWNER_GC, size, align); }

/* Why a separate owner rather than a per-object bit: a block of pointer-free slots is skipped by
 * one test in mark_word, and the marking loop never reads such an object's contents. */
void *esc_alloc_atomic(size_t size, size_t align) {
  return alloc_collectable(ESC_OWNER_GC_ATOMIC, size, align);
}

void *esc_alloc_pinned(size_t size, size_t align) {
  pthread_once(&gc_once, gc_init);
  if (size >= SIZE_MAX / 2)
    return NULL;
  void *p = esc_root_alloc(size, normalize_align(align), true);
  if (p) {
    esc_lock();
    gc.stats.pinned_objects++;
    gc.stats.pinned_bytes += size;
    esc_unlock();
  }
  return p;
}
