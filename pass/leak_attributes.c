/*
 * leak_attributes.c — summaries written on declarations: the "escc-leak" string attribute a
 * front end puts on the parameters of functions it does not lower (Go's standard library,
 * runtime helpers), in the spelling of docs/go.md:
 *   none                    the parameter does not escape
 *   heap=D                  its value reaches the heap with D dereferences (0: gc's "leaking
 *                           param: p"; 1: "leaking param content: p")
 *   result=D, resultK=D     it reaches the result (result K) with D dereferences
 * comma-joined, e.g. "heap=1,result0=0". A call to such a declaration uses the summary exactly
 * as a call to an analysed function does (call_rules.c).
 *
 * Invariant: a declaration gets a summary only if at least one parameter carries the
 * attribute; then a pointer parameter without it, or with a value that does not parse, leaks
 * to the heap (derefs 0) — never less than an unknown callee would.
 */
#include "leak_attributes.h"

#include "graph.h"

#include <stdlib.h>
#include <string.h>

static const char leak_key[] = "escc-leak";

static LLVMAttributeRef leak_attribute(LLVMValueRef function, unsigned index) {
  return LLVMGetStringAttributeAtIndex(function, index + 1, leak_key, sizeof leak_key - 1);
}

/* Reads one "key=D" term; false if it is not one. */
static bool parse_term(const char *term, size_t length, esc_parameter_leak *leak) {
  static const char heap[] = "heap=", result[] = "result";
  const char *digits;
  bool to_heap = length > sizeof heap - 1 && memcmp(term, heap, sizeof heap - 1) == 0;
  if (to_heap) {
    digits = term + sizeof heap - 1;
  } else if (length > sizeof result - 1 && memcmp(term, result, sizeof result - 1) == 0) {
    digits = term + sizeof result - 1;
    while (digits < term + length && *digits >= '0' && *digits <= '9')
      digits++; /* the result's index: every result flows into the call's one value */
    if (digits == term + length || *digits != '=')
      return false;
    digits++;
  } else {
    return false;
  }
  if (digits == term + length)
    return false;
  int32_t derefs = 0;
  for (const char *c = digits; c < term + length; c++) {
    if (*c < '0' || *c > '9' || derefs > 1000)
      return false;
    derefs = derefs * 10 + (*c - '0');
  }
  int32_t *slot = to_heap ? &leak->heap_derefs : &leak->result_derefs;
  if (derefs < *slot)
    *slot = derefs;
  return true;
}

/* The leak a value spells, or heap=0 when it does not parse. */
static esc_parameter_leak parse_leak(const char *text, size_t length) {
  esc_parameter_leak leak = {ESC_NO_LEAK, ESC_NO_LEAK, ESC_NO_LEAK};
  static const esc_parameter_leak unknown = {0, ESC_NO_LEAK, ESC_NO_LEAK};
  if (length == 4 && memcmp(text, "none", 4) == 0)
    return leak;
  size_t start = 0;
  while (start <= length) {
    size_t end = start;
    while (end < length && text[end] != ',')
      end++;
    if (!parse_term(text + start, end - start, &leak))
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
        *leak = parse_leak(text, length);
      } else if (esc_type_has_pointer(LLVMTypeOf(LLVMGetParam(function, i)))) {
        leak->heap_derefs = 0;
      }
    }
  }
}
