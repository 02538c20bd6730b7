/*
 * explain.h — turning a solved graph's chain of edges into the flow steps users read (Go's
 * -m=2 "flow:" and "from ... at ..." lines; JSON "flow").
 */
#ifndef ESCC_EXPLAIN_H
#define ESCC_EXPLAIN_H

#include "debuginfo.h"
#include "graph.h"
#include "memory.h"

/* The steps explaining why the variable at location `variable` escapes; allocated in arena. */
esc_flow_step *esc_explain_escape(const esc_graph *graph, int variable, esc_names *names,
                                  esc_arena *arena, size_t *step_count);

#endif /* ESCC_EXPLAIN_H */
