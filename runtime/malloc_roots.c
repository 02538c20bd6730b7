/* malloc_roots.c — malloc'ed and pinned (ROOT) memory as a root: every allocated ROOT slot and
 * large ROOT object is read word by word, but cheaply, and, when the kernel tracks writes
 * (dirty_pages.c), a page that cannot hold a reference to a collectable object is not read at
 * all.
 *
 * The cheap filter. Collectable and ROOT blocks live in separate ranges of the reservation
 * (heap.c). A collection first notes, one bit per block of the collectable range, which blocks
 * hold objects (SMALL or LARGE, large objects with all their blocks; not free runs). A word of
 * ROOT memory is handed to the marker only when it points below the collectable range's
 * high-water mark into such a block: integers, text, and the pointers between malloc'ed nodes
 * that make up most of an interpreter's data (they point into the ROOT range) cost a
 * subtraction, a compare and a bit test in a table of a few KiB, never a block header.
 *
 * Ranges: the owner table covers the collectable range [first, high_water); the written-page
 * take, the quiet marks and the walk over ROOT blocks cover the ROOT range [first, high_water)
 * (dirty_pages.c watches only that range, so collectable pages never fault on a write).
 *
 * Quiet pages. Each ROOT block (4 KiB page) whose allocated slots were read and held no word
 * into a collectable block is remembered as quiet. A later collection skips a quiet block when
 * the kernel reports it not written since, and the block stayed ROOT at every collection in
 * between (any other block loses the mark). Why that is sound: every word of its allocated
 * slots is unchanged, and each pointed, when it was read, into memory that was not a collectable
 * object; a collectable object allocated since then is not referenced by a word written before
 * it existed (the word pointed to free or malloc'ed memory there, so using it would be a use
 * after free in the program). A slot allocated since then without being written holds whatever
 * its last user left, which the program may not read. Pages written by read(2), by other threads
 * or by escrt itself (a freed slot's link, realloc's copy, calloc's zeroing) are written pages;
 * pages given back with madvise read as written too.
 *
 * Invariant: called with the world stopped and the allocator lock held; afterwards every
 * collectable object referenced from a word of an allocated ROOT slot is marked. */
#include "internal.h"

#include <stdio.h>

/* One bit per block: holds collectable objects (rebuilt by each collection). */
static uint64_t *collectable_blocks;
/* One bit per block: ROOT, read with no collectable word, and (tracking) not written since. */
static uint64_t *quiet_blocks;
/* This collection's high-water mark of the collectable range, in blocks. */
static uint32_t filter_limit;
/* This collection's ROOT range, in blocks. */
static uint32_t root_first, root_limit;

static struct {
  uint64_t read_bytes;    /* ROOT bytes read by this collection (for pacing) */
  uint64_t total_read;    /* in all collections, for ESC_GC_STATS */
  uint64_t total_skipped; /* bytes of quiet blocks not read */
  uint64_t tracked;       /* collections that had the kernel's record of written pages */
  uint64_t collections;
} counts;

/* The bitmaps cover the whole reserved range; untouched parts of them cost no memory. NULL when
 * the mapping failed: the collection then reads every ROOT word through the marker. */
static bool bitmaps_ready(void) {
  if (collectable_blocks)
    return true;
  size_t bytes = ((size_t)esc_heap.capacity + 63) / 64 * sizeof(uint64_t);
  if (!quiet_blocks)
    quiet_blocks = esc_map_unscanned(bytes);
  if (quiet_blocks)
    collectable_blocks = esc_map_unscanned(bytes);
  return collectable_blocks != NULL;
}

/* Sets or clears bits [LO, HI) a word at a time: free runs and large objects span many blocks. */
static void set_range(uint64_t *bits, uint32_t lo, uint32_t hi, bool value) {
  while (lo < hi) {
    unsigned shift = lo & 63, width = hi - lo < 64 - shift ? hi - lo : 64 - shift;
    uint64_t mask = (width == 64 ? ~(uint64_t)0 : (((uint64_t)1 << width) - 1)) << shift;
    bits[lo >> 6] = value ? bits[lo >> 6] | mask : bits[lo >> 6] & ~mask;
    lo += width;
  }
}

/* Notes which blocks hold collectable objects, and (with TRACKED) forgets the quiet mark of every
 * block that is not ROOT now (it may hold anything when it becomes ROOT again). Without tracking
 * the quiet marks are never used again (dirty_pages.c never turns it back on), nor before the
 * first take, which reports every page written. */
static uint32_t blocks_at(const struct esc_block *b) {
  return b->kind == ESC_BLOCK_LARGE || b->kind == ESC_BLOCK_FREE ? b->count : 1;
}

static bool holds_object(const struct esc_block *b) {
  return b->kind == ESC_BLOCK_SMALL || b->kind == ESC_BLOCK_LARGE;
}

static void note_block_owners(bool tracked) {
  const struct esc_block_range *collected = &esc_heap.ranges[ESC_RANGE_COLLECTED];
  for (uint32_t i = collected->first; i < filter_limit;) {
    const struct esc_block *b = &esc_heap.blocks[i];
    set_range(collectable_blocks, i, i + blocks_at(b), holds_object(b));
    i += blocks_at(b);
  }
  if (!tracked)
    return;
  for (uint32_t i = root_first; i < root_limit;) {
    const struct esc_block *b = &esc_heap.blocks[i];
    if (!holds_object(b))
      set_range(quiet_blocks, i, i + blocks_at(b), false);
    i += blocks_at(b);
  }
}

static void forget_written(uint32_t lo, uint32_t hi) {
  set_range(quiet_blocks, lo, hi < root_limit ? hi : root_limit, false);
}

/* Reads the words of [LO, HI) (aligned) and marks from those that point into a collectable
 * block; true when there was one. Not inlined and not instrumented, like mark.c's scan_words: it
 * reads words the program never initialised (Valgrind's suppressions name it). */
ESC_NO_ASAN __attribute__((noinline)) static bool scan_malloc_words(const char *lo,
                                                                    const char *hi) {
  uintptr_t base = (uintptr_t)esc_heap.base;
  uintptr_t limit = (uintptr_t)filter_limit << ESC_BLOCK_SHIFT;
  bool found = false;
  counts.read_bytes += (uintptr_t)(hi - lo);
  for (const uintptr_t *p = (const uintptr_t *)lo; p < (const uintptr_t *)hi; p++) {
    uintptr_t offset = *p - base;
    if (offset < limit && esc_bit_test(collectable_blocks, (unsigned)(offset >> ESC_BLOCK_SHIFT))) {
      found = true;
      esc_mark_range(p, p + 1);
    }
  }
  return found;
}

/* The allocated slots of a SMALL ROOT block; true when one held a collectable word. */
static bool scan_small(uint32_t index, const struct esc_block *b) {
  unsigned size = esc_class_size[b->size_class];
  char *base = esc_block_address(index);
  bool found = false;
  for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
    for (uint64_t bits = b->alloc[w]; bits; bits &= bits - 1) {
      unsigned slot = w * 64 + (unsigned)__builtin_ctzll(bits);
      found |= scan_malloc_words(base + (size_t)slot * size, base + (size_t)(slot + 1) * size);
    }
  }
  return found;
}

/* One ROOT block: skipped when quiet and SKIP_QUIET, else read and its quiet mark renewed. */
static void scan_root_block(uint32_t index, const struct esc_block *head, bool skip_quiet) {
  if (skip_quiet && esc_bit_test(quiet_blocks, index)) {
    counts.total_skipped += head->kind == ESC_BLOCK_SMALL
                                ? (uint64_t)head->count * esc_class_size[head->size_class]
                                : ESC_BLOCK_SIZE;
    return;
  }
  bool found;
  if (head->kind == ESC_BLOCK_SMALL) {
    found = scan_small(index, head);
  } else {
    char *page = esc_block_address(index);
    found = scan_malloc_words(page, page + ESC_BLOCK_SIZE);
  }
  if (found)
    esc_bit_clear(quiet_blocks, index);
  else
    esc_bit_set(quiet_blocks, index);
}

static void mark_root_object(char *lo, char *hi) { esc_mark_range(lo, hi); }

void esc_malloc_roots_mark(void) {
  counts.collections++;
  uint64_t read_before = counts.read_bytes;
  if (!bitmaps_ready()) {
    esc_heap_for_each(ESC_OWNER_ROOT, false, mark_root_object);
    return;
  }
  filter_limit = esc_heap.ranges[ESC_RANGE_COLLECTED].high_water;
  root_first = esc_heap.ranges[ESC_RANGE_ROOT].first;
  root_limit = esc_heap.ranges[ESC_RANGE_ROOT].high_water;
  bool tracked = esc_dirty_pages_take(root_first, root_limit, forget_written);
  counts.tracked += tracked;
  note_block_owners(tracked);
  for (uint32_t i = root_first; i < root_limit;) {
    const struct esc_block *b = &esc_heap.blocks[i];
    if (b->kind == ESC_BLOCK_SMALL) {
      if (b->owner == ESC_OWNER_ROOT)
        scan_root_block(i, b, tracked);
      i++;
    } else if (b->kind == ESC_BLOCK_LARGE || b->kind == ESC_BLOCK_FREE) {
      if (b->kind == ESC_BLOCK_LARGE && b->owner == ESC_OWNER_ROOT) {
        for (uint32_t page = i; page < i + b->count; page++)
          scan_root_block(page, b, tracked);
      }
      i += b->count;
    } else {
      i++;
    }
  }
  counts.total_read += counts.read_bytes - read_before;
}

uint64_t esc_malloc_roots_take_read_bytes(void) {
  uint64_t bytes = counts.read_bytes;
  counts.read_bytes = 0;
  return bytes;
}

void esc_malloc_roots_print_stats(void) {
  fprintf(stderr,
          "escrt: malloc roots: %llu bytes read, %llu bytes of quiet pages skipped, %llu of %llu "
          "collections with written-page tracking\n",
          (unsigned long long)counts.total_read, (unsigned long long)counts.total_skipped,
          (unsigned long long)counts.tracked, (unsigned long long)counts.collections);
}
