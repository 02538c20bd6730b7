/* roots.c — where the collector starts: the stacks and registers of registered threads, the
 * writable data/bss of every loaded object, every thread's static TLS, the anonymous memory the
 * program mapped (mapped_roots.c), and all malloc'ed and pinned (ROOT) memory (malloc_roots.c).
 *
 * Invariant: called only with the world stopped and the allocator lock held, so the registry,
 * the heap and the set of loaded objects (dl_iterate_phdr holds the loader's lock) cannot change
 * while the roots are read. */
#include "internal.h"

#include <link.h>

/* {======================================================
 * Data, bss and static TLS of loaded objects
 * ======================================================= */

/* A module's static TLS block sits at the same offset from the thread pointer in every thread,
 * and so does esc_tls_anchor (escrt's own static TLS), so the block of thread T is at
 * T->tls_anchor + (this thread's block - this thread's anchor). Blocks of modules dlopen'ed
 * later may instead be dynamic: glibc allocates those with malloc, which is escrt's heap, and
 * heap memory is a root already — so those are skipped here. */
static void mark_static_tls(char *this_thread_block, size_t size) {
  if ((uintptr_t)this_thread_block - (uintptr_t)esc_heap.base < esc_heap.span)
    return;
  ptrdiff_t offset = this_thread_block - &esc_tls_anchor;
  for (struct esc_thread *t = esc_threads_first(); t; t = t->next)
    esc_mark_range(t->tls_anchor + offset, t->tls_anchor + offset + size);
}

/* Marks [LO, HI) without [CUT_LO, CUT_HI) (which may lie partly or wholly outside it), handing
 * the pieces to MARK. */
static void mark_outside(char *lo, char *hi, char *cut_lo, char *cut_hi,
                         void (*mark)(char *, char *)) {
  if (cut_lo < cut_hi && cut_lo < hi && cut_hi > lo) {
    mark(lo, cut_lo > lo ? cut_lo : lo);
    mark(cut_hi < hi ? cut_hi : hi, hi);
  } else {
    mark(lo, hi);
  }
}

static void mark_words(char *lo, char *hi) { esc_mark_range(lo, hi); }

/* Why the emergency arena's unused tail is cut out: it is 64 KiB of zeros in escrt's own .bss,
 * which every collection (one per allocation under ESC_GC_STRESS=1) would read. */
static void mark_data(char *lo, char *hi) {
  char *unused_lo, *unused_hi;
  esc_emergency_unused(&unused_lo, &unused_hi);
  mark_outside(lo, hi, unused_lo, unused_hi, mark_words);
}

/* Why RELRO is cut out: after relocation it is read-only (GOT, vtables, .data.rel.ro) and holds
 * addresses of code and data, never of heap objects; it can be large in big programs. */
static int mark_object(struct dl_phdr_info *info, size_t info_size, void *unused) {
  (void)unused;
  char *relro_lo = NULL, *relro_hi = NULL;
  for (unsigned i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_GNU_RELRO) {
      relro_lo = (char *)(info->dlpi_addr + ph->p_vaddr);
      relro_hi = relro_lo + ph->p_memsz;
    }
  }
  for (unsigned i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_LOAD && (ph->p_flags & PF_W)) {
      char *lo = (char *)(info->dlpi_addr + ph->p_vaddr);
      mark_outside(lo, lo + ph->p_memsz, relro_lo, relro_hi, mark_data);
    } else if (ph->p_type == PT_TLS &&
               info_size >= offsetof(struct dl_phdr_info, dlpi_tls_data) + sizeof(void *) &&
               info->dlpi_tls_data) {
      mark_static_tls(info->dlpi_tls_data, ph->p_memsz);
    }
  }
  return 0;
}

/* {======================================================
 * Stacks
 * ======================================================= */

/* Where the stack a thread runs on at SP ends, when SP is not in its own stack: a makecontext
 * stack or an alternate signal stack, in a heap object (malloc'ed: up to the object's end), a
 * data segment or an mmap'ed region (up to the mapping's end). Scanning past the end of the
 * stack proper stays inside readable memory and only makes the scan more conservative. */
static char *foreign_stack_end(char *sp) {
  uint32_t block;
  char *start, *hi;
  size_t size;
  if ((uintptr_t)(sp - esc_heap.base) < esc_heap.span)
    return esc_heap_find(sp, &block, &start, &size) ? start + size : sp;
  char *lo;
  return esc_mapping_containing(sp, &lo, &hi) ? hi : sp;
}

/* A thread's stack from SP up, and, when SP is on a foreign stack, that stack and all of the
 * thread's own stack (where the thread left it is unknown; the main thread's bottom is the
 * mapping's current one). The registers of the interrupted code are in the signal frame (a
 * stopped thread) or in mark_own_stack's frame (the collector), both above SP. */
ESC_NO_ASAN static void mark_thread_stack(struct esc_thread *t, char *sp) {
  if (sp >= t->stack_lo && sp < t->stack_hi) {
    esc_mark_range(sp, t->stack_hi);
    return;
  }
  esc_mark_range(sp, foreign_stack_end(sp));
  char *lo, *hi;
  if (esc_mapping_containing(t->stack_hi - 1, &lo, &hi))
    esc_mark_range(lo > t->stack_lo ? lo : t->stack_lo, t->stack_hi);
}

/* Why a separate, non-inlined frame: __builtin_unwind_init spills every callee-saved register
 * into this frame, below the caller's frames and above `here`, so the scan from `here` up sees
 * values the collector's callers keep only in registers. */
ESC_NO_ASAN __attribute__((noinline)) static void mark_own_stack(struct esc_thread *t) {
  __builtin_unwind_init();
  volatile char here = 0;
  mark_thread_stack(t, (char *)&here);
}

static void mark_cached_slots(const struct esc_cache *cache) {
  if (!cache->block)
    return;
  struct esc_block *b = &esc_heap.blocks[cache->block];
  for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++)
    b->mark[w] |= cache->free[w];
}

/* Cached slots are free memory the heap counts as allocated: marking them (without scanning
 * their stale contents) keeps the sweep from handing them to another thread. A thread stopped
 * inside the lock-free fast path has either not yet taken the slot out of its cache or already
 * published it in in_flight (esc_alloc orders the two stores), so the slot is never lost. */
static void mark_thread_cache(struct esc_thread *t) {
  if (t->in_fast_path)
    esc_mark_range((void *)&t->in_flight, (void *)(&t->in_flight + 1));
  for (unsigned c = 0; c < ESC_CLASS_COUNT; c++) {
    mark_cached_slots(&t->cache[c]);
    mark_cached_slots(&t->atomic_cache[c]);
  }
}

static void mark_stacks(bool own_stack) {
  for (struct esc_thread *t = esc_threads_first(); t; t = t->next) {
    mark_thread_cache(t);
    if (t == esc_thread_self()) {
      if (own_stack)
        mark_own_stack(t);
    } else if (t->stack_sp) {
      mark_thread_stack(t, t->stack_sp);
    }
    if (t->descriptor_size) /* the main thread's pthread_setspecific slots, keys below 32 */
      esc_mark_range((char *)t->id, (char *)t->id + t->descriptor_size);
  }
}

/* {======================================================
 * The entry point
 * ======================================================= */

/* Malloc slots waiting in a thread's cache or free lists count as allocated but hold whatever
 * their last user left: they are taken out of the alloc bits for the root scan (SHOW false) and put
 * back after (SHOW true). The world is stopped, so no cache changes in between. */
static void show_cached_malloc_slots(bool show) {
  for (struct esc_thread *t = esc_threads_first(); t; t = t->next) {
    for (unsigned c = 0; c < ESC_CLASS_COUNT; c++) {
      struct esc_cache *cache = &t->root_cache[c];
      if (!cache->block)
        continue;
      struct esc_block *b = &esc_heap.blocks[cache->block];
      for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++)
        b->alloc[w] = show ? b->alloc[w] | cache->free[w] : b->alloc[w] & ~cache->free[w];
    }
    for (unsigned c = 0; c < ESC_CLASS_COUNT; c++) {
      for (char *p = t->freed[c].head; p; p = *(char **)p) {
        uintptr_t offset = (uintptr_t)(p - esc_heap.base);
        struct esc_block *b = &esc_heap.blocks[offset >> ESC_BLOCK_SHIFT];
        unsigned slot = esc_slot_of(c, offset & (ESC_BLOCK_SIZE - 1));
        if (show)
          esc_bit_set(b->alloc, slot);
        else
          esc_bit_clear(b->alloc, slot);
      }
    }
  }
}

void esc_roots_mark(bool own_stack) {
  mark_stacks(own_stack);
  dl_iterate_phdr(mark_object, NULL);
  esc_mapped_roots_mark();
  show_cached_malloc_slots(false);
  esc_malloc_roots_mark();
  show_cached_malloc_slots(true);
}

void esc_roots_mark_own_stack(void) { mark_own_stack(esc_thread_self()); }
