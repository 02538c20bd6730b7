/*
 * summary.h — per-function parameter summaries ("tags" in Go's terms): for each parameter,
 * the fewest dereferences with which its value reaches {heap} and the result. They are what a
 * caller needs to know about a callee, and nothing else.
 *
 * Invariant: a summary is plain data (no LLVM handles), so it can be written next to an object
 * file and read back; leaks only ever grow (derefs only decrease) while an SCC is solved.
 */
#ifndef ESCC_SUMMARY_H
#define ESCC_SUMMARY_H

#include "escape.h"

typedef struct {
  int32_t heap_derefs;   /* ESC_NO_LEAK: never reaches {heap} */
  int32_t result_derefs; /* ESC_NO_LEAK: never reaches the result (any of them) */
  int32_t hidden_derefs; /* ESC_NO_LEAK: the callee never disguises it (ptrtoint, asm) */
  int32_t result_derefs_of[ESC_MAX_RESULTS]; /* result K, when the summary tells results apart */
} esc_parameter_leak;

/* The leak of a parameter that reaches nothing. */
esc_parameter_leak esc_parameter_leak_none(void);

/* Fields of a Go closure's context told apart (go_mode.h). */
#define ESC_MAX_CONTEXT_FIELDS 16

typedef struct {
  unsigned parameter_count;
  esc_parameter_leak *parameters;
  unsigned result_count; /* > 1: a Go function whose results result_derefs_of tells apart */
  /* > 0: a Go closure body that reads its context (parameter 0) only field by field; field K's
   * value leaks as context_fields[K] says */
  unsigned context_field_count;
  esc_parameter_leak context_fields[ESC_MAX_CONTEXT_FIELDS];
} esc_function_summary;

typedef struct esc_summary_table esc_summary_table;

esc_summary_table *esc_summary_table_new(void);
void esc_summary_table_free(esc_summary_table *table);

/* Start a summary for a function whose body is analysed: every parameter leaks nowhere (the
 * optimistic start of an SCC fixpoint). */
esc_function_summary *esc_summary_create(esc_summary_table *table, LLVMValueRef function);

/* The summary a call may rely on, or NULL: only for functions with a body that cannot be
 * replaced at link time (not weak, not linkonce-any), and declarations whose "escc-leak"
 * attributes are their summary (leak_attributes.h). */
const esc_function_summary *esc_summary_for_callee(const esc_summary_table *table,
                                                   LLVMValueRef function);

/* Lower summary's derefs to those in leaks (parameter_count entries); true if anything
 * changed. */
bool esc_summary_merge(esc_function_summary *summary, const esc_parameter_leak *leaks);

#endif /* ESCC_SUMMARY_H */
