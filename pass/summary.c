/*
 * summary.c — the table of per-function parameter summaries (see summary.h).
 *
 * Invariant: the table maps each analysed function to exactly one summary, whose arrays the
 * table owns.
 */
#include "summary.h"

#include "memory.h"
#include "pointer_map.h"

#include <stdlib.h>

struct esc_summary_table {
  esc_pointer_map *by_function; /* LLVMValueRef -> esc_function_summary* */
  esc_function_summary **summaries;
  size_t count, capacity;
};

esc_summary_table *esc_summary_table_new(void) {
  esc_summary_table *table = esc_xcalloc(1, sizeof *table);
  table->by_function = esc_pointer_map_new();
  return table;
}

void esc_summary_table_free(esc_summary_table *table) {
  if (!table)
    return;
  for (size_t i = 0; i < table->count; i++) {
    free(table->summaries[i]->parameters);
    free(table->summaries[i]);
  }
  free(table->summaries);
  esc_pointer_map_free(table->by_function);
  free(table);
}

esc_function_summary *esc_summary_create(esc_summary_table *table, LLVMValueRef function) {
  intptr_t existing;
  if (esc_pointer_map_get(table->by_function, function, &existing))
    return (esc_function_summary *)existing;
  esc_function_summary *summary = esc_xcalloc(1, sizeof *summary);
  summary->parameter_count = LLVMCountParams(function);
  summary->parameters = esc_xcalloc(summary->parameter_count, sizeof(esc_parameter_leak));
  for (unsigned i = 0; i < summary->parameter_count; i++)
    summary->parameters[i] = esc_parameter_leak_none();
  ESC_GROW(table->summaries, table->capacity, table->count + 1);
  table->summaries[table->count++] = summary;
  esc_pointer_map_put(table->by_function, function, (intptr_t)summary);
  return summary;
}

/* A definition another object file may replace (weak, linkonce without ODR, extern_weak) says
 * nothing about the code that will run. */
static bool definition_is_final(LLVMValueRef function) {
  switch (LLVMGetLinkage(function)) {
  case LLVMWeakAnyLinkage:
  case LLVMLinkOnceAnyLinkage:
  case LLVMExternalWeakLinkage:
    return false;
  default:
    return !LLVMIsDeclaration(function);
  }
}

const esc_function_summary *esc_summary_for_callee(const esc_summary_table *table,
                                                   LLVMValueRef function) {
  /* A declaration has a summary only when its "escc-leak" attributes gave it one. */
  if (!definition_is_final(function) && !LLVMIsDeclaration(function))
    return NULL;
  intptr_t summary;
  if (!esc_pointer_map_get(table->by_function, function, &summary))
    return NULL;
  return (const esc_function_summary *)summary;
}

esc_parameter_leak esc_parameter_leak_none(void) {
  esc_parameter_leak none = {ESC_NO_LEAK, ESC_NO_LEAK, ESC_NO_LEAK, {0}};
  for (int k = 0; k < ESC_MAX_RESULTS; k++)
    none.result_derefs_of[k] = ESC_NO_LEAK;
  return none;
}

static bool lower(int32_t *current, int32_t derefs) {
  if (derefs >= *current)
    return false;
  *current = derefs;
  return true;
}

bool esc_summary_merge(esc_function_summary *summary, const esc_parameter_leak *leaks) {
  bool changed = false;
  for (unsigned i = 0; i < summary->parameter_count; i++) {
    esc_parameter_leak *current = &summary->parameters[i];
    if (leaks[i].heap_derefs < current->heap_derefs) {
      current->heap_derefs = leaks[i].heap_derefs;
      changed = true;
    }
    if (leaks[i].result_derefs < current->result_derefs) {
      current->result_derefs = leaks[i].result_derefs;
      changed = true;
    }
    if (leaks[i].hidden_derefs < current->hidden_derefs) {
      current->hidden_derefs = leaks[i].hidden_derefs;
      changed = true;
    }
    for (int k = 0; k < ESC_MAX_RESULTS; k++)
      changed |= lower(&current->result_derefs_of[k], leaks[i].result_derefs_of[k]);
  }
  return changed;
}
