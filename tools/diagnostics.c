/*
 * diagnostics.c — the driver's one-line errors and warnings, and the allocation helpers and
 * string lists every other file uses.
 *
 * Invariant: an error is exactly one line on stderr, "escc: error: SUBJECT: what went wrong",
 * with any newline inside the message (e.g. from LLVM) folded into "; ", so scripts and tests
 * can rely on one line per problem. Running out of memory is the only exit taken here.
 */
#include "escc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void print_line(const char *kind, const char *subject, const char *format, va_list args) {
  char *message = NULL;
  if (vasprintf(&message, format, args) < 0)
    message = NULL;
  /* LLVM messages can span lines: keep the promise of one line. */
  for (char *c = message; c && *c; c++)
    if (*c == '\n')
      *c = (c[1] == '\0') ? '\0' : ' ';
  fflush(stdout);
  if (subject)
    fprintf(stderr, "escc: %s: %s: %s\n", kind, subject, message ? message : format);
  else
    fprintf(stderr, "escc: %s: %s\n", kind, message ? message : format);
  free(message);
}

void escc_error(const char *subject, const char *format, ...) {
  va_list args;
  va_start(args, format);
  print_line("error", subject, format, args);
  va_end(args);
}

void escc_warning(const char *subject, const char *format, ...) {
  va_list args;
  va_start(args, format);
  print_line("warning", subject, format, args);
  va_end(args);
}

void escc_note(const char *subject, const char *format, ...) {
  va_list args;
  va_start(args, format);
  print_line("note", subject, format, args);
  va_end(args);
}

static void out_of_memory(void) {
  fputs("escc: error: out of memory\n", stderr);
  exit(ESCC_EXIT_FAILED);
}

void *escc_xmalloc(size_t size) {
  void *pointer = malloc(size ? size : 1);
  if (!pointer)
    out_of_memory();
  return pointer;
}

void *escc_xrealloc(void *pointer, size_t size) {
  void *grown = realloc(pointer, size ? size : 1);
  if (!grown)
    out_of_memory();
  return grown;
}

char *escc_xstrdup(const char *text) {
  char *copy = strdup(text ? text : "");
  if (!copy)
    out_of_memory();
  return copy;
}

char *escc_format(const char *format, ...) {
  va_list args;
  va_start(args, format);
  char *text = NULL;
  int length = vasprintf(&text, format, args);
  va_end(args);
  if (length < 0)
    out_of_memory();
  return text;
}

void escc_strings_push(escc_strings *strings, const char *text) {
  if (strings->count + 2 > strings->capacity) {
    strings->capacity = strings->capacity ? 2 * strings->capacity : 8;
    strings->items = escc_xrealloc(strings->items, strings->capacity * sizeof *strings->items);
  }
  strings->items[strings->count++] = escc_xstrdup(text);
  strings->items[strings->count] = NULL;
}

void escc_strings_push_all(escc_strings *strings, const escc_strings *more) {
  for (size_t i = 0; i < more->count; i++)
    escc_strings_push(strings, more->items[i]);
}

void escc_strings_free(escc_strings *strings) {
  for (size_t i = 0; i < strings->count; i++)
    free(strings->items[i]);
  free(strings->items);
  *strings = (escc_strings){NULL, 0, 0};
}
