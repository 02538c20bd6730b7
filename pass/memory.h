/*
 * memory.h — allocation helpers for the pass: checked malloc/realloc (out of memory is one
 * error line and exit 1, never a crash) and an arena that owns the strings and arrays an
 * analysis hands out, freed all at once.
 *
 * Invariant: nothing allocated from an arena is freed separately; esc_arena_free releases all.
 */
#ifndef ESCC_MEMORY_H
#define ESCC_MEMORY_H

#include <stddef.h>

void *esc_xmalloc(size_t size);
void *esc_xcalloc(size_t count, size_t size);
void *esc_xrealloc(void *pointer, size_t size);

/* Grow *array (of element_size elements, *capacity of them) so it holds at least needed. */
void esc_grow_array(void **array, size_t *capacity, size_t needed, size_t element_size);
#define ESC_GROW(array, capacity, needed)                                                          \
  esc_grow_array((void **)&(array), &(capacity), (needed), sizeof(*(array)))

typedef struct esc_arena esc_arena;
esc_arena *esc_arena_new(void);
void *esc_arena_alloc(esc_arena *arena, size_t size); /* zeroed, 16-byte aligned */
const char *esc_arena_strdup(esc_arena *arena, const char *text);
const char *esc_arena_strndup(esc_arena *arena, const char *text, size_t length);
const char *esc_arena_printf(esc_arena *arena, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void esc_arena_free(esc_arena *arena);

#endif /* ESCC_MEMORY_H */
