/*
 * memory.c — checked allocation and the arena (see memory.h).
 *
 * Invariant: an arena is a list of chunks; every chunk but the newest is full, and every
 * pointer handed out lies inside exactly one chunk until esc_arena_free.
 */
#include "memory.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit status 1, as the driver's own allocation helpers: running out of memory is a failed
 * run, not bad input (status 2 is reserved for that:
 * docs/design.md, "Driver: exit status and errors"). */
static void out_of_memory(void) {
  fputs("escc: error: out of memory\n", stderr);
  exit(1);
}

void *esc_xmalloc(size_t size) {
  void *pointer = malloc(size ? size : 1);
  if (!pointer)
    out_of_memory();
  return pointer;
}

void *esc_xcalloc(size_t count, size_t size) {
  void *pointer = calloc(count ? count : 1, size ? size : 1);
  if (!pointer)
    out_of_memory();
  return pointer;
}

void *esc_xrealloc(void *pointer, size_t size) {
  void *grown = realloc(pointer, size ? size : 1);
  if (!grown)
    out_of_memory();
  return grown;
}

void esc_grow_array(void **array, size_t *capacity, size_t needed, size_t element_size) {
  if (needed <= *capacity)
    return;
  size_t grown = *capacity ? *capacity : 16;
  while (grown < needed)
    grown *= 2;
  *array = esc_xrealloc(*array, grown * element_size);
  *capacity = grown;
}

/* ===================== Arena ===================== */

enum { ARENA_CHUNK_SIZE = 64 * 1024 };

typedef struct arena_chunk {
  struct arena_chunk *previous;
  size_t used;
  size_t size;
  _Alignas(16) unsigned char bytes[];
} arena_chunk;

struct esc_arena {
  arena_chunk *newest;
};

esc_arena *esc_arena_new(void) { return esc_xcalloc(1, sizeof(esc_arena)); }

void *esc_arena_alloc(esc_arena *arena, size_t size) {
  size = (size + 15) & ~(size_t)15;
  arena_chunk *chunk = arena->newest;
  if (!chunk || chunk->size - chunk->used < size) {
    size_t chunk_size = size > ARENA_CHUNK_SIZE ? size : ARENA_CHUNK_SIZE;
    chunk = esc_xmalloc(sizeof(arena_chunk) + chunk_size);
    chunk->previous = arena->newest;
    chunk->used = 0;
    chunk->size = chunk_size;
    arena->newest = chunk;
  }
  void *pointer = chunk->bytes + chunk->used;
  chunk->used += size;
  memset(pointer, 0, size);
  return pointer;
}

const char *esc_arena_strndup(esc_arena *arena, const char *text, size_t length) {
  char *copy = esc_arena_alloc(arena, length + 1);
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

const char *esc_arena_strdup(esc_arena *arena, const char *text) {
  return text ? esc_arena_strndup(arena, text, strlen(text)) : NULL;
}

const char *esc_arena_printf(esc_arena *arena, const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  int length = vsnprintf(NULL, 0, format, arguments);
  va_end(arguments);
  if (length < 0)
    return "";
  char *text = esc_arena_alloc(arena, (size_t)length + 1);
  va_start(arguments, format);
  vsnprintf(text, (size_t)length + 1, format, arguments);
  va_end(arguments);
  return text;
}

void esc_arena_free(esc_arena *arena) {
  if (!arena)
    return;
  arena_chunk *chunk = arena->newest;
  while (chunk) {
    arena_chunk *previous = chunk->previous;
    free(chunk);
    chunk = previous;
  }
  free(arena);
}
