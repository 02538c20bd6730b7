/* mark.c — the mark phase: conservative scanning of word ranges and the explicit mark stack.
 *
 * Invariant: an object's mark bit is set exactly when it has been found reachable in this
 * collection, and every marked object is either already scanned, queued on the mark stack, or
 * (after an overflow) waiting for the rescan of all marked objects. Marking never recurses on the
 * C stack, so a million-node list costs no stack depth. */
#include "internal.h"

#include <sys/mman.h>

struct mark_entry {
  char *lo, *hi;
};

static struct {
  struct mark_entry *entries; /* mmap'ed: not a root, so queued pointers keep nothing alive */
  size_t capacity;
  size_t top;
  bool overflowed; /* an object was marked but could not be queued */
} mark_stack = {NULL, 1 << 16, 0, false};

/* Bytes read by scan_words since esc_mark_take_scanned_bytes last asked: the cost of a
 * collection's marking, which paces the next one (collect.c). */
static uint64_t scanned_bytes;

/* {======================================================
 * The mark stack
 * ======================================================= */

/* Only before the first collection (ESC_GC_MARK_STACK, a test knob to force overflows). */
void esc_mark_set_capacity(size_t entries) {
  if (!mark_stack.entries && entries > 0)
    mark_stack.capacity = entries;
}

bool esc_mark_init(void) {
  if (mark_stack.entries)
    return true;
  void *entries = mmap(NULL, mark_stack.capacity * sizeof(struct mark_entry),
                       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (entries == MAP_FAILED)
    return false;
  mark_stack.entries = entries;
  return true;
}

/* Why dropping the entry is safe: the object stays marked, and esc_mark_finish rescans every
 * marked object when the flag is set, which reaches its children. */
static inline void push(char *lo, char *hi) {
  if (mark_stack.top == mark_stack.capacity) {
    mark_stack.overflowed = true;
    return;
  }
  mark_stack.entries[mark_stack.top].lo = lo;
  mark_stack.entries[mark_stack.top].hi = hi;
  mark_stack.top++;
}

/* {======================================================
 * Conservative scanning
 * ======================================================= */

/* The collectable object WORD points into, if any, turns from unmarked to marked and is queued,
 * unless it is pointer-free (GC_ATOMIC: nothing in it is a reference). Only the collectable
 * range is looked at: a word pointing into malloc'ed or pinned memory (scanned as roots anyway)
 * or anywhere else fails the one compare against the range's high-water mark. Inlined into
 * scan_words and, like it, not instrumented: in a sanitizer build an instrumented out-of-line
 * call per scanned word made ESC_GC_STRESS tests four times slower (thread_result.c: 36 s CPU,
 * 8 s now), and it reads only the heap's own headers. */
ESC_NO_ASAN __attribute__((always_inline)) static inline void mark_word(uintptr_t word) {
  uintptr_t offset = word - (uintptr_t)esc_heap.base;
  if (offset >= (uintptr_t)esc_heap.ranges[ESC_RANGE_COLLECTED].high_water << ESC_BLOCK_SHIFT)
    return;
  uint32_t index = (uint32_t)(offset >> ESC_BLOCK_SHIFT);
  struct esc_block *b = &esc_heap.blocks[index];
  switch (b->kind) {
  case ESC_BLOCK_SMALL: {
    unsigned c = b->size_class;
    unsigned slot = esc_slot_of(c, offset & (ESC_BLOCK_SIZE - 1));
    if (slot >= esc_class_slots[c] || esc_bit_test(b->mark, slot) || !esc_bit_test(b->alloc, slot))
      return;
    esc_bit_set(b->mark, slot);
    if (b->owner == ESC_OWNER_GC_ATOMIC)
      return;
    char *start = esc_block_address(index) + (size_t)slot * esc_class_size[c];
    __builtin_prefetch(start); /* its scan comes after the FIFO's: see drain */
    push(start, start + esc_class_size[c]);
    return;
  }
  case ESC_BLOCK_LARGE_TAIL:
    index -= b->count;
    b = &esc_heap.blocks[index];
    /* fallthrough */
  case ESC_BLOCK_LARGE:
    if (b->mark[0])
      return;
    b->mark[0] = 1;
    if (b->owner == ESC_OWNER_GC_ATOMIC)
      return;
    push(esc_block_address(index), esc_block_address(index + b->count));
    return;
  default:
    return;
  }
}

/* Reads every aligned word of [LO, HI). Not inlined and not instrumented: it reads stacks and
 * data segments wholesale, including words ASan poisons and Valgrind calls uninitialised (the
 * Valgrind suppressions in test/runtime/Inputs/escrt.supp name this function). */
ESC_NO_ASAN __attribute__((noinline)) static void scan_words(const char *lo, const char *hi) {
  uintptr_t p = ((uintptr_t)lo + sizeof(uintptr_t) - 1) & ~(uintptr_t)(sizeof(uintptr_t) - 1);
  uintptr_t end = (uintptr_t)hi & ~(uintptr_t)(sizeof(uintptr_t) - 1);
  if (p < end)
    scanned_bytes += end - p;
  for (; p < end; p += sizeof(uintptr_t))
    mark_word(*(const uintptr_t *)p);
}

/* Why a small FIFO between the mark stack and the scan: an object popped from the stack is
 * usually not in the cache (it was just found through a pointer), so scanning it at once stalls
 * on the miss. Each popped object is prefetched and scanned only PREFETCH_DEPTH pops later, by
 * which time its first line has arrived (a small object is prefetched as it is pushed, too)
 * (Boehm's and Cher et al.'s prefetch on grey). The objects in the FIFO are marked already, so the
 * invariant holds while they wait. */
#define PREFETCH_DEPTH 16

static void drain(void) {
  struct mark_entry fifo[PREFETCH_DEPTH];
  unsigned head = 0, queued = 0;
  for (;;) {
    while (queued < PREFETCH_DEPTH && mark_stack.top > 0) {
      struct mark_entry entry = mark_stack.entries[--mark_stack.top];
      __builtin_prefetch(entry.lo);
      fifo[(head + queued) % PREFETCH_DEPTH] = entry;
      queued++;
    }
    if (queued == 0)
      return;
    struct mark_entry entry = fifo[head];
    head = (head + 1) % PREFETCH_DEPTH;
    queued--;
    scan_words(entry.lo, entry.hi);
  }
}

uint64_t esc_mark_take_scanned_bytes(void) {
  uint64_t bytes = scanned_bytes;
  scanned_bytes = 0;
  return bytes;
}

void esc_mark_range(const void *lo, const void *hi) {
  if (lo < hi)
    scan_words(lo, hi);
  drain();
}

static void rescan(char *lo, char *hi) {
  scan_words(lo, hi);
  drain();
}

/* Why a full rescan terminates: each pass starts from the marked set of the previous one and an
 * overflow only happens when a new object gets marked; the heap is finite. */
void esc_mark_finish(void) {
  drain();
  while (mark_stack.overflowed) {
    mark_stack.overflowed = false;
    esc_heap_for_each(ESC_OWNER_GC, true, rescan);
  }
}
