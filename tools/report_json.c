/*
 * report_json.c — the JSON report (`--format=json`), exactly the document of docs/design.md
 * ("Reports") and docs/report.schema.json:
 *   {"version": 1, "tool": {...}, "allocations": [...], "parameters": [...], "summary": {...}}
 * built with cJSON (quoting and escaping are the library's job, not ours).
 *
 * Invariants: "allocations" holds the address-taken allocas (every alloca with --all-allocas), in
 * the analysis' order; "reason" is null exactly when "decision" is "stack"; a place without debug
 * info has "file": null and line/column 0. "parameters" holds the parameters that can carry an
 * address (the ones the text report talks about); a parameter that leaks both to the heap and
 * to the result is one entry with "leak": "heap" (the stronger fact) and the heap's derefs.
 * "audit" appears on a promoted allocation only when the report follows an audited run.
 */
#include "escc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

const char *escc_parameter_leak(const esc_parameter *parameter, int *derefs) {
  if (parameter->heap_derefs != ESC_NO_LEAK) {
    *derefs = parameter->heap_derefs;
    return "heap";
  }
  if (parameter->result_derefs != ESC_NO_LEAK) {
    *derefs = parameter->result_derefs;
    return "result";
  }
  *derefs = 0;
  return "none";
}

static void add_place(cJSON *object, esc_source_place place) {
  if (place.file)
    cJSON_AddStringToObject(object, "file", place.file);
  else
    cJSON_AddNullToObject(object, "file");
  cJSON_AddNumberToObject(object, "line", place.line);
  cJSON_AddNumberToObject(object, "column", place.column);
}

static cJSON *allocation_object(const esc_allocation *allocation, const escc_audit_figures *audit) {
  cJSON *object = cJSON_CreateObject();
  cJSON_AddStringToObject(object, "function", allocation->function);
  cJSON_AddStringToObject(object, "variable", allocation->variable);
  add_place(object, allocation->place);
  cJSON_AddNumberToObject(object, "size", (double)allocation->size);
  bool heap = allocation->decision == ESC_DECISION_HEAP;
  cJSON_AddStringToObject(object, "decision", heap ? "heap" : "stack");
  if (heap)
    cJSON_AddStringToObject(object, "reason", esc_reason_id(allocation->reason));
  else
    cJSON_AddNullToObject(object, "reason");
  /* Promoted with esc_alloc_pinned: never collected, because its address is also disguised. */
  cJSON_AddBoolToObject(object, "pinned", heap && allocation->address_hidden);
  cJSON *flow = cJSON_AddArrayToObject(object, "flow");
  for (size_t i = 0; i < allocation->flow_count; i++) {
    const esc_flow_step *step = &allocation->flow[i];
    cJSON *entry = cJSON_CreateObject();
    add_place(entry, step->place);
    cJSON_AddStringToObject(entry, "note", step->note ? step->note : "");
    cJSON_AddItemToArray(flow, entry);
  }
  /* escc run --audit: what the run saw of this site (runtime/audit.c). */
  const escc_audit_site *figures = heap ? escc_audit_lookup(audit, allocation) : NULL;
  if (figures) {
    cJSON *entry = cJSON_AddObjectToObject(object, "audit");
    cJSON_AddNumberToObject(entry, "allocated", (double)figures->allocated);
    cJSON_AddNumberToObject(entry, "outlived", (double)figures->outlived);
    cJSON_AddNumberToObject(entry, "most_alive", (double)figures->most_alive);
  }
  return object;
}

static cJSON *parameter_object(const esc_parameter *parameter) {
  cJSON *object = cJSON_CreateObject();
  cJSON_AddStringToObject(object, "function", parameter->function);
  cJSON_AddStringToObject(object, "parameter", parameter->parameter);
  cJSON_AddNumberToObject(object, "index", parameter->index);
  int derefs;
  cJSON_AddStringToObject(object, "leak", escc_parameter_leak(parameter, &derefs));
  cJSON_AddNumberToObject(object, "derefs", derefs);
  return object;
}

char *escc_report_json(const esc_analysis *const *analyses, size_t count, bool all,
                       const escc_audit_figures *audit) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddNumberToObject(root, "version", 1);
  cJSON *tool = cJSON_AddObjectToObject(root, "tool");
  cJSON_AddStringToObject(tool, "name", "escc");
  cJSON_AddStringToObject(tool, "version", ESCC_VERSION);
  cJSON_AddStringToObject(tool, "llvm", esc_llvm_version());

  cJSON *allocations = cJSON_AddArrayToObject(root, "allocations");
  cJSON *parameters = cJSON_AddArrayToObject(root, "parameters");
  esc_summary counts = {0, 0, 0, 0};
  for (size_t a = 0; a < count; a++) {
    const esc_analysis *analysis = analyses[a];
    for (size_t i = 0; i < esc_analysis_allocation_count(analysis); i++) {
      const esc_allocation *allocation = esc_analysis_allocation(analysis, i);
      if (all || allocation->address_taken)
        cJSON_AddItemToArray(allocations, allocation_object(allocation, audit));
    }
    for (size_t i = 0; i < esc_analysis_parameter_count(analysis); i++) {
      const esc_parameter *parameter = esc_analysis_parameter(analysis, i);
      if (parameter->carries_pointer)
        cJSON_AddItemToArray(parameters, parameter_object(parameter));
    }
    esc_summary more = esc_analysis_summary(analysis);
    counts.functions += more.functions;
    counts.allocas += more.allocas;
    counts.address_taken += more.address_taken;
    counts.promoted += more.promoted;
  }
  cJSON *summary = cJSON_AddObjectToObject(root, "summary");
  cJSON_AddNumberToObject(summary, "functions", (double)counts.functions);
  cJSON_AddNumberToObject(summary, "allocas", (double)counts.allocas);
  cJSON_AddNumberToObject(summary, "address_taken", (double)counts.address_taken);
  cJSON_AddNumberToObject(summary, "promoted", (double)counts.promoted);

  return escc_json_text(root);
}

char *escc_json_text(cJSON *root) {
  char *text = cJSON_Print(root);
  cJSON_Delete(root);
  if (!text) {
    fputs("escc: error: out of memory\n", stderr);
    exit(ESCC_EXIT_FAILED);
  }
  return text;
}
