/* internal.h — escrt's private interface between its files (heap, mark, roots, threads,
 * malloc, collect). Everything here has hidden visibility: the only exported symbols of
 * libescrt are the esc_ functions of escrt.h and the interposed malloc/pthread_create family.
 *
 * Invariant: every piece of allocator or collector state is read and written only while the
 * allocator lock (esc_lock) is held, except the fields documented as atomic. */
#ifndef ESCRT_INTERNAL_H
#define ESCRT_INTERNAL_H

#include "escrt.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#pragma GCC visibility push(hidden)

struct esc_cache;
struct esc_free_list;
struct esc_thread;

/* Memory the collector scans conservatively: ASan would report reads of stack red zones. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ESC_NO_ASAN __attribute__((no_sanitize("address")))
#endif
#endif
#if !defined(ESC_NO_ASAN) && defined(__SANITIZE_ADDRESS__)
#define ESC_NO_ASAN __attribute__((no_sanitize_address))
#endif
#ifndef ESC_NO_ASAN
#define ESC_NO_ASAN
#endif

#define ESC_TLS __thread __attribute__((tls_model("initial-exec")))

/* {======================================================
 * Heap geometry (heap.c)
 * ======================================================= */

#define ESC_BLOCK_SHIFT 12
#define ESC_BLOCK_SIZE ((size_t)1 << ESC_BLOCK_SHIFT)
#define ESC_GRANULE 16
#define ESC_SMALL_MAX 2048
#define ESC_MAX_SLOTS (ESC_BLOCK_SIZE / ESC_GRANULE)
#define ESC_BITMAP_WORDS (ESC_MAX_SLOTS / 64)
#define ESC_CLASS_COUNT 21

enum esc_block_kind {
  ESC_BLOCK_UNUSED = 0, /* above the high-water mark: never handed out */
  ESC_BLOCK_FREE,       /* part of a free run (head and tail carry the run length) */
  ESC_BLOCK_SMALL,      /* slots of one size class */
  ESC_BLOCK_LARGE,      /* first block of a large object */
  ESC_BLOCK_LARGE_TAIL  /* later block of a large object; count = distance to its head */
};

/* Who may free an object and whether it is scanned: the collector (GC: scanned when reached;
 * GC_ATOMIC: esc_alloc_atomic's pointer-free objects, marked when reached but never scanned) or
 * only the program (ROOT: malloc'ed and pinned memory, which is scanned as a root and never
 * collected). A block holds objects of one owner only. */
enum esc_owner {
  ESC_OWNER_GC = 0,
  ESC_OWNER_ROOT = 1,
  ESC_OWNER_GC_ATOMIC = 2,
  ESC_OWNER_COUNT = 3
};

enum esc_block_flags {
  ESC_FLAG_PARTIAL = 1, /* SMALL: on its class's partial list */
  ESC_FLAG_CLEAN = 2    /* FREE run head: pages known to be zero (released or never used) */
};

/* The out-of-line header of one 4 KiB block; bit i of alloc/mark is slot i. */
struct esc_block {
  uint8_t kind;        /* enum esc_block_kind */
  uint8_t owner;       /* enum esc_owner */
  uint8_t size_class;  /* SMALL: index into esc_class_size */
  uint8_t flags;       /* enum esc_block_flags */
  uint32_t count;      /* FREE: run length; LARGE: blocks; LARGE_TAIL: offset; SMALL: used slots */
  uint32_t next, prev; /* partial list (block indices; 0 = none) */
  uint32_t freed_at;   /* FREE run head: collection number when it became free */
  uint32_t released;   /* 1: this block's pages went back to the OS and were not taken since */
  uint64_t alloc[ESC_BITMAP_WORDS];
  uint64_t mark[ESC_BITMAP_WORDS];
};

/* The reservation holds two ranges of blocks: collectable objects (GC and GC_ATOMIC) in the
 * lower half, program-owned (ROOT) blocks in the upper half. So "might this word point to a
 * collectable object" is a subtraction and a compare, and a word pointing into malloc'ed memory
 * (common when the roots are malloc'ed blocks) costs the mark loop no header lookup; the sweep
 * walks only the collectable range, the root scan only the ROOT range. */
enum esc_range { ESC_RANGE_COLLECTED = 0, ESC_RANGE_ROOT = 1, ESC_RANGE_COUNT = 2 };
static inline enum esc_range esc_owner_range(unsigned owner) {
  return owner == ESC_OWNER_ROOT ? ESC_RANGE_ROOT : ESC_RANGE_COLLECTED;
}

struct esc_block_range {
  uint32_t first;           /* its first block (block 0 is never used: COLLECTED starts at 1) */
  uint32_t limit;           /* one past its last block */
  uint32_t high_water;      /* first block never handed out */
  uint32_t lowest_free;     /* no block below this one is free */
  uint32_t free_blocks;     /* blocks in free runs */
  uint32_t released_blocks; /* blocks below high_water whose pages are not resident */
};

struct esc_heap {
  char *base;               /* start of the reserved range; block 0 is never used */
  uintptr_t span;           /* bytes reserved */
  struct esc_block *blocks; /* one header per block of the range */
  uint64_t *free_map;       /* bit i: block i is FREE (lowest-address first fit, trimming) */
  uint32_t capacity;        /* blocks in the range */
  struct esc_block_range ranges[ESC_RANGE_COUNT];
  uint32_t partial[ESC_OWNER_COUNT][ESC_CLASS_COUNT]; /* SMALL blocks with a free slot */
  uint64_t owner_bytes[ESC_OWNER_COUNT];              /* slot bytes handed out and not yet freed */
  uint64_t released_bytes;                            /* in total, for esc_stats */
  uint32_t epoch;           /* completed collections, for the age of free runs */
  uint64_t keep_free_bytes; /* resident free memory the collector expects to reuse (pacing) */
};

extern struct esc_heap esc_heap;
extern const uint16_t esc_class_size[ESC_CLASS_COUNT];
extern uint16_t esc_class_slots[ESC_CLASS_COUNT];
extern uint32_t esc_class_magic[ESC_CLASS_COUNT];
extern uint8_t esc_class_of_granules[ESC_SMALL_MAX / ESC_GRANULE + 1];
/* The size class of a small request of BYTES bytes. The table is filled by esc_heap_init and
 * reads as class 0 before: a fast path may guess with it (its cache is empty then), but a slow
 * path must ask again once the heap is set up, under the lock. */
static inline unsigned esc_small_class(size_t bytes) {
  return esc_class_of_granules[(bytes + ESC_GRANULE - 1) / ESC_GRANULE];
}

static inline char *esc_block_address(uint32_t index) {
  return esc_heap.base + ((uintptr_t)index << ESC_BLOCK_SHIFT);
}
static inline bool esc_bit_test(const uint64_t *bits, unsigned i) {
  return (bits[i >> 6] >> (i & 63)) & 1;
}
static inline void esc_bit_set(uint64_t *bits, unsigned i) {
  bits[i >> 6] |= (uint64_t)1 << (i & 63);
}
static inline void esc_bit_clear(uint64_t *bits, unsigned i) {
  bits[i >> 6] &= ~((uint64_t)1 << (i & 63));
}
/* Slot index of byte OFFSET of a block of class C: offset / size without a division. */
static inline unsigned esc_slot_of(unsigned c, uintptr_t offset) {
  return (unsigned)((offset * esc_class_magic[c]) >> 32);
}

bool esc_heap_init(void);
/* Allocates SIZE bytes aligned to ALIGN for OWNER; *ZEROED tells whether the memory is known
 * to be zero, *USABLE how many bytes from the result belong to the object. NULL when out of
 * address space. */
void *esc_heap_alloc(enum esc_owner owner, size_t size, size_t align, bool *zeroed, size_t *usable);
/* The index of the object containing P (any interior address), its start and its size; false
 * when P is not inside an allocated object. */
bool esc_heap_find(const void *p, uint32_t *block, char **start, size_t *size);
/* Grows the large object whose first block is INDEX to COUNT blocks without moving it; false
 * when the blocks after it are not free. */
bool esc_heap_grow_large(uint32_t index, uint32_t count);
/* Frees the object starting at START in BLOCK (the values esc_heap_find returned). */
void esc_heap_free(uint32_t block, char *start);
/* Frees whole blocks [START, START+COUNT) into the free runs. */
void esc_heap_free_run(uint32_t start, uint32_t count, uint32_t now);
/* Links a SMALL block onto / off its partial list. */
void esc_heap_partial_push(uint32_t block);
void esc_heap_partial_reset(enum esc_owner owner);
/* Claims every free slot of one of OWNER's blocks of class C for a thread cache. */
bool esc_heap_claim(enum esc_owner owner, unsigned c, struct esc_cache *cache);
/* Gives the slots still in CACHE back to the heap. */
void esc_heap_unclaim(unsigned c, struct esc_cache *cache);
/* Gives a thread's kept malloc blocks back to the heap (lock held). */
void esc_free_list_flush(struct esc_free_list *list);
/* Returns free runs to the OS until at most KEEP_BYTES of resident heap memory is free, taking
 * only runs free for MIN_AGE collections or more (0: any, older ones first). */
void esc_heap_trim(uint64_t keep_bytes, uint32_t min_age);
/* Bytes of heap blocks whose pages may be resident: in use, or free but not released. */
uint64_t esc_heap_resident_bytes(void);
/* Bytes of heap blocks in use (not free), in both ranges. */
uint64_t esc_heap_used_block_bytes(void);
/* Blocks below the high-water marks: the headers a collection walks. */
uint32_t esc_heap_block_count(void);
/* Calls VISIT on every allocated object of OWNER (MARKED_ONLY: only marked ones), in its range. */
void esc_heap_for_each(enum esc_owner owner, bool marked_only, void (*visit)(char *, char *));

/* {======================================================
 * Marking (mark.c)
 * ======================================================= */

bool esc_mark_init(void);
/* Marks every collectable object a word of [LO, HI) points into and queues it for scanning
 * (pointer-free objects are marked, not queued). */
void esc_mark_range(const void *lo, const void *hi);
/* Scans queued objects until none is left, recovering from mark-stack overflow. */
void esc_mark_finish(void);
void esc_mark_set_capacity(size_t entries);
/* Bytes scanned (roots and reached objects) since the last call. */
uint64_t esc_mark_take_scanned_bytes(void);

/* {======================================================
 * Roots (roots.c) and threads (threads.c)
 * ======================================================= */

/* Marks from every root; the calling thread's stack and registers only when OWN_STACK (the
 * audit's look at exit marks them last, with esc_roots_mark_own_stack). */
void esc_roots_mark(bool own_stack);
void esc_roots_mark_own_stack(void);
/* Folds an exiting thread's counters into the totals and returns its cached slots (lock held). */
void esc_retire_thread(struct esc_thread *t);

/* A thread's claim on the free slots of one block of a size class: the heap counts them as
 * allocated; the thread hands them out without the lock. A collectable cache hands them out by
 * bumping through RUN, a stretch of neighbouring free slots taken out of FREE, whose byte
 * offsets in the block are packed as (next << 32) | end so that one store moves both: a
 * collection that stops the thread anywhere sees each cached slot in FREE or in the run (or
 * both, for an instant). Malloc's caches take slots from FREE directly and keep RUN empty. */
struct esc_cache {
  uint32_t block;
  uint64_t free[ESC_BITMAP_WORDS];
  uint64_t run;
};

static inline uint32_t esc_run_next(uint64_t run) { return (uint32_t)(run >> 32); }
static inline uint32_t esc_run_end(uint64_t run) { return (uint32_t)run; }
/* Moves the lowest stretch of neighbouring slots of FREE into CACHE's run (class C) and returns
 * the run; an empty run when FREE is empty. Lock-free: only the owning thread calls it, inside
 * its fast path. */
uint64_t esc_cache_next_run(struct esc_cache *cache, unsigned c);
/* With the world stopped: marks the slots in every thread's collectable runs, as roots.c marks
 * the ones still in the bitmaps, so the sweep keeps them. */
void esc_heap_mark_cached_runs(void);

/* The lowest free slot of CACHE (class C), with its bitmap word in *WORD; NULL when the cache is
 * empty. The slot stays in the cache until esc_cache_take. */
static inline char *esc_cache_peek(const struct esc_cache *cache, unsigned c, unsigned *word) {
  for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
    if (cache->free[w]) {
      *word = w;
      unsigned slot = w * 64 + (unsigned)__builtin_ctzll(cache->free[w]);
      return esc_block_address(cache->block) + (size_t)slot * esc_class_size[c];
    }
  }
  return NULL;
}

static inline void esc_cache_take(struct esc_cache *cache, unsigned word) {
  cache->free[word] &= cache->free[word] - 1;
}

/* Malloc blocks a thread freed and keeps, still allocated in the heap's bitmaps, for its next
 * mallocs of the same class (linked through their first word; at most ESC_FREED_MAX). */
#define ESC_FREED_MAX 32
struct esc_free_list {
  void *head;
  uint32_t length;
};

/* Why in_fast_path is also a guard: taking a slot out of a cache is not atomic, so a signal
 * handler that interrupts it must not take slots from (or refill) this thread's caches. */
struct esc_thread {
  struct esc_thread *next;
  void *volatile in_flight;  /* the object being handed out from the collectable cache */
  volatile int in_fast_path; /* a cache is being used; in_flight is a root only while set */
  uint64_t allocations;      /* cache allocations by this thread (esc_stats adds them up) */
  uint64_t allocated_bytes;
  struct esc_cache cache[ESC_CLASS_COUNT];        /* collectable slots (esc_alloc) */
  struct esc_cache atomic_cache[ESC_CLASS_COUNT]; /* pointer-free slots (esc_alloc_atomic) */
  struct esc_cache root_cache[ESC_CLASS_COUNT];   /* malloc slots */
  struct esc_free_list freed[ESC_CLASS_COUNT];    /* malloc blocks this thread freed */
  unsigned long id;                               /* pthread_t */
  char *stack_hi;                                 /* highest address of the stack (exclusive) */
  char *volatile stack_sp;                        /* lowest live address, saved when stopped */
  char *tls_anchor;                               /* address of this thread's esc_tls_anchor */
  volatile int stopped;   /* acknowledged the suspend signal in this collection */
  char *stack_lo;         /* lowest address of the thread's own stack (main: a bound) */
  size_t descriptor_size; /* main thread: bytes of its struct pthread at id to scan; else 0 */
  int tid;                /* kernel thread id: stop signals go to it */
  int exited;             /* found gone by a collection: the record is dropped (lock held) */
};

extern ESC_TLS char esc_tls_anchor;
extern ESC_TLS struct esc_thread *esc_self; /* this thread's record, NULL if unregistered */
void esc_threads_init(void);
void esc_thread_ensure_registered(void);
struct esc_thread *esc_thread_self(void);
struct esc_thread *esc_threads_first(void);
void esc_world_stop(void);
void esc_world_start(void);

/* Boehm's choices on Linux: signals programs rarely use for anything else. */
#define ESC_SIG_SUSPEND SIGPWR
#define ESC_SIG_RESUME SIGXCPU
/* signal_mask.c: resolve the real mask functions (before any signal is sent), and sigsuspend
 * with MASK exactly as given (the interposed one would unblock ESC_SIG_SUSPEND). */
void esc_signal_masks_init(void);
int esc_sigsuspend_exact(const sigset_t *mask);
/* interpose.c: what escrt's function NAME calls on to: INTERCEPTOR, a sanitizer's
 * __interceptor_NAME or NULL, when the program binds NAME to escrt, else the next definition. */
void *esc_next_definition(const char *name, void *interceptor);
/* process_role.c: whether this copy of escrt is the process's collector. */
enum esc_role { ESC_ROLE_IN_CHARGE, ESC_ROLE_IDLE, ESC_ROLE_UNABLE };
enum esc_role esc_process_role(void);
/* proc_maps.c (lock held): VISIT on each mapping, in address order, with its flags ("rw-p ...")
 * until it returns false; the mapping that contains ADDRESS. */
void esc_mappings_for_each(bool (*visit)(char *lo, char *hi, const char *flags, void *context),
                           void *context);
bool esc_mapping_containing(const void *address, char **lo, char **hi);
/* malloc_roots.c: marks from every allocated ROOT slot and large ROOT object (world stopped),
 * skipping quiet pages when dirty_pages.c knows what was written; the ROOT bytes read since the
 * last call (pacing); a line of totals for ESC_GC_STATS. */
void esc_malloc_roots_mark(void);
uint64_t esc_malloc_roots_take_read_bytes(void);
void esc_malloc_roots_print_stats(void);
/* dirty_pages.c: whether collections should track written heap pages (ESC_GC_STRESS), and
 * (world stopped) WRITTEN on each block range of [FIRST, LIMIT) written since the
 * previous take, which protects them again; false when unknown (every page counts as written). */
void esc_dirty_pages_enable(bool wanted);
bool esc_dirty_pages_take(uint32_t first, uint32_t limit,
                          void (*written)(uint32_t lo, uint32_t hi));
/* mapped_roots.c: marks the anonymous memory the program mapped itself (world stopped). */
void esc_mapped_roots_mark(void);
/* mapped_roots.c: anonymous read-write memory for escrt's own bookkeeping, from the real mmap
 * and never remembered as a root (the audit's records and frame stacks hold addresses that must
 * keep nothing alive); NULL when the mapping fails. */
void *esc_map_unscanned(size_t bytes);

void esc_lock(void);
void esc_unlock(void);
/* True when this thread already holds (or waits for) the lock: a signal handler interrupted the
 * allocator, so the request must not touch the heap. */
bool esc_lock_reentered(void);

/* {======================================================
 * Malloc (malloc.c) and policy (collect.c)
 * ======================================================= */

/* Memory served while a signal handler interrupted the allocator (never reused). */
void *esc_emergency_alloc(size_t size, size_t align);
/* The part of the emergency arena never handed out (zeros: the data scan skips it). */
void esc_emergency_unused(char **lo, char **hi);
/* The program-owned (ROOT) allocator behind malloc and esc_alloc_pinned. */
void *esc_root_alloc(size_t size, size_t align, bool zero);
void esc_root_free(void *p);
uint64_t esc_now_ns(void);
/* A full collection now (lock held): the audit's forced collections. With OWN_STACK_LAST, the
 * audit counts what the other roots reach before the calling thread's stack is marked (at
 * exit, where that stack only holds exit's frames over the program's dead ones). */
void esc_collect_locked(bool own_stack_last);

/* {======================================================
 * Audit (audit.c)
 * ======================================================= */

/* After marking (lock held): counts audited objects seen reachable after their frame ended
 * (only in the audit's own collections) ... */
void esc_audit_count_outlived(void);
/* ... and, before the sweep, forgets the ones about to be freed. */
void esc_audit_forget_unmarked(void);

#pragma GCC visibility pop

#endif /* ESCRT_INTERNAL_H */
