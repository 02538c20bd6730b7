/*
 * solve.h — deciding, on a built location graph, which variables escape and what each
 * parameter leaks to (see solve.c for the walk).
 */
#ifndef ESCC_SOLVE_H
#define ESCC_SOLVE_H

#include "graph.h"

/* Walk the graph from its roots; afterwards every VARIABLE location has escapes/hidden/reason
 * and an explanation chain, and every argument VALUE its heap_derefs/result_derefs. */
void esc_solve(esc_graph *graph);

#endif /* ESCC_SOLVE_H */
