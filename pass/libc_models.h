/*
 * libc_models.h — what library functions do with the pointers they are given, as one table
 * (libc_models.c). A function in the table is trusted over its attributes; an argument the
 * model does not mention neither escapes nor leaks what it points to.
 *
 * Invariant: a model only ever says less escapes than "everything reachable from the
 * arguments" when the library's documented behaviour guarantees it.
 */
#ifndef ESCC_LIBC_MODELS_H
#define ESCC_LIBC_MODELS_H

#include "escape.h"

enum { ESC_MODEL_NONE = -1, ESC_MODEL_MAX_CALLBACK_ARGUMENTS = 3, ESC_MODEL_MAX_PINNED_DEREFS = 2 };

typedef struct {
  const char *name;
  uint32_t captured_arguments;    /* bit i: argument i is kept by the library (escapes) */
  esc_reason capture_reason;      /* captured-by-library or thread-argument */
  int8_t result_from_argument;    /* the result may point into this argument */
  int8_t result_from_contents_of; /* the result may be a pointer stored in *argument */
  int8_t copy_destination;        /* *copy_destination = *copy_source (memcpy-like) */
  int8_t copy_source;
  int8_t store_destination; /* *store_destination = store_value (strtol's endptr) */
  int8_t store_value;
  int8_t callback; /* argument that is a function the library calls ... */
  int8_t callback_arguments[ESC_MODEL_MAX_CALLBACK_ARGUMENTS]; /* ... with these arguments */
  /* bit i of pinned[d]: the kernel keeps what argument i, dereferenced d times, points to, out of
   * the collector's sight (epoll_ctl's data.ptr is pinned[1]): it escapes and is pinned. */
  uint32_t pinned[ESC_MODEL_MAX_PINNED_DEREFS + 1];
  int8_t printf_format; /* a printf format, followed by the variadic arguments it converts:
                           those printed with %p escape, pinned when printed into
                           memory (format_pointers.c) */
} esc_library_model;

/* The model for a declared function, or NULL when the table has none. */
const esc_library_model *esc_library_model_find(const char *name);

/* The whole table (for tests and documentation). */
const esc_library_model *esc_library_models(size_t *count);

#endif /* ESCC_LIBC_MODELS_H */
