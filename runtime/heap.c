/* heap.c — escrt's block heap: one reserved address range cut into 4 KiB blocks, each with an
 * out-of-line header (struct esc_block) holding its kind, size class and alloc/mark bitmaps.
 * Small objects (up to 2 KiB) live in slots of size-segregated blocks; larger ones take a run of
 * whole blocks. Free blocks form coalesced runs with boundary tags.
 *
 * Invariants: every block below high_water is exactly one of FREE, SMALL, LARGE or LARGE_TAIL,
 * and every block of a free run says FREE (so a stray pointer into it is never taken for an
 * object); a free run's first and last headers carry its length; a SMALL block is on its class's
 * partial list iff it has a free slot (GC blocks: after each sweep). Block 0 is never used, so the
 * runtime's own pointer to the range start is not a reference to any object. */
#include "internal.h"

#include <string.h>
#include <sys/mman.h>

struct esc_heap esc_heap;

const uint16_t esc_class_size[ESC_CLASS_COUNT] = {16,  32,  48,  64,  80,   96,   112,
                                                  128, 160, 192, 224, 256,  320,  384,
                                                  448, 512, 672, 816, 1024, 1360, 2048};
uint16_t esc_class_slots[ESC_CLASS_COUNT];
uint32_t esc_class_magic[ESC_CLASS_COUNT];
static uint64_t class_valid[ESC_CLASS_COUNT][ESC_BITMAP_WORDS]; /* bits of the real slots */
uint8_t esc_class_of_granules[ESC_SMALL_MAX / ESC_GRANULE + 1];

/* Free memory goes back to the OS lazily: only the free runs beyond a budget of resident free
 * memory the program is expected to reuse (esc_heap_trim), so a program that frees and
 * allocates again does not fault its heap back in every time. */

/* {======================================================
 * Set-up
 * ======================================================= */

/* Reserves the largest range the system grants, from 32 GiB down: MAP_NORESERVE costs nothing
 * until touched, and one range makes "is this word a heap pointer" a subtraction and a compare. */
bool esc_heap_init(void) {
  if (esc_heap.base)
    return true;
  for (unsigned c = 0; c < ESC_CLASS_COUNT; c++) {
    unsigned size = esc_class_size[c];
    esc_class_slots[c] = (uint16_t)(ESC_BLOCK_SIZE / size);
    esc_class_magic[c] = (uint32_t)(((uint64_t)1 << 32) / size + 1);
    for (unsigned s = 0; s < esc_class_slots[c]; s++)
      esc_bit_set(class_valid[c], s);
  }
  unsigned c = 0;
  for (unsigned g = 0; g <= ESC_SMALL_MAX / ESC_GRANULE; g++) {
    while (esc_class_size[c] < g * ESC_GRANULE)
      c++;
    esc_class_of_granules[g] = (uint8_t)c;
  }
  for (uintptr_t span = (uintptr_t)1 << 35; span >= ((uintptr_t)1 << 26); span >>= 1) {
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    void *base = mmap(NULL, span, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (base == MAP_FAILED)
      continue;
    uint32_t capacity = (uint32_t)(span >> ESC_BLOCK_SHIFT);
    void *blocks =
        mmap(NULL, capacity * sizeof(struct esc_block), PROT_READ | PROT_WRITE, flags, -1, 0);
    if (blocks == MAP_FAILED) {
      munmap(base, span);
      continue;
    }
    esc_heap.blocks = blocks;
    esc_heap.capacity = capacity;
    esc_heap.high_water = 1;
    esc_heap.span = span;
    esc_heap.base = base;
    return true;
  }
  return false;
}

static void run_unlink(uint32_t head) {
  struct esc_block *b = &esc_heap.blocks[head];
  if (b->prev)
    esc_heap.blocks[b->prev].next = b->next;
  else
    esc_heap.free_runs = b->next;
  if (b->next)
    esc_heap.blocks[b->next].prev = b->prev;
}

static void run_link(uint32_t head, uint32_t count, uint8_t flags, uint32_t freed_at) {
  struct esc_block *b = &esc_heap.blocks[head];
  struct esc_block *tail = &esc_heap.blocks[head + count - 1];
  tail->kind = ESC_BLOCK_FREE;
  tail->count = count;
  b->kind = ESC_BLOCK_FREE;
  b->count = count;
  b->flags = flags;
  b->freed_at = freed_at;
  b->prev = 0;
  b->next = esc_heap.free_runs;
  if (b->next)
    esc_heap.blocks[b->next].prev = head;
  esc_heap.free_runs = head;
}

/* {======================================================
 * Residency: which free blocks still hold pages
 * ======================================================= */

/* Gives the pages of [START, START+COUNT) back to the OS; they read as zero afterwards. */
static void release_blocks(uint32_t start, uint32_t count) {
  madvise(esc_block_address(start), (size_t)count << ESC_BLOCK_SHIFT, MADV_DONTNEED);
  esc_heap.released_bytes += (uint64_t)count << ESC_BLOCK_SHIFT;
  for (uint32_t i = start; i < start + count; i++) {
    esc_heap.released_blocks += !esc_heap.blocks[i].released;
    esc_heap.blocks[i].released = 1;
  }
}

/* Blocks handed out again will be written: count them as resident from now on. */
static void take_resident(uint32_t start, uint32_t count) {
  for (uint32_t i = start; i < start + count; i++) {
    esc_heap.released_blocks -= esc_heap.blocks[i].released;
    esc_heap.blocks[i].released = 0;
  }
}

uint64_t esc_heap_resident_bytes(void) {
  if (!esc_heap.base)
    return 0;
  return (uint64_t)(esc_heap.high_water - 1 - esc_heap.released_blocks) << ESC_BLOCK_SHIFT;
}

/* {======================================================
 * Free runs
 * ======================================================= */

/* Why every block's header is rewritten, not only the run's ends: marking looks headers up by
 * address, and a stale SMALL header inside a free run would make it mark (and a sweep walk)
 * memory that no longer holds objects. */
void esc_heap_free_run(uint32_t start, uint32_t count, uint32_t now) {
  for (uint32_t i = 0; i < count; i++) {
    struct esc_block *b = &esc_heap.blocks[start + i];
    b->kind = ESC_BLOCK_FREE;
    b->flags = 0;
  }
  esc_heap.free_blocks += count;
  uint8_t flags = 0;
  if (start > 1 && esc_heap.blocks[start - 1].kind == ESC_BLOCK_FREE) {
    uint32_t left = start - esc_heap.blocks[start - 1].count;
    flags &= esc_heap.blocks[left].flags;
    run_unlink(left);
    count += start - left;
    start = left;
  }
  uint32_t right = start + count;
  if (right < esc_heap.high_water && esc_heap.blocks[right].kind == ESC_BLOCK_FREE) {
    flags &= esc_heap.blocks[right].flags;
    run_unlink(right);
    count += esc_heap.blocks[right].count;
  }
  run_link(start, count, flags, now);
}

/* Takes COUNT contiguous blocks: first fit from the free runs, cut from the run's start (where
 * its resident pages are: esc_heap_trim releases from the end, and a large block followed by
 * free blocks can grow in place), else fresh blocks above the high-water mark, which are known
 * to be zero. */
static uint32_t take_blocks(uint32_t count, bool *clean) {
  for (uint32_t head = esc_heap.free_runs; head; head = esc_heap.blocks[head].next) {
    struct esc_block *b = &esc_heap.blocks[head];
    if (b->count < count)
      continue;
    *clean = b->flags & ESC_FLAG_CLEAN;
    esc_heap.free_blocks -= count;
    if (b->count == count) {
      run_unlink(head);
      take_resident(head, count);
      return head;
    }
    uint8_t flags = b->flags;
    uint32_t freed_at = b->freed_at, rest = b->count - count;
    run_unlink(head);
    run_link(head + count, rest, flags, freed_at);
    take_resident(head, count);
    return head;
  }
  if (count > esc_heap.capacity - esc_heap.high_water)
    return 0;
  uint32_t start = esc_heap.high_water;
  esc_heap.high_water += count;
  *clean = true;
  return start;
}

static uint64_t in_use_bytes(void) {
  uint64_t in_use = 0;
  for (unsigned owner = 0; owner < ESC_OWNER_COUNT; owner++)
    in_use += esc_heap.owner_bytes[owner];
  return in_use;
}

/* Bytes of free runs whose pages are still resident (every released block is free). */
static uint64_t dirty_free_bytes(void) {
  return (uint64_t)(esc_heap.free_blocks - esc_heap.released_blocks) << ESC_BLOCK_SHIFT;
}

/* How much free memory a free() may leave resident: the collector's budget, or a quarter of the
 * memory in use if that is more (a program that only mallocs never runs a collection). */
static uint64_t free_budget(void) {
  uint64_t in_use = in_use_bytes();
  return esc_heap.keep_free_bytes > in_use / 4 ? esc_heap.keep_free_bytes : in_use / 4;
}

/* Gives dirty free memory back to the OS (the pages stay reserved and read as zero) until at
 * most KEEP_BYTES of free runs stay resident: from the end of each run, only as many blocks as
 * exceed the budget; runs freed before the current collection go first, as the ones least
 * likely to be reused soon. A run counts as clean only once all of it is released. */
void esc_heap_trim(uint64_t keep_bytes) {
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t head = esc_heap.free_runs; head; head = esc_heap.blocks[head].next) {
      uint64_t free_bytes = dirty_free_bytes();
      if (free_bytes <= keep_bytes)
        return;
      struct esc_block *b = &esc_heap.blocks[head];
      if ((b->flags & ESC_FLAG_CLEAN) || (pass == 0 && b->freed_at == esc_heap.epoch))
        continue;
      uint32_t end = head + b->count; /* past the dirty part: released blocks sit at the end */
      while (end > head && esc_heap.blocks[end - 1].released)
        end--;
      uint64_t excess = (free_bytes - keep_bytes + ESC_BLOCK_SIZE - 1) >> ESC_BLOCK_SHIFT;
      uint32_t count = excess < end - head ? (uint32_t)excess : end - head;
      release_blocks(end - count, count);
      if (count == end - head)
        b->flags |= ESC_FLAG_CLEAN;
    }
  }
}

/* {======================================================
 * Partial lists
 * ======================================================= */

void esc_heap_partial_push(uint32_t index) {
  struct esc_block *b = &esc_heap.blocks[index];
  uint32_t *head = &esc_heap.partial[b->owner][b->size_class];
  b->flags |= ESC_FLAG_PARTIAL;
  b->prev = 0;
  b->next = *head;
  if (*head)
    esc_heap.blocks[*head].prev = index;
  *head = index;
}

static void partial_remove(uint32_t index) {
  struct esc_block *b = &esc_heap.blocks[index];
  b->flags &= (uint8_t)~ESC_FLAG_PARTIAL;
  if (b->prev)
    esc_heap.blocks[b->prev].next = b->next;
  else
    esc_heap.partial[b->owner][b->size_class] = b->next;
  if (b->next)
    esc_heap.blocks[b->next].prev = b->prev;
}

void esc_heap_partial_reset(enum esc_owner owner) {
  memset(esc_heap.partial[owner], 0, sizeof esc_heap.partial[owner]);
}

/* {======================================================
 * Allocation and freeing
 * ======================================================= */

/* The smallest class that fits SIZE and whose slots all sit at multiples of ALIGN (a class
 * size that is a multiple of ALIGN, since blocks are 4 KiB aligned); -1 if none. */
static int class_for(size_t size, size_t align) {
  for (unsigned c = esc_small_class(size); c < ESC_CLASS_COUNT; c++)
    if (esc_class_size[c] % align == 0)
      return (int)c;
  return -1;
}

/* The first block of class C with a free slot, a fresh one if there is none; 0 when out of
 * address space. */
static uint32_t partial_block(enum esc_owner owner, unsigned c) {
  uint32_t index = esc_heap.partial[owner][c];
  if (!index) {
    bool clean;
    index = take_blocks(1, &clean);
    if (!index)
      return 0;
    struct esc_block *b = &esc_heap.blocks[index];
    memset(b, 0, sizeof *b);
    b->kind = ESC_BLOCK_SMALL;
    b->owner = (uint8_t)owner;
    b->size_class = (uint8_t)c;
    esc_heap_partial_push(index);
  }
  return index;
}

/* Zeroes the slots of block INDEX (class C) set in FREE, one memset per run of neighbours. */
static void zero_slots(uint32_t index, unsigned c, const uint64_t *free) {
  size_t size = esc_class_size[c];
  char *base = esc_block_address(index);
  unsigned slots = esc_class_slots[c];
  for (unsigned slot = 0; slot < slots;) {
    if (!esc_bit_test(free, slot)) {
      slot++;
      continue;
    }
    unsigned end = slot + 1;
    while (end < slots && esc_bit_test(free, end))
      end++;
    memset(base + slot * size, 0, (end - slot) * size);
    slot = end;
  }
}

/* Why the claimed slots count as allocated: nobody else may take them; for collectable blocks
 * the collector marks the slots still in a live thread's cache, so they survive each sweep, and
 * for malloc blocks it leaves them out of the root scan (their contents are stale). Collectable
 * slots are zeroed here, in bulk, so that handing one out is only taking it from the cache. */
bool esc_heap_claim(enum esc_owner owner, unsigned c, struct esc_cache *cache) {
  if (!esc_heap_init())
    return false;
  uint32_t index = partial_block(owner, c);
  if (!index)
    return false;
  struct esc_block *b = &esc_heap.blocks[index];
  unsigned claimed = 0;
  for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
    cache->free[w] = ~b->alloc[w] & class_valid[c][w];
    b->alloc[w] |= cache->free[w];
    claimed += (unsigned)__builtin_popcountll(cache->free[w]);
  }
  cache->block = index;
  b->count = esc_class_slots[c];
  partial_remove(index);
  if (owner != ESC_OWNER_ROOT)
    zero_slots(index, c, cache->free);
  esc_heap.owner_bytes[owner] += (uint64_t)claimed * esc_class_size[c];
  return true;
}

void esc_heap_unclaim(unsigned c, struct esc_cache *cache) {
  if (!cache->block)
    return;
  struct esc_block *b = &esc_heap.blocks[cache->block];
  unsigned returned = 0;
  for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
    b->alloc[w] &= ~cache->free[w];
    returned += (unsigned)__builtin_popcountll(cache->free[w]);
    cache->free[w] = 0;
  }
  b->count -= returned;
  esc_heap.owner_bytes[b->owner] -= (uint64_t)returned * esc_class_size[c];
  if (returned && !(b->flags & ESC_FLAG_PARTIAL))
    esc_heap_partial_push(cache->block);
  cache->block = 0;
}

static void *alloc_small(enum esc_owner owner, unsigned c) {
  uint32_t index = partial_block(owner, c);
  if (!index)
    return NULL;
  struct esc_block *b = &esc_heap.blocks[index];
  unsigned slot = 0;
  for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
    uint64_t free_slots = ~b->alloc[w] & class_valid[c][w];
    if (free_slots) {
      slot = w * 64 + (unsigned)__builtin_ctzll(free_slots);
      break;
    }
  }
  esc_bit_set(b->alloc, slot);
  if (++b->count == esc_class_slots[c])
    partial_remove(index);
  esc_heap.owner_bytes[owner] += esc_class_size[c];
  return esc_block_address(index) + (size_t)slot * esc_class_size[c];
}

void *esc_heap_alloc(enum esc_owner owner, size_t size, size_t align, bool *zeroed,
                     size_t *usable) {
  if (!esc_heap_init())
    return NULL;
  if (align < ESC_GRANULE)
    align = ESC_GRANULE;
  *zeroed = false;
  if (size <= ESC_SMALL_MAX) {
    int c = class_for(size, align);
    if (c >= 0) {
      *usable = esc_class_size[c];
      return alloc_small(owner, (unsigned)c);
    }
  }
  size_t extra = align > ESC_BLOCK_SIZE ? align - ESC_BLOCK_SIZE : 0;
  if (size > esc_heap.span || extra > esc_heap.span - size)
    return NULL;
  size_t blocks = (size + extra + ESC_BLOCK_SIZE - 1) >> ESC_BLOCK_SHIFT;
  uint32_t start = take_blocks((uint32_t)blocks, zeroed);
  if (!start)
    return NULL;
  struct esc_block *b = &esc_heap.blocks[start];
  memset(b, 0, sizeof *b);
  b->kind = ESC_BLOCK_LARGE;
  b->owner = (uint8_t)owner;
  b->count = (uint32_t)blocks;
  b->alloc[0] = 1;
  for (uint32_t i = 1; i < blocks; i++) {
    esc_heap.blocks[start + i].kind = ESC_BLOCK_LARGE_TAIL;
    esc_heap.blocks[start + i].count = i;
  }
  esc_heap.owner_bytes[owner] += blocks << ESC_BLOCK_SHIFT;
  uintptr_t p = (uintptr_t)esc_block_address(start);
  uintptr_t aligned = (p + align - 1) & ~(uintptr_t)(align - 1);
  *usable = (blocks << ESC_BLOCK_SHIFT) - (aligned - p);
  return (void *)aligned;
}

/* Why only the blocks right after the object: growing in place means no copy, and the blocks
 * there are either the start of a free run (run heads follow allocated blocks) or the high-water
 * mark. The new blocks are not zeroed: only malloc's realloc grows objects. */
bool esc_heap_grow_large(uint32_t index, uint32_t count) {
  struct esc_block *b = &esc_heap.blocks[index];
  if (b->kind != ESC_BLOCK_LARGE || count <= b->count)
    return false;
  uint32_t next = index + b->count, extra = count - b->count;
  if (next == esc_heap.high_water) {
    if (extra > esc_heap.capacity - esc_heap.high_water)
      return false;
    esc_heap.high_water += extra;
  } else {
    struct esc_block *run = &esc_heap.blocks[next];
    if (run->kind != ESC_BLOCK_FREE || run->count < extra)
      return false;
    uint8_t flags = run->flags;
    uint32_t freed_at = run->freed_at, rest = run->count - extra;
    run_unlink(next);
    if (rest)
      run_link(next + extra, rest, flags, freed_at);
    esc_heap.free_blocks -= extra;
    take_resident(next, extra);
  }
  for (uint32_t i = b->count; i < count; i++) {
    esc_heap.blocks[index + i].kind = ESC_BLOCK_LARGE_TAIL;
    esc_heap.blocks[index + i].count = i;
  }
  esc_heap.owner_bytes[b->owner] += (uint64_t)extra << ESC_BLOCK_SHIFT;
  b->count = count;
  return true;
}

bool esc_heap_find(const void *p, uint32_t *block, char **start, size_t *size) {
  uintptr_t offset = (uintptr_t)p - (uintptr_t)esc_heap.base;
  if (offset >= esc_heap.span)
    return false;
  uint32_t index = (uint32_t)(offset >> ESC_BLOCK_SHIFT);
  struct esc_block *b = &esc_heap.blocks[index];
  switch (b->kind) {
  case ESC_BLOCK_SMALL: {
    unsigned slot = esc_slot_of(b->size_class, offset & (ESC_BLOCK_SIZE - 1));
    if (slot >= esc_class_slots[b->size_class] || !esc_bit_test(b->alloc, slot))
      return false;
    *block = index;
    *start = esc_block_address(index) + (size_t)slot * esc_class_size[b->size_class];
    *size = esc_class_size[b->size_class];
    return true;
  }
  case ESC_BLOCK_LARGE_TAIL:
    index -= b->count;
    b = &esc_heap.blocks[index];
    /* fallthrough */
  case ESC_BLOCK_LARGE:
    *block = index;
    *start = esc_block_address(index);
    *size = (size_t)b->count << ESC_BLOCK_SHIFT;
    return true;
  default:
    return false;
  }
}

/* Why an emptied SMALL block that is its class's only partial block stays: a program that
 * allocates and frees one object in a loop would otherwise take and return a block each time. */
void esc_heap_free(uint32_t index, char *start) {
  struct esc_block *b = &esc_heap.blocks[index];
  enum esc_owner owner = b->owner;
  if (b->kind == ESC_BLOCK_LARGE) {
    esc_heap.owner_bytes[owner] -= (uint64_t)b->count << ESC_BLOCK_SHIFT;
    esc_heap_free_run(index, b->count, esc_heap.epoch);
    uint64_t keep = free_budget();
    if (dirty_free_bytes() > 2 * keep) /* twice: each trim then releases at least KEEP */
      esc_heap_trim(keep);
    return;
  }
  unsigned c = b->size_class;
  unsigned slot = esc_slot_of(c, (uintptr_t)(start - esc_block_address(index)));
  esc_bit_clear(b->alloc, slot);
  esc_heap.owner_bytes[owner] -= esc_class_size[c];
  b->count--;
  bool only = (b->flags & ESC_FLAG_PARTIAL) && esc_heap.partial[owner][c] == index && !b->next;
  if (b->count == 0 && !only) {
    if (b->flags & ESC_FLAG_PARTIAL)
      partial_remove(index);
    esc_heap_free_run(index, 1, esc_heap.epoch);
  } else if (!(b->flags & ESC_FLAG_PARTIAL)) {
    esc_heap_partial_push(index);
  }
}

/* {======================================================
 * Walking
 * ======================================================= */

void esc_heap_for_each(enum esc_owner owner, bool marked_only, void (*visit)(char *, char *)) {
  for (uint32_t i = 1; i < esc_heap.high_water;) {
    struct esc_block *b = &esc_heap.blocks[i];
    uint32_t next = b->kind == ESC_BLOCK_SMALL ? i + 1 : i + b->count;
    if (b->owner == owner && b->kind == ESC_BLOCK_SMALL) {
      unsigned size = esc_class_size[b->size_class];
      char *base = esc_block_address(i);
      for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
        uint64_t bits = marked_only ? b->mark[w] : b->alloc[w];
        while (bits) {
          unsigned slot = w * 64 + (unsigned)__builtin_ctzll(bits);
          bits &= bits - 1;
          visit(base + (size_t)slot * size, base + (size_t)(slot + 1) * size);
        }
      }
    } else if (b->owner == owner && b->kind == ESC_BLOCK_LARGE && (!marked_only || b->mark[0])) {
      char *base = esc_block_address(i);
      visit(base, base + ((size_t)b->count << ESC_BLOCK_SHIFT));
    }
    i = next;
  }
}
