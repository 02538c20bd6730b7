/*
 * reasons.c — the stable ids and one-line descriptions of every escape reason. The ids are a
 * contract (JSON "reason", SARIF rule ids, docs/reports.md): never rename one.
 *
 * Invariant: the table has exactly one entry per esc_reason value, in enum order.
 */
#include "escape.h"

static const struct {
  esc_reason reason;
  const char *id;
  const char *description;
} reason_table[ESC_REASON_COUNT] = {
    {ESC_REASON_NONE, "", "does not escape"},
    {ESC_REASON_RETURNED, "returned", "its address is returned to the caller"},
    {ESC_REASON_STORED_TO_GLOBAL, "stored-to-global", "its address is stored in a global"},
    {ESC_REASON_STORED_TO_PARAMETER, "stored-to-parameter",
     "its address is stored in memory the caller passed in (an out-parameter)"},
    {ESC_REASON_STORED_THROUGH_POINTER, "stored-through-pointer",
     "its address is stored through a pointer to memory the analysis cannot see"},
    {ESC_REASON_CALLEE_LEAKS_PARAMETER, "callee-leaks-parameter",
     "it is passed to a function whose parameter leaks to the heap"},
    {ESC_REASON_UNKNOWN_CALLEE, "unknown-callee",
     "it is passed to an external function that may keep it"},
    {ESC_REASON_VARIADIC_ARGUMENT, "variadic-argument",
     "it is passed as a variadic argument the callee may keep"},
    {ESC_REASON_INDIRECT_CALL, "indirect-call", "it is passed to a call through a pointer"},
    {ESC_REASON_INLINE_ASM, "inline-asm", "it is handed to inline assembly"},
    {ESC_REASON_THREAD_ARGUMENT, "thread-argument", "it is handed to another thread"},
    {ESC_REASON_CAPTURED_BY_LIBRARY, "captured-by-library",
     "a library function keeps it after returning (e.g. setvbuf, strtok)"},
    {ESC_REASON_EXCEPTION, "exception", "it is part of an exception in flight"},
    {ESC_REASON_PROMOTE_ALL, "promote-all", "every address-taken variable is promoted (all)"},
    {ESC_REASON_STORED_IN_OUTER_SCOPE, "stored-in-outer-scope",
     "its address is kept by a variable of an enclosing scope that outlives it"},
    {ESC_REASON_TOO_LARGE, "too-large",
     "it is larger than Go keeps on the stack (10 MB for a variable, 64 KB or a size known only "
     "at run time for an allocation)"},
    {ESC_REASON_OUTLIVES_ITERATION, "outlives-iteration",
     "it is made anew in every loop iteration and its address is kept beyond the iteration"},
};

const char *esc_reason_id(esc_reason reason) {
  return reason < ESC_REASON_COUNT ? reason_table[reason].id : "";
}

const char *esc_reason_description(esc_reason reason) {
  return reason < ESC_REASON_COUNT ? reason_table[reason].description : "";
}
