/*
 * graph_export.h — a solved location graph condensed into the esc_function_graph readers see
 * (escape.h): named locations only, edges summed over the unnamed values between them.
 */
#ifndef ESCC_GRAPH_EXPORT_H
#define ESCC_GRAPH_EXPORT_H

#include "debuginfo.h"
#include "graph.h"
#include "memory.h"

/* Fills out with graph's named locations and the condensed edges between them; every string
 * and array lives in arena. PARAMETERS are the function's recorded parameters, in argument
 * order: a parameter node leaks as the report says (esc_parameter_leaks). */
void esc_export_graph(const esc_graph *graph, esc_names *names, esc_arena *arena,
                      const char *function_name, const esc_parameter *parameters,
                      esc_function_graph *out);

#endif /* ESCC_GRAPH_EXPORT_H */
