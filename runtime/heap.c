/* heap.c — escrt's block heap: one reserved address range cut into 4 KiB blocks, each with an
 * out-of-line header (struct esc_block) holding its kind, size class and alloc/mark bitmaps.
 * The lower half of the range holds collectable blocks, the upper half malloc'ed and pinned
 * (ROOT) ones (struct esc_block_range). Small objects (up to 2 KiB) live in slots of
 * size-segregated blocks; larger ones take a run of whole blocks. Free blocks form coalesced
 * runs with boundary tags, found through a bitmap of free blocks: a request takes the free run
 * with the lowest address that fits, so the heap stays packed at the bottom of each range and
 * the runs at the top, the ones released first, stay free.
 *
 * Invariants: every block below its range's high_water is exactly one of FREE, SMALL, LARGE or
 * LARGE_TAIL, and every block of a free run says FREE and has its bit set in free_map (so a
 * stray pointer into it is never taken for an object); a free run's first and last headers carry
 * its length; runs never cross from one range into the other; a SMALL block is on its class's
 * partial list iff it has a free slot (GC blocks: after each sweep). Block 0 is never used, so
 * the runtime's own pointer to the range start is not a reference to any object. */
#include "internal.h"

#include <stdatomic.h>
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

static void *map_noreserve(size_t bytes) {
  void *p =
      mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

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
    uint32_t capacity = (uint32_t)(span >> ESC_BLOCK_SHIFT);
    char *base = map_noreserve(span);
    struct esc_block *blocks = base ? map_noreserve(capacity * sizeof(struct esc_block)) : NULL;
    uint64_t *free_map = blocks ? map_noreserve(capacity / 8) : NULL;
    if (!free_map) {
      if (blocks)
        munmap(blocks, capacity * sizeof(struct esc_block));
      if (base)
        munmap(base, span);
      continue;
    }
    esc_heap.blocks = blocks;
    esc_heap.free_map = free_map;
    esc_heap.capacity = capacity;
    uint32_t root_first = capacity / 2;
    esc_heap.ranges[ESC_RANGE_COLLECTED] = (struct esc_block_range){
        .first = 1, .limit = root_first, .high_water = 1, .lowest_free = 1};
    esc_heap.ranges[ESC_RANGE_ROOT] = (struct esc_block_range){.first = root_first,
                                                               .limit = capacity,
                                                               .high_water = root_first,
                                                               .lowest_free = root_first};
    esc_heap.span = span;
    esc_heap.base = base;
    return true;
  }
  return false;
}

static struct esc_block_range *range_of_block(uint32_t index) {
  return &esc_heap.ranges[index >= esc_heap.ranges[ESC_RANGE_ROOT].first ? ESC_RANGE_ROOT
                                                                         : ESC_RANGE_COLLECTED];
}

/* {======================================================
 * The map of free blocks
 * ======================================================= */

/* Sets (FREE true) or clears the bits of blocks [START, START+COUNT). */
static void map_mark(uint32_t start, uint32_t count, bool free) {
  uint32_t end = start + count;
  while (start < end) {
    unsigned bit = start & 63;
    uint32_t n = end - start < 64 - bit ? end - start : 64 - bit;
    uint64_t mask = (n == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1)) << bit;
    if (free)
      esc_heap.free_map[start >> 6] |= mask;
    else
      esc_heap.free_map[start >> 6] &= ~mask;
    start += n;
  }
}

/* The first free block in [FROM, LIMIT), or LIMIT. */
static uint32_t next_free(uint32_t from, uint32_t limit) {
  if (from >= limit)
    return limit;
  uint32_t word = from >> 6;
  uint64_t bits = esc_heap.free_map[word] & (~(uint64_t)0 << (from & 63));
  while (!bits) {
    if (((uint64_t)word + 1) << 6 >= limit)
      return limit;
    bits = esc_heap.free_map[++word];
  }
  uint32_t found = (word << 6) + (uint32_t)__builtin_ctzll(bits);
  return found < limit ? found : limit;
}

/* The last free block in [FLOOR, BEFORE), or 0 if none (FLOOR is at least 1). */
static uint32_t last_free(uint32_t floor, uint32_t before) {
  if (before <= floor)
    return 0;
  uint32_t last = before - 1, word = last >> 6;
  uint64_t bits = esc_heap.free_map[word] & (~(uint64_t)0 >> (63 - (last & 63)));
  while (!bits) {
    if (word << 6 <= floor)
      return 0;
    bits = esc_heap.free_map[--word];
  }
  uint32_t found = (word << 6) + 63 - (uint32_t)__builtin_clzll(bits);
  return found >= floor ? found : 0;
}

/* Writes the run's boundary tags: its first and last headers carry its length. */
static void run_tag(uint32_t head, uint32_t count, uint8_t flags, uint32_t freed_at) {
  struct esc_block *b = &esc_heap.blocks[head];
  struct esc_block *tail = &esc_heap.blocks[head + count - 1];
  tail->kind = ESC_BLOCK_FREE;
  tail->count = count;
  b->kind = ESC_BLOCK_FREE;
  b->count = count;
  b->flags = flags;
  b->freed_at = freed_at;
}

/* {======================================================
 * Residency: which free blocks still hold pages
 * ======================================================= */

/* Gives the pages of [START, START+COUNT) back to the OS; they read as zero afterwards. */
static void release_blocks(struct esc_block_range *range, uint32_t start, uint32_t count) {
  madvise(esc_block_address(start), (size_t)count << ESC_BLOCK_SHIFT, MADV_DONTNEED);
  esc_heap.released_bytes += (uint64_t)count << ESC_BLOCK_SHIFT;
  for (uint32_t i = start; i < start + count; i++) {
    range->released_blocks += !esc_heap.blocks[i].released;
    esc_heap.blocks[i].released = 1;
  }
}

/* Blocks handed out again will be written: count them as resident from now on. */
static void take_resident(struct esc_block_range *range, uint32_t start, uint32_t count) {
  for (uint32_t i = start; i < start + count; i++) {
    range->released_blocks -= esc_heap.blocks[i].released;
    esc_heap.blocks[i].released = 0;
  }
}

uint64_t esc_heap_resident_bytes(void) {
  uint64_t blocks = 0;
  for (unsigned r = 0; r < ESC_RANGE_COUNT; r++) {
    const struct esc_block_range *range = &esc_heap.ranges[r];
    blocks += range->high_water - range->first - range->released_blocks;
  }
  return blocks << ESC_BLOCK_SHIFT;
}

uint64_t esc_heap_used_block_bytes(void) {
  uint64_t blocks = 0;
  for (unsigned r = 0; r < ESC_RANGE_COUNT; r++) {
    const struct esc_block_range *range = &esc_heap.ranges[r];
    blocks += range->high_water - range->first - range->free_blocks;
  }
  return blocks << ESC_BLOCK_SHIFT;
}

uint32_t esc_heap_block_count(void) {
  uint32_t blocks = 0;
  for (unsigned r = 0; r < ESC_RANGE_COUNT; r++)
    blocks += esc_heap.ranges[r].high_water - esc_heap.ranges[r].first;
  return blocks;
}

/* {======================================================
 * Free runs
 * ======================================================= */

/* Why every block's header is rewritten, not only the run's ends: marking looks headers up by
 * address, and a stale SMALL header inside a free run would make it mark (and a sweep walk)
 * memory that no longer holds objects. A run merged with a neighbour is no longer known to be
 * clean (its flags start from 0) and is as old as its oldest part, so that blocks freed again
 * and again beside an old run do not keep it from ever being released. */
void esc_heap_free_run(uint32_t start, uint32_t count, uint32_t now) {
  struct esc_block_range *range = range_of_block(start);
  for (uint32_t i = 0; i < count; i++) {
    struct esc_block *b = &esc_heap.blocks[start + i];
    b->kind = ESC_BLOCK_FREE;
    b->flags = 0;
  }
  map_mark(start, count, true);
  range->free_blocks += count;
  if (start < range->lowest_free)
    range->lowest_free = start;
  if (start > range->first && esc_heap.blocks[start - 1].kind == ESC_BLOCK_FREE) {
    uint32_t left = start - esc_heap.blocks[start - 1].count;
    if (esc_heap.blocks[left].freed_at < now)
      now = esc_heap.blocks[left].freed_at;
    count += start - left;
    start = left;
  }
  uint32_t right = start + count;
  if (right < range->high_water && esc_heap.blocks[right].kind == ESC_BLOCK_FREE) {
    if (esc_heap.blocks[right].freed_at < now)
      now = esc_heap.blocks[right].freed_at;
    count += esc_heap.blocks[right].count;
  }
  run_tag(start, count, 0, now);
}

/* Takes COUNT blocks from the start of the free run at HEAD (of at least COUNT blocks). */
static void run_take(struct esc_block_range *range, uint32_t head, uint32_t count) {
  struct esc_block *b = &esc_heap.blocks[head];
  if (b->count > count)
    run_tag(head + count, b->count - count, b->flags, b->freed_at);
  map_mark(head, count, false);
  range->free_blocks -= count;
  take_resident(range, head, count);
}

/* Takes COUNT contiguous blocks of RANGE: the free run with the lowest address that fits, cut
 * from its start (where its resident pages are: esc_heap_trim releases from the end, and a
 * large block followed by free blocks can grow in place), else fresh blocks above the
 * high-water mark, which are known to be zero. Why lowest address first: the live data packs
 * at the bottom of the range and whole runs stay free at the top, where the trim releases them;
 * the old most-recently-freed-first order scattered objects over every run the program ever
 * freed. */
static uint32_t take_blocks(struct esc_block_range *range, uint32_t count, bool *clean) {
  uint32_t head = next_free(range->lowest_free, range->high_water);
  range->lowest_free = head;
  while (head < range->high_water) {
    struct esc_block *b = &esc_heap.blocks[head];
    if (b->count >= count) {
      *clean = b->flags & ESC_FLAG_CLEAN;
      run_take(range, head, count);
      return head;
    }
    head = next_free(head + b->count, range->high_water);
  }
  if (count > range->limit - range->high_water)
    return 0;
  uint32_t start = range->high_water;
  range->high_water += count;
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
  uint64_t blocks = 0;
  for (unsigned r = 0; r < ESC_RANGE_COUNT; r++)
    blocks += esc_heap.ranges[r].free_blocks - esc_heap.ranges[r].released_blocks;
  return blocks << ESC_BLOCK_SHIFT;
}

/* How much free memory a free() may leave resident: the collector's budget, or a quarter of the
 * memory in use if that is more (a program that only mallocs never runs a collection). */
static uint64_t free_budget(void) {
  uint64_t in_use = in_use_bytes();
  return esc_heap.keep_free_bytes > in_use / 4 ? esc_heap.keep_free_bytes : in_use / 4;
}

/* Releases from the end of the dirty part of the run at HEAD as many blocks as the free memory
 * exceeds KEEP_BYTES; false once it no longer does. */
static bool trim_run(struct esc_block_range *range, uint32_t head, uint64_t keep_bytes) {
  uint64_t free_bytes = dirty_free_bytes();
  if (free_bytes <= keep_bytes)
    return false;
  struct esc_block *b = &esc_heap.blocks[head];
  uint32_t end = head + b->count; /* past the dirty part: released blocks sit at the end */
  while (end > head && esc_heap.blocks[end - 1].released)
    end--;
  uint64_t excess = (free_bytes - keep_bytes + ESC_BLOCK_SIZE - 1) >> ESC_BLOCK_SHIFT;
  uint32_t count = excess < end - head ? (uint32_t)excess : end - head;
  release_blocks(range, end - count, count);
  if (count == end - head)
    b->flags |= ESC_FLAG_CLEAN;
  return true;
}

/* Gives dirty free memory back to the OS (the pages stay reserved and read as zero) until at
 * most KEEP_BYTES of free runs stay resident: the runs with the highest addresses first (the
 * allocator takes the lowest), from the end of each run, only as many blocks as exceed the
 * budget, and only runs that have been free for at least MIN_AGE collections; with MIN_AGE 0,
 * runs freed before the current collection go first, as the ones least likely to be reused
 * soon. A run counts as clean only once all of it is released. */
void esc_heap_trim(uint64_t keep_bytes, uint32_t min_age) {
  if (dirty_free_bytes() <= keep_bytes)
    return;
  for (uint32_t age = min_age ? min_age : 1;; age = min_age) {
    for (unsigned r = 0; r < ESC_RANGE_COUNT; r++) {
      struct esc_block_range *range = &esc_heap.ranges[r];
      uint32_t tail = last_free(range->first, range->high_water);
      while (tail) {
        uint32_t head = tail + 1 - esc_heap.blocks[tail].count;
        struct esc_block *b = &esc_heap.blocks[head];
        bool skip = (b->flags & ESC_FLAG_CLEAN) || esc_heap.epoch - b->freed_at < age;
        if (!skip && !trim_run(range, head, keep_bytes))
          return;
        tail = last_free(range->first, head);
      }
    }
    if (age == min_age)
      return;
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
    index = take_blocks(&esc_heap.ranges[esc_owner_range(owner)], 1, &clean);
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
  cache->run = 0;
  b->count = esc_class_slots[c];
  partial_remove(index);
  if (owner != ESC_OWNER_ROOT)
    zero_slots(index, c, cache->free);
  esc_heap.owner_bytes[owner] += (uint64_t)claimed * esc_class_size[c];
  return true;
}

/* Adds the slots of CACHE's run (class C) to SLOTS. */
static void add_run_slots(const struct esc_cache *cache, unsigned c, uint64_t *slots) {
  uint64_t run = cache->run;
  for (uint32_t offset = esc_run_next(run); offset < esc_run_end(run); offset += esc_class_size[c])
    esc_bit_set(slots, esc_slot_of(c, offset));
}

/* Why the run and the bitmap are joined first: a thread that vanished in a fork may have been
 * stopped with a slot in both. */
void esc_heap_unclaim(unsigned c, struct esc_cache *cache) {
  if (!cache->block)
    return;
  struct esc_block *b = &esc_heap.blocks[cache->block];
  add_run_slots(cache, c, cache->free);
  cache->run = 0;
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

/* Why the run is stored before its slots leave FREE: a collection that stops the thread in
 * between must still find every cached slot (marking one twice is harmless). A run stops at the
 * end of a bitmap word; the next call continues in the next word. */
uint64_t esc_cache_next_run(struct esc_cache *cache, unsigned c) {
  for (unsigned w = 0; w < ESC_BITMAP_WORDS; w++) {
    uint64_t bits = cache->free[w];
    if (!bits)
      continue;
    unsigned first = (unsigned)__builtin_ctzll(bits);
    uint64_t above = ~(bits >> first);
    unsigned length = above ? (unsigned)__builtin_ctzll(above) : 64 - first;
    uint64_t taken = (length == 64 ? ~(uint64_t)0 : (((uint64_t)1 << length) - 1)) << first;
    uint64_t slot = w * 64 + first, size = esc_class_size[c];
    uint64_t run = (slot * size) << 32 | (slot + length) * size;
    cache->run = run;
    atomic_signal_fence(memory_order_seq_cst);
    cache->free[w] = bits & ~taken;
    return run;
  }
  return 0;
}

static void mark_run(const struct esc_cache *cache, unsigned c) {
  if (cache->block)
    add_run_slots(cache, c, esc_heap.blocks[cache->block].mark);
}

void esc_heap_mark_cached_runs(void) {
  for (struct esc_thread *t = esc_threads_first(); t; t = t->next) {
    for (unsigned c = 0; c < ESC_CLASS_COUNT; c++) {
      mark_run(&t->cache[c], c);
      mark_run(&t->atomic_cache[c], c);
    }
  }
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
  uint32_t start = take_blocks(&esc_heap.ranges[esc_owner_range(owner)], (uint32_t)blocks, zeroed);
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
  struct esc_block_range *range = range_of_block(index);
  uint32_t next = index + b->count, extra = count - b->count;
  if (next == range->high_water) {
    if (extra > range->limit - range->high_water)
      return false;
    range->high_water += extra;
  } else {
    struct esc_block *run = &esc_heap.blocks[next];
    if (run->kind != ESC_BLOCK_FREE || run->count < extra)
      return false;
    run_take(range, next, extra);
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
      esc_heap_trim(keep, 0);
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
  const struct esc_block_range *range = &esc_heap.ranges[esc_owner_range(owner)];
  for (uint32_t i = range->first; i < range->high_water;) {
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
