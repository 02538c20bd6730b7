/*
 * format_pointers.c — the arguments a printf-style call prints with %p. C11 makes the text of
 * `printf("%p", p)` read back by `sscanf("%p")` the same pointer, so the text is a hidden copy of
 * the address: such an argument escapes ("captured-by-library") and, being out of the
 * collector's sight, is pinned. Other conversions only read their arguments.
 *
 * Only a format that is a constant string (a global's initializer, as clang emits literals) is
 * read; any other format keeps every argument on its default model (docs/design.md lists this
 * as out of reach).
 *
 * Invariant: every variadic argument a %p of the format converts — in order, or by position
 * (`%2$p`), counting the arguments `*` widths and precisions take — is sent to {heap} and
 * {hidden}.
 */
#include "rules.h"

#include <string.h>

/* The bytes of a constant string global (up to its first NUL), or NULL. */
static const char *constant_string(LLVMValueRef pointer, size_t *length) {
  if (!LLVMIsAGlobalVariable(pointer) || !LLVMIsGlobalConstant(pointer))
    return NULL;
  LLVMValueRef initializer = LLVMGetInitializer(pointer);
  if (!initializer || !LLVMIsAConstantDataSequential(initializer) ||
      !LLVMIsConstantString(initializer))
    return NULL;
  size_t size;
  const char *text = LLVMGetAsString(initializer, &size);
  const char *end = memchr(text, '\0', size);
  *length = end ? (size_t)(end - text) : size;
  return text;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Reads a decimal number at text[*at], moving *at past it. */
static size_t read_number(const char *text, size_t length, size_t *at) {
  size_t number = 0;
  while (*at < length && is_digit(text[*at]))
    number = number * 10 + (size_t)(text[(*at)++] - '0');
  return number;
}

/* A `*` width or precision takes the next argument, or the one `*m$` names. */
static void skip_star(const char *text, size_t length, size_t *at, size_t *next_argument) {
  (*at)++;
  size_t start = *at;
  read_number(text, length, at);
  if (*at > start && *at < length && text[*at] == '$')
    (*at)++;
  else
    (*next_argument)++;
}

static void pointer_printed(esc_graph *graph, LLVMValueRef call, unsigned first_variadic,
                            size_t argument) {
  size_t operand = first_variadic + argument;
  if (operand >= LLVMGetNumArgOperands(call))
    return;
  int location = esc_graph_value(graph, LLVMGetOperand(call, (unsigned)operand));
  esc_graph_sink(graph, ESC_HEAP, location, 0, ESC_REASON_CAPTURED_BY_LIBRARY, call);
  esc_graph_sink(graph, ESC_HIDDEN, location, 0, ESC_REASON_NONE, call);
}

void esc_build_printf_pointers(esc_graph *graph, LLVMValueRef call, unsigned format_index) {
  if (format_index >= LLVMGetNumArgOperands(call))
    return;
  size_t length;
  const char *format = constant_string(LLVMGetOperand(call, format_index), &length);
  if (!format)
    return;
  size_t next_argument = 0;
  for (size_t at = 0; at < length; at++) {
    if (format[at] != '%')
      continue;
    if (++at < length && format[at] == '%')
      continue;
    size_t position_start = at;
    size_t position = read_number(format, length, &at);
    bool positional = at > position_start && at < length && format[at] == '$' && position > 0;
    if (positional)
      at++;
    else
      at = position_start;
    while (at < length && strchr("-+ #0'I", format[at]))
      at++;
    if (at < length && format[at] == '*')
      skip_star(format, length, &at, &next_argument);
    else
      read_number(format, length, &at);
    if (at < length && format[at] == '.') {
      at++;
      if (at < length && format[at] == '*')
        skip_star(format, length, &at, &next_argument);
      else
        read_number(format, length, &at);
    }
    while (at < length && strchr("hlLqjzZt", format[at]))
      at++;
    if (at >= length)
      break;
    size_t argument = positional ? position - 1 : next_argument++;
    if (format[at] == 'p')
      pointer_printed(graph, call, format_index + 1, argument);
  }
}
