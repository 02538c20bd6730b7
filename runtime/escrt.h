/* escrt.h — the public interface of escrt, escc's conservative mark-sweep garbage collector.
 *
 * Promoted allocations call esc_alloc; the collector finds live objects by scanning every
 * registered thread's stack and registers, the data/bss and static TLS of every loaded object,
 * pinned objects and all live malloc'ed memory (escrt provides the process's malloc). See
 * docs/runtime.md for the guarantees and the environment variables (ESC_GC, ESC_GC_PERCENT,
 * ESC_GC_FRESH_PERCENT, ESC_GC_STRESS, ESC_GC_STATS). */
#ifndef ESCRT_H
#define ESCRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Zeroed memory of SIZE bytes aligned to ALIGN (a power of two; 0 means 16), freed by a later
 * collection once no pointer into it (interior pointers count, one-past-the-end does too:
 * escrt adds one byte of slack) remains. Returns NULL only when the address space is exhausted. */
void *esc_alloc(size_t size, size_t align);

/* Like esc_alloc, for an object that never holds a pointer the collector must follow (numbers,
 * characters): it is collected when unreachable, but its contents are never scanned, so a word
 * in it that looks like an address keeps nothing alive (Boehm's GC_MALLOC_ATOMIC, zeroed). A
 * pointer stored in it is invisible to the collector: its target may be freed. */
void *esc_alloc_atomic(size_t size, size_t align);

/* Zeroed memory that is never collected and whose contents are scanned as a root. */
void *esc_alloc_pinned(size_t size, size_t align);

/* Runs a full stop-the-world collection now (even under ESC_GC=off). */
void esc_collect(void);

struct esc_stats {
  uint64_t allocations;     /* esc_alloc calls that returned memory */
  uint64_t pinned_objects;  /* esc_alloc_pinned calls that returned memory */
  uint64_t live_objects;    /* collectable objects allocated and not yet freed */
  uint64_t freed_objects;   /* collectable objects freed by collections */
  uint64_t allocated_bytes; /* bytes requested from esc_alloc, in total */
  uint64_t live_bytes;      /* bytes (slot sizes) of live_objects */
  uint64_t heap_bytes;      /* bytes of heap blocks in use: collectable, pinned and malloc */
  uint64_t malloc_bytes;    /* bytes (slot sizes) of live malloc and pinned blocks, and of the
                             * malloc blocks waiting in thread caches and free lists */
  uint64_t released_bytes;  /* bytes returned to the OS (madvise) in total */
  uint64_t collections;     /* completed collections */
  uint64_t pause_total_ns;  /* sum of collection pauses */
  uint64_t pause_max_ns;    /* longest collection pause */
  uint64_t pinned_bytes;    /* bytes requested from esc_alloc_pinned, in total (never freed) */
};

/* Fills OUT with a consistent snapshot of the counters. */
void esc_stats(struct esc_stats *out);

/* {======================================================
 * The audit (escc run --audit, pass option `audit`; runtime/audit.c, docs/runtime.md)
 * ======================================================= */

/* One promotion site: a promoted variable. The pass emits the descriptive fields; the counters
 * start at zero and belong to escrt. */
struct esc_audit_site {
  const char *module;   /* the module's source file name (places without debug info) */
  const char *file;     /* the declaration, as the debug info spells the file; NULL without */
  const char *function; /* the function's IR name */
  const char *variable; /* the name the escape report uses */
  uint32_t line, column;
  uint64_t allocated;  /* objects allocated for this site */
  uint64_t outlived;   /* of those, seen reachable by a collection after their frame ended */
  uint64_t alive;      /* allocated and not yet freed */
  uint64_t most_alive; /* the largest value alive had */
};

/* All sites of one module, handed over at the module's first audited event. */
struct esc_audit_table {
  struct esc_audit_table *next; /* escrt's list of registered tables */
  uint64_t registered;          /* 0 in the module; escrt sets it */
  uint64_t count;
  struct esc_audit_site sites[];
};

/* At the entry of main: registers TABLE, so that its sites are reported at exit even when they
 * never run. */
void esc_audit_register(struct esc_audit_table *table);
/* At the entry of an audited function with promoted variables: registers TABLE, then opens a new
 * frame whose objects end at esc_audit_frame_leave(token). */
uint64_t esc_audit_frame_enter(struct esc_audit_table *table);
/* Before every return of such a function: collects if some object's frame ended since the last
 * collection, then ends this frame's objects (and those of frames left by longjmp above it). */
void esc_audit_frame_leave(uint64_t token);
/* esc_alloc for SITE: the object is recorded and belongs to the innermost entered frame. */
void *esc_audit_alloc(size_t size, size_t align, struct esc_audit_site *site);

#ifdef __cplusplus
}
#endif

#endif /* ESCRT_H */
