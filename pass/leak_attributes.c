/*
 * leak_attributes.c — summaries written on declarations: the "escc-leak" string attribute a
 * front end puts on the parameters of functions it does not lower (Go's standard library,
 * runtime helpers), in the spelling of docs/go.md:
 *   none                    the parameter does not escape
 *   heap=D                  its value reaches the heap with D dereferences (0: gc's "leaking
 *                           param: p"; 1: "leaking param content: p")
 *   result=D, resultK=D     it reaches the result (result K of a Go function's several) with D
 *                           dereferences
 * comma-joined, e.g. "heap=1,result0=0". A call to such a declaration uses the summary exactly
 * as a call to an analysed function does (call_rules.c); the results it tells apart are those
 * up to the highest K named.
 *
 * Invariant: a declaration gets a summary only if at least one parameter carries the
 * attribute; then a pointer parameter without it, or with a value that does not parse, leaks
 * to the heap (derefs 0) — never less than an unknown callee would.
 */
#include "leak_attributes.h"

#include "graph.h"

#include <string.h>

static const char leak_key[] = "escc-leak";

static LLVMAttributeRef leak_attribute(LLVMValueRef function, unsigned index) {
  return LLVMGetStringAttributeAtIndex(function, index + 1, leak_key, sizeof leak_key - 1);
}

/* Reads a decimal number of at most 4 digits at *text (advanced past it); false if none. */
static bool parse_number(const char **text, const char *end, int32_t *number) {
  const char *start = *text;
  *number = 0;
  while (*text < end && **text >= '0' && **text <= '9' && *text - start < 4)
    *number = *number * 10 + (*(*text)++ - '0');
  return *text > start;
}

static void lower(int32_t *current, int32_t derefs) {
  if (derefs < *current)
    *current = derefs;
}

/* Reads one "heap=D" / "result=D" / "resultK=D" term into leak; false if it is not one.
 * *result_count grows to K + 1 for every result K named. */
static bool parse_term(const char *term, size_t length, esc_parameter_leak *leak,
                       unsigned *result_count) {
  static const char heap[] = "heap=", result[] = "result";
  const char *end = term + length, *cursor = term;
  int32_t index = 0, derefs;
  bool to_heap = length > sizeof heap - 1 && memcmp(term, heap, sizeof heap - 1) == 0;
  if (to_heap) {
    cursor += sizeof heap - 1;
  } else if (length > sizeof result - 1 && memcmp(term, result, sizeof result - 1) == 0) {
    cursor += sizeof result - 1;
    if (cursor < end && *cursor != '=' && !parse_number(&cursor, end, &index))
      return false;
    if (cursor == end || *cursor++ != '=')
      return false;
  } else {
    return false;
  }
  if (!parse_number(&cursor, end, &derefs) || cursor != end)
    return false;
  if (to_heap) {
    lower(&leak->heap_derefs, derefs);
  } else if (index >= ESC_MAX_RESULTS) { /* past gc's numEscResults: the heap, as in gc */
    lower(&leak->heap_derefs, derefs);
  } else {
    lower(&leak->result_derefs, derefs);
    lower(&leak->result_derefs_of[index], derefs);
    if ((unsigned)index + 1 > *result_count)
      *result_count = (unsigned)index + 1;
  }
  return true;
}

/* The leak a value spells, or heap=0 when it does not parse. */
static esc_parameter_leak parse_leak(const char *text, size_t length, unsigned *result_count) {
  esc_parameter_leak leak = esc_parameter_leak_none();
  esc_parameter_leak unknown = esc_parameter_leak_none();
  unknown.heap_derefs = 0;
  if (length == 4 && memcmp(text, "none", 4) == 0)
    return leak;
  size_t start = 0;
  while (start <= length) {
    size_t end = start;
    while (end < length && text[end] != ',')
      end++;
    if (!parse_term(text + start, end - start, &leak, result_count))
      return unknown;
    start = end + 1;
  }
  return leak;
}

static bool has_leak_attributes(LLVMValueRef function) {
  unsigned count = LLVMCountParams(function);
  for (unsigned i = 0; i < count; i++)
    if (leak_attribute(function, i))
      return true;
  return false;
}

void esc_load_leak_attributes(LLVMModuleRef module, esc_summary_table *summaries) {
  for (LLVMValueRef function = LLVMGetFirstFunction(module); function;
       function = LLVMGetNextFunction(function)) {
    if (!LLVMIsDeclaration(function) || !has_leak_attributes(function))
      continue;
    esc_function_summary *summary = esc_summary_create(summaries, function);
    for (unsigned i = 0; i < summary->parameter_count; i++) {
      LLVMAttributeRef attribute = leak_attribute(function, i);
      esc_parameter_leak *leak = &summary->parameters[i];
      if (attribute) {
        unsigned length;
        const char *text = LLVMGetStringAttributeValue(attribute, &length);
        *leak = parse_leak(text, length, &summary->result_count);
      } else if (esc_type_has_pointer(LLVMTypeOf(LLVMGetParam(function, i)))) {
        leak->heap_derefs = 0;
      }
    }
  }
}
