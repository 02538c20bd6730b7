/*
 * format_pointers.c — the arguments a printf-style call prints with %p. C11 makes the text of
 * `printf("%p", p)` read back by `sscanf("%p")` the same pointer, so the text is a copy of the
 * address, out of the collector's sight, whether it is printed into memory (sprintf) or to a
 * stream a program may read back (a file, a pipe, open_memstream): such an argument escapes
 * ("captured-by-library") and is pinned. Other conversions only read their arguments.
 *
 * Only a format that is a constant string (a global's initializer, as clang emits literals) is
 * read; any other format keeps every argument on its default model (docs/design.md lists this
 * as out of reach).
 *
 * It also answers, for disguised_integers.c, whether an argument is only ever converted as an
 * integer (%d, %x, ...): text printed from an address's integer.
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

/* Calls visit(argument, conversion, context) for each conversion of a constant format, with the
 * index of the variadic argument it converts (0 is the first after the format); returns false,
 * visiting nothing, when the format is not a constant string. */
typedef void conversion_visitor(size_t argument, char conversion, void *context);
static bool each_conversion(LLVMValueRef call, unsigned format_index, conversion_visitor *visit,
                            void *context) {
  if (format_index >= LLVMGetNumArgOperands(call))
    return false;
  size_t length;
  const char *format = constant_string(LLVMGetOperand(call, format_index), &length);
  if (!format)
    return false;
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
    visit(positional ? position - 1 : next_argument++, format[at], context);
  }
  return true;
}

typedef struct {
  esc_graph *graph;
  LLVMValueRef call;
  unsigned first_variadic;
} printed_pointers;

static void pointer_printed(size_t argument, char conversion, void *context) {
  printed_pointers *printed = context;
  size_t operand = printed->first_variadic + argument;
  if (conversion != 'p' || operand >= LLVMGetNumArgOperands(printed->call))
    return;
  int location = esc_graph_value(printed->graph, LLVMGetOperand(printed->call, (unsigned)operand));
  esc_graph_sink(printed->graph, ESC_HEAP, location, 0, ESC_REASON_CAPTURED_BY_LIBRARY,
                 printed->call);
  esc_graph_sink(printed->graph, ESC_HIDDEN, location, 0, ESC_REASON_NONE, printed->call);
}

void esc_build_printf_pointers(esc_graph *graph, LLVMValueRef call, unsigned format_index) {
  printed_pointers printed = {graph, call, format_index + 1};
  each_conversion(call, format_index, pointer_printed, &printed);
}

/* printf and fprintf write their text to a stream, out of the program. */
static const char *const stream_printers[] = {"printf", "fprintf", "dprintf", "__printf_chk",
                                              "__fprintf_chk"};

bool esc_printf_writes_to_stream(LLVMValueRef call) {
  LLVMValueRef callee = LLVMGetCalledValue(call);
  if (!callee || !LLVMIsAFunction(callee) || !LLVMIsDeclaration(callee))
    return false;
  size_t length;
  const char *name = LLVMGetValueName2(callee, &length);
  for (size_t i = 0; i < sizeof stream_printers / sizeof stream_printers[0]; i++)
    if (strcmp(name, stream_printers[i]) == 0)
      return true;
  return false;
}

typedef struct {
  size_t argument;
  bool converted;
  bool only_as_integer;
} integer_conversions;

static void integer_converted(size_t argument, char conversion, void *context) {
  integer_conversions *conversions = context;
  if (argument != conversions->argument)
    return;
  conversions->converted = true;
  if (!strchr("diouxXc", conversion))
    conversions->only_as_integer = false;
}

bool esc_printf_converts_only_as_integer(LLVMValueRef call, unsigned format_index,
                                         unsigned operand) {
  if (operand <= format_index)
    return false;
  integer_conversions conversions = {operand - format_index - 1, false, true};
  return each_conversion(call, format_index, integer_converted, &conversions) &&
         conversions.converted && conversions.only_as_integer;
}
