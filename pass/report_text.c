/*
 * report_text.c — the Go-style text report (`go build -gcflags=-m`), sorted by position:
 *   t.c:6:25: moved to heap: number
 *   t.c:7:9: leaking param: p to result ~r0 level=0
 *   t.c:7:9: p does not escape
 * Level 2 (-m=2) adds, before each "moved to heap", the flow that explains it:
 *   t.c:6:25: number escapes to heap:
 *   t.c:6:25:   flow: ~r0 = &number:
 *   t.c:6:25:     from &number (address-of) at t.c:6:25
 *   t.c:6:25:     from return (return) at t.c:6:33
 * Without debug info a place is "<module>:<function>" and names are IR names.
 * A module from the Go front end is reported as gc reports (docs/go.md): allocation sites as
 *   t.go:6:9: new(int) escapes to heap      t.go:7:9: &T{...} does not escape
 * leaks to any of several results by gc's result names, gc's pruning of result leaks no
 * shorter than the heap leak, and nothing for front-end temporaries, parameters without a
 * source name (closure contexts) or parameters that are themselves moved to heap.
 *
 * Invariant: output order depends only on the analysis results (file, line, column, then the
 * order the analysis found them), so reports are stable across runs.
 */
#include "escape.h"

#include "memory.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  esc_source_place place;
  const char *function;
  size_t sequence;
  const esc_allocation *allocation; /* one of these two is set */
  const esc_parameter *parameter;
} report_entry;

static int compare_places(const void *left_pointer, const void *right_pointer) {
  const report_entry *left = left_pointer, *right = right_pointer;
  if (!left->place.file != !right->place.file)
    return left->place.file ? -1 : 1;
  if (left->place.file) {
    int by_file = strcmp(left->place.file, right->place.file);
    if (by_file)
      return by_file;
    if (left->place.line != right->place.line)
      return left->place.line < right->place.line ? -1 : 1;
    if (left->place.column != right->place.column)
      return left->place.column < right->place.column ? -1 : 1;
  }
  return left->sequence < right->sequence ? -1 : (left->sequence > right->sequence);
}

static void print_place(FILE *out, const char *module, const char *function,
                        esc_source_place place) {
  if (place.file)
    fprintf(out, "%s:%u:%u: ", place.file, place.line, place.column);
  else
    fprintf(out, "%s:%s: ", module, function);
}

static void print_flow(FILE *out, const char *module, const esc_allocation *allocation) {
  print_place(out, module, allocation->function, allocation->place);
  fprintf(out, "%s escapes to heap:\n", allocation->variable);
  size_t group_start = 0;
  for (size_t i = 0; i < allocation->flow_count; i++) {
    const esc_flow_step *step = &allocation->flow[i];
    if (!step->flow_to && i + 1 < allocation->flow_count)
      continue;
    print_place(out, module, allocation->function, allocation->place);
    fprintf(out, "  flow: %s = %s:\n", step->flow_to ? step->flow_to : "{heap}",
            step->flow_from ? step->flow_from : allocation->variable);
    for (size_t j = group_start; j <= i; j++) {
      const esc_flow_step *member = &allocation->flow[j];
      print_place(out, module, allocation->function, allocation->place);
      fprintf(out, "    from %s", member->note);
      if (member->place.file)
        fprintf(out, " at %s:%u:%u", member->place.file, member->place.line, member->place.column);
      fputc('\n', out);
    }
    group_start = i + 1;
  }
}

/* Go's tags: "does not escape", "leaking param: p" (to the heap), "leaking param content: p"
 * (what p points to, to the heap), "leaking param: p to result ~r0 level=N". A leak into a
 * result that holds no pointer (an int computed from *p) is real for callers' summaries but,
 * as in Go, not shown. */
static bool shows_result_leak(const esc_parameter *parameter) {
  return parameter->result_derefs != ESC_NO_LEAK && parameter->result_has_pointer;
}

bool esc_parameter_leaks(const esc_parameter *parameter) {
  return parameter->carries_pointer &&
         (parameter->heap_derefs != ESC_NO_LEAK || shows_result_leak(parameter));
}

static void print_parameter(FILE *out, const char *module, const esc_parameter *parameter) {
  bool shows_result = shows_result_leak(parameter);
  if (parameter->heap_derefs == ESC_NO_LEAK && !shows_result) {
    print_place(out, module, parameter->function, parameter->place);
    fprintf(out, "%s does not escape\n", parameter->parameter);
    return;
  }
  if (parameter->heap_derefs != ESC_NO_LEAK) {
    print_place(out, module, parameter->function, parameter->place);
    fprintf(out,
            parameter->heap_derefs == 0 ? "leaking param: %s\n" : "leaking param content: %s\n",
            parameter->parameter);
  }
  if (shows_result) {
    print_place(out, module, parameter->function, parameter->place);
    fprintf(out, "leaking param: %s to result ~r0 level=%d\n", parameter->parameter,
            parameter->result_derefs);
  }
}

/* gc's tags (escape.go, paramTag): leaks to results with no fewer derefs than the heap leak
 * are dropped (leaks.Optimize), "does not escape" when nothing is left, result leaks by name. */
static void print_go_parameter(FILE *out, const char *module, const esc_parameter *parameter) {
  int32_t heap = parameter->heap_derefs;
  bool shows_result[ESC_MAX_RESULTS] = {false};
  bool leaks = heap != ESC_NO_LEAK;
  for (unsigned k = 0; k < parameter->result_count; k++) {
    int32_t derefs = parameter->result_derefs_of[k];
    shows_result[k] = derefs != ESC_NO_LEAK && (heap == ESC_NO_LEAK || derefs < heap);
    leaks |= shows_result[k];
  }
  if (!leaks) {
    print_place(out, module, parameter->function, parameter->place);
    fprintf(out, "%s does not escape\n", parameter->parameter);
    return;
  }
  if (heap != ESC_NO_LEAK) {
    print_place(out, module, parameter->function, parameter->place);
    fprintf(out, heap == 0 ? "leaking param: %s\n" : "leaking param content: %s\n",
            parameter->parameter);
  }
  for (unsigned k = 0; k < parameter->result_count; k++) {
    if (!shows_result[k])
      continue;
    print_place(out, module, parameter->function, parameter->place);
    fprintf(out, "leaking param: %s to result %s level=%d\n", parameter->parameter,
            parameter->result_names[k], parameter->result_derefs_of[k]);
  }
}

/* Which analysis results the report shows: in C every moved variable and every parameter that
 * can hold an address; in Go what gc shows (see the file comment). */
static bool reports_allocation(bool go, const esc_allocation *allocation) {
  if (!go)
    return allocation->decision == ESC_DECISION_HEAP;
  return allocation->declared &&
         (allocation->decision == ESC_DECISION_HEAP || allocation->allocation_site);
}

static bool reports_parameter(bool go, const esc_parameter *parameter) {
  return parameter->carries_pointer && (!go || (parameter->declared && !parameter->moved_to_heap));
}

static void print_allocation(FILE *out, const char *module, bool go,
                             const esc_allocation *allocation) {
  print_place(out, module, allocation->function, allocation->place);
  if (go && allocation->allocation_site)
    fprintf(out,
            allocation->decision == ESC_DECISION_HEAP ? "%s escapes to heap\n"
                                                      : "%s does not escape\n",
            allocation->variable);
  else
    fprintf(out, "moved to heap: %s\n", allocation->variable);
}

void esc_report_text(const esc_analysis *analysis, FILE *out, int level) {
  bool go = esc_analysis_is_go(analysis);
  size_t allocation_count = esc_analysis_allocation_count(analysis);
  size_t parameter_count = esc_analysis_parameter_count(analysis);
  report_entry *entries = esc_xmalloc((allocation_count + parameter_count + 1) * sizeof *entries);
  size_t count = 0;
  for (size_t i = 0; i < allocation_count; i++) {
    const esc_allocation *allocation = esc_analysis_allocation(analysis, i);
    if (!reports_allocation(go, allocation))
      continue;
    entries[count] =
        (report_entry){allocation->place, allocation->function, count, allocation, NULL};
    count++;
  }
  for (size_t i = 0; i < parameter_count; i++) {
    const esc_parameter *parameter = esc_analysis_parameter(analysis, i);
    if (!reports_parameter(go, parameter))
      continue;
    entries[count] = (report_entry){parameter->place, parameter->function, count, NULL, parameter};
    count++;
  }
  qsort(entries, count, sizeof *entries, compare_places);
  const char *module = esc_analysis_module_name(analysis);
  for (size_t i = 0; i < count; i++) {
    if (entries[i].parameter) {
      if (go)
        print_go_parameter(out, module, entries[i].parameter);
      else
        print_parameter(out, module, entries[i].parameter);
      continue;
    }
    const esc_allocation *allocation = entries[i].allocation;
    if (level >= 2 && allocation->flow_count > 0)
      print_flow(out, module, allocation);
    print_allocation(out, module, go, allocation);
  }
  free(entries);
}
