/* audit.c — the dynamic audit behind `escc run --audit`: which promotions were really needed.
 *
 * A module built with the pass option `audit` hands escrt a table of its promotion sites (one
 * per promoted variable) and calls, besides the allocation itself:
 *   esc_audit_register(table)       at the entry of main,
 *   esc_audit_frame_enter(table)    at the entry of every function with promoted variables
 *                                   (registers the table too; returns a token),
 *   esc_audit_alloc(size, align, s) instead of esc_alloc, for site s,
 *   esc_audit_frame_leave(token)    before every return of a function with promoted variables.
 * Every audited object has a record (its site and state). Leaving the frame that allocated it
 * moves the object from LIVE to ENDED; a collection that still marks an ENDED
 * object reachable moves it to OUTLIVED and counts one "outlived its frame" for its site; the
 * sweep frees the records of the objects it frees. At exit escrt collects once more and prints
 * one line per site (or writes them to ESC_AUDIT_OUTPUT for the driver).
 *
 * The collection policy (docs/runtime.md, "Audit"): an object is only worth looking at after its
 * frame ended, so every frame exit that follows an ENDED object collects (before it ends its own
 * objects, which its boxes still point at), and escrt collects once more at exit. Not at frame
 * entries or allocations: there a fresh frame's unwritten slots, and registers the program has
 * not reused yet, still hold addresses of objects whose frames just ended, and a conservative
 * collector cannot tell such stale copies from references. By a frame exit the frame has
 * overwritten its slots and registers with its own work.
 *
 * Invariants: records and counters change only with the allocator lock held; the records and
 * the per-thread frame stacks are mmap'ed, never in malloc or collectable memory, so the audit
 * itself keeps nothing alive. */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* {======================================================
 * Records: one per audited object
 * ======================================================= */

enum record_state {
  RECORD_FREE = 0, /* on the free list */
  RECORD_LIVE,     /* its frame is still running */
  RECORD_ENDED,    /* its frame returned; not seen reachable since */
  RECORD_OUTLIVED  /* seen reachable after that: counted in its site's outlived */
};

struct record {
  char *object; /* as esc_alloc returned it */
  struct esc_audit_site *site;
  uint32_t generation; /* bumped when the record is freed: stale frame entries see it */
  uint32_t state;      /* enum record_state */
  uint32_t next_free;
};

/* Reserved, not committed: pages are touched only as records are used. Beyond the last one,
 * objects are allocated unrecorded (counted as allocated, never as outlived). */
#define RECORD_CAPACITY ((uint32_t)1 << 26)
/* Entries of one thread's frame stack (see below). */
#define FRAME_STACK_CAPACITY ((size_t)1 << 20)

static struct {
  struct record *records;
  uint32_t used;           /* records[1 .. used) have been handed out at least once */
  uint32_t free_head;      /* first free record, 0 when none */
  uint64_t ended;          /* ENDED records not yet looked at by a collection */
  bool looking;            /* this collection is the audit's: it may count outlived objects */
  unsigned long every;     /* ESC_AUDIT_EVERY: collect at every this many due frame exits */
  unsigned long countdown; /* due frame exits left before the next audit collection */
  struct esc_audit_table *tables;
} audit;

/* Memory the collector never scans: a mapping of the program's own would be a root. */
static void *reserve(size_t bytes) { return esc_map_unscanned(bytes); }

/* A new LIVE record for OBJECT of SITE; 0 when none is left (lock held). */
static uint32_t record_new(char *object, struct esc_audit_site *site) {
  if (!audit.records && !(audit.records = reserve(RECORD_CAPACITY * sizeof(struct record))))
    return 0;
  if (audit.used == 0)
    audit.used = 1; /* record 0 means "none" */
  uint32_t index = audit.free_head;
  if (index)
    audit.free_head = audit.records[index].next_free;
  else if (audit.used < RECORD_CAPACITY)
    index = audit.used++;
  else
    return 0;
  struct record *r = &audit.records[index];
  r->object = object;
  r->site = site;
  r->state = RECORD_LIVE;
  return index;
}

static void record_end(uint32_t index) {
  struct record *r = &audit.records[index];
  if (r->state == RECORD_LIVE) {
    r->state = RECORD_ENDED;
    audit.ended++;
  }
}

/* {======================================================
 * Frame stacks: which objects each running frame allocated
 * ======================================================= */

/* One per thread: a frame marker for every audited frame entered and not yet left, and above
 * it an entry (generation << 32 | record) for every object that frame allocated. Leaving a frame
 * pops down to its marker, ending the objects it finds; a frame that was left by longjmp is
 * popped with the first enclosing frame that returns normally. */
#define FRAME_MARKER UINT64_MAX

struct frame_stack {
  uint64_t *entries;
  size_t top;
};

static ESC_TLS struct frame_stack frames;

static bool frames_ready(void) {
  if (!frames.entries)
    frames.entries = reserve(FRAME_STACK_CAPACITY * sizeof(uint64_t));
  return frames.entries != NULL;
}

/* A full stack drops the innermost frame's entries of objects already freed (a loop of
 * short-lived objects in one long frame). Only entries above the last marker move, so every
 * running frame's token still names its marker. False when there is still no room: the entry
 * is lost (an object then never ends; a frame gets token 0 and ends nothing). */
static bool frames_push(uint64_t entry) {
  if (frames.top == FRAME_STACK_CAPACITY) {
    size_t kept = frames.top;
    while (kept > 0 && frames.entries[kept - 1] != FRAME_MARKER)
      kept--;
    for (size_t i = kept; i < frames.top; i++) {
      uint64_t e = frames.entries[i];
      if (audit.records[(uint32_t)e].generation == (uint32_t)(e >> 32))
        frames.entries[kept++] = e;
    }
    frames.top = kept;
    if (kept == FRAME_STACK_CAPACITY)
      return false;
  }
  frames.entries[frames.top++] = entry;
  return true;
}

/* {======================================================
 * The collector's side
 * ======================================================= */

static bool object_marked(const char *object) {
  uintptr_t offset = (uintptr_t)(object - esc_heap.base);
  uint32_t index = (uint32_t)(offset >> ESC_BLOCK_SHIFT);
  struct esc_block *b = &esc_heap.blocks[index];
  if (b->kind == ESC_BLOCK_LARGE_TAIL)
    b = &esc_heap.blocks[index - b->count];
  if (b->kind != ESC_BLOCK_SMALL)
    return b->mark[0] != 0;
  return esc_bit_test(b->mark, esc_slot_of(b->size_class, offset & (ESC_BLOCK_SIZE - 1)));
}

/* Called by every collection after marking (lock held): in the audit's own collections, a
 * marked ENDED object outlived its frame. Other collections (the growth policy, ESC_GC_STRESS,
 * esc_collect) may run where stale copies of addresses sit in fresh frames (see the policy
 * above): they do not count. */
void esc_audit_count_outlived(void) {
  if (!audit.looking)
    return;
  for (uint32_t i = 1; i < audit.used; i++) {
    struct record *r = &audit.records[i];
    if (r->state == RECORD_ENDED && object_marked(r->object)) {
      r->state = RECORD_OUTLIVED;
      r->site->outlived++;
    }
  }
  audit.ended = 0;
}

/* Called by every collection before sweeping (lock held): an unmarked object is about to be
 * freed, so its record goes. */
void esc_audit_forget_unmarked(void) {
  for (uint32_t i = 1; i < audit.used; i++) {
    struct record *r = &audit.records[i];
    if (r->state == RECORD_FREE || object_marked(r->object))
      continue;
    r->site->alive--;
    r->state = RECORD_FREE;
    r->generation++;
    r->next_free = audit.free_head;
    audit.free_head = i;
  }
}

/* An audit collection (lock held); see esc_collect_locked for own_stack_last. */
static void collect_and_look(bool own_stack_last) {
  audit.looking = true;
  esc_collect_locked(own_stack_last);
  audit.looking = false;
}

/* The policy: a collection when some object ended since the audit last looked (lock held);
 * with ESC_AUDIT_EVERY=N only at every Nth such frame exit (cheaper, and an object that stays
 * reachable is still found by a later one, or at exit; one that outlives its frame only briefly
 * may be missed). */
static void collect_if_ended(void) {
  if (!audit.ended)
    return;
  if (audit.countdown > 1) {
    audit.countdown--;
    return;
  }
  audit.countdown = audit.every;
  collect_and_look(false);
}

/* {======================================================
 * The report at exit
 * ======================================================= */

static int compare_sites(const void *left_pointer, const void *right_pointer) {
  const struct esc_audit_site *left = *(struct esc_audit_site *const *)left_pointer;
  const struct esc_audit_site *right = *(struct esc_audit_site *const *)right_pointer;
  if (!left->file != !right->file)
    return left->file ? -1 : 1;
  int by_file = left->file ? strcmp(left->file, right->file) : 0;
  if (by_file)
    return by_file;
  if (left->line != right->line)
    return left->line < right->line ? -1 : 1;
  if (left->column != right->column)
    return left->column < right->column ? -1 : 1;
  return strcmp(left->function, right->function);
}

/* Without debug info the place is the function, as in the escape report without a file. */
static void print_site(FILE *out, const struct esc_audit_site *site) {
  if (site->file)
    fprintf(out, "%s:%u:%u: ", site->file, site->line, site->column);
  else
    fprintf(out, "%s:%s: ", site->module, site->function);
  fprintf(out, "%s: %llu allocated, %llu outlived its frame", site->variable,
          (unsigned long long)site->allocated, (unsigned long long)site->outlived);
  if (site->allocated == 0)
    fputs(" (not reached in this run)\n", out);
  else if (site->outlived == 0)
    fprintf(out, ", at most %llu alive at once (not needed in this run)\n",
            (unsigned long long)site->most_alive);
  else
    fprintf(out, ", at most %llu alive at once\n", (unsigned long long)site->most_alive);
}

/* ESC_AUDIT_OUTPUT: one tab-separated line per site for the driver (escc run --audit
 * --format=json|html): function, variable, file ("" without), line, column, allocated,
 * outlived, most alive. */
static void write_site(FILE *out, const struct esc_audit_site *site) {
  fprintf(out, "%s\t%s\t%s\t%u\t%u\t%llu\t%llu\t%llu\n", site->function, site->variable,
          site->file ? site->file : "", site->line, site->column,
          (unsigned long long)site->allocated, (unsigned long long)site->outlived,
          (unsigned long long)site->most_alive);
}

/* Runs at exit: one last collection (the program's frames are gone, its globals are not), then
 * the figures, sorted by place like the escape report. That collection counts what the other
 * roots reach before it marks this thread's stack: exit's frames lie where the program's were,
 * and their unwritten slots still hold the program's old values. */
static void report_at_exit(void) {
  esc_lock();
  collect_and_look(true);
  esc_unlock();
  size_t count = 0;
  for (struct esc_audit_table *t = audit.tables; t; t = t->next)
    count += t->count;
  struct esc_audit_site **sites = malloc((count + 1) * sizeof *sites);
  if (!sites)
    return;
  size_t n = 0;
  for (struct esc_audit_table *t = audit.tables; t; t = t->next)
    for (uint64_t i = 0; i < t->count; i++)
      sites[n++] = &t->sites[i];
  qsort(sites, n, sizeof *sites, compare_sites);
  fflush(stdout); /* the figures come after what the program printed */
  const char *path = getenv("ESC_AUDIT_OUTPUT");
  FILE *file = path && *path ? fopen(path, "w") : NULL;
  if (path && *path && !file)
    fprintf(stderr, "escrt: audit: cannot write %s\n", path);
  for (size_t i = 0; i < n; i++) {
    if (file)
      write_site(file, sites[i]);
    else
      print_site(stderr, sites[i]);
  }
  if (file)
    fclose(file);
  free(sites);
}

/* {======================================================
 * Entry points (escrt.h)
 * ======================================================= */

/* The first call for a module registers its table (and, once, the report at exit). atexit runs
 * outside the lock: it may call malloc, which takes it. */
void esc_audit_register(struct esc_audit_table *table) {
  esc_thread_ensure_registered();
  if (table->registered || esc_lock_reentered())
    return;
  const char *every = getenv("ESC_AUDIT_EVERY");
  unsigned long interval = every && *every ? strtoul(every, NULL, 10) : 1;
  esc_lock();
  bool first = !audit.tables;
  if (first)
    audit.every = audit.countdown = interval ? interval : 1;
  if (!table->registered) {
    table->registered = 1;
    table->next = audit.tables;
    audit.tables = table;
  }
  esc_unlock();
  if (first)
    atexit(report_at_exit);
}

uint64_t esc_audit_frame_enter(struct esc_audit_table *table) {
  esc_audit_register(table);
  if (esc_lock_reentered() || !frames_ready())
    return 0;
  esc_lock();
  uint64_t token = frames_push(FRAME_MARKER) ? frames.top : 0;
  esc_unlock();
  return token;
}

void esc_audit_frame_leave(uint64_t token) {
  if (token == 0 || esc_lock_reentered())
    return;
  esc_lock();
  collect_if_ended();
  while (frames.top >= token) {
    uint64_t entry = frames.entries[--frames.top];
    if (entry == FRAME_MARKER)
      continue;
    uint32_t index = (uint32_t)entry;
    if (audit.records[index].generation == (uint32_t)(entry >> 32))
      record_end(index);
  }
  esc_unlock();
}

void *esc_audit_alloc(size_t size, size_t align, struct esc_audit_site *site) {
  if (esc_lock_reentered() || !frames_ready())
    return esc_alloc(size, align);
  char *object = esc_alloc(size, align);
  if (!object)
    return NULL;
  esc_lock();
  uint32_t index = record_new(object, site);
  site->allocated++;
  if (index) {
    site->alive++;
    if (site->alive > site->most_alive)
      site->most_alive = site->alive;
    frames_push((uint64_t)audit.records[index].generation << 32 | index);
  }
  esc_unlock();
  return object;
}
