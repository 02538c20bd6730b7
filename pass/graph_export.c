/*
 * graph_export.c — the location graph of one function as a reader draws it (escc report
 * --format=dot, the HTML report's pictures).
 *
 * The solver's graph has a location for every SSA value that may carry an address; a reader
 * wants the locations the source names: variables, parameters, ~r0, {heap} and {hidden}. For
 * each named location D, a walk goes backwards over the edges into D through unnamed locations,
 * adding up derefs, and stops at every named location S it reaches: that gives the edge
 * "D <- S (derefs)", keeping the fewest derefs over all paths (what Go's walk keeps, too).
 *
 * Invariant: a walk revisits an unnamed location only with strictly fewer derefs, and at most
 * REVISITS times, so it ends on any graph (cycles through phis included).
 */
#include "graph_export.h"

#include <stdlib.h>

enum { REVISITS = 4, NOT_NAMED = -1 };

typedef struct {
  int location;
  int derefs;
} walk_item;

typedef struct {
  const esc_graph *graph;
  int *node_of;        /* location -> node index, or NOT_NAMED */
  int *best;           /* location -> fewest derefs seen in this walk */
  unsigned char *seen; /* location -> visits in this walk */
  walk_item *stack;
  size_t stack_count, stack_capacity;
  esc_graph_edge *edges;
  size_t edge_count, edge_capacity;
} exporter;

/* A parameter that can carry an address (the ones the reports talk about). */
static bool is_parameter(LLVMValueRef value) {
  return value && LLVMIsAArgument(value) && esc_type_has_pointer(LLVMTypeOf(value));
}

/* Adds "destination <- source (derefs)" or lowers the derefs of the edge already there. */
static void add_edge(exporter *e, size_t source, size_t destination, int derefs) {
  for (size_t i = 0; i < e->edge_count; i++) {
    esc_graph_edge *edge = &e->edges[i];
    if (edge->source == source && edge->destination == destination) {
      if (derefs < edge->derefs)
        edge->derefs = derefs;
      return;
    }
  }
  ESC_GROW(e->edges, e->edge_capacity, e->edge_count + 1);
  e->edges[e->edge_count++] = (esc_graph_edge){source, destination, derefs};
}

static void push(exporter *e, int location, int derefs) {
  if (e->seen[location] && (derefs >= e->best[location] || e->seen[location] >= REVISITS))
    return;
  e->seen[location]++;
  e->best[location] = derefs;
  ESC_GROW(e->stack, e->stack_capacity, e->stack_count + 1);
  e->stack[e->stack_count++] = (walk_item){location, derefs};
}

/* Every named location whose value reaches destination, with the derefs on the way. */
static void walk_into(exporter *e, int destination) {
  const esc_graph *graph = e->graph;
  for (size_t i = 0; i < graph->location_count; i++)
    e->seen[i] = 0;
  e->stack_count = 0;
  push(e, destination, 0);
  while (e->stack_count) {
    walk_item item = e->stack[--e->stack_count];
    for (int k = graph->locations[item.location].first_incoming; k >= 0;
         k = graph->edges[k].next_incoming) {
      const esc_edge *edge = &graph->edges[k];
      int derefs = item.derefs + edge->derefs;
      int source_node = e->node_of[edge->source];
      if (source_node != NOT_NAMED) {
        if (edge->source != destination)
          add_edge(e, (size_t)source_node, (size_t)e->node_of[destination], derefs);
      } else {
        push(e, edge->source, derefs);
      }
    }
  }
}

/* The recorded parameter of PARAMETER, an argument of its function. */
static const esc_parameter *record_of(const esc_parameter *parameters, LLVMValueRef parameter) {
  unsigned index = 0;
  for (LLVMValueRef argument = LLVMGetFirstParam(LLVMGetParamParent(parameter));
       argument != parameter; argument = LLVMGetNextParam(argument))
    index++;
  return &parameters[index];
}

void esc_export_graph(const esc_graph *graph, esc_names *names, esc_arena *arena,
                      const char *function_name, const esc_parameter *parameters,
                      esc_function_graph *out) {
  size_t count = graph->location_count;
  exporter e = {.graph = graph};
  e.node_of = esc_xmalloc(count * sizeof *e.node_of);
  e.best = esc_xmalloc(count * sizeof *e.best);
  e.seen = esc_xmalloc(count);
  esc_graph_node *nodes = esc_arena_alloc(arena, (count + 1) * sizeof *nodes);
  size_t node_count = 0;
  for (size_t i = 0; i < count; i++) {
    const esc_location *location = &graph->locations[i];
    esc_graph_node node = {.kind = ESC_NODE_HEAP};
    e.node_of[i] = NOT_NAMED;
    switch (location->kind) {
    case ESC_LOCATION_HEAP:
      node.name = "{heap}";
      break;
    case ESC_LOCATION_RESULT:
      node = (esc_graph_node){.kind = ESC_NODE_RESULT, .name = "~r0"};
      break;
    case ESC_LOCATION_HIDDEN:
      node = (esc_graph_node){.kind = ESC_NODE_HIDDEN, .name = "{hidden}"};
      break;
    case ESC_LOCATION_VARIABLE:
      node.kind = ESC_NODE_VARIABLE;
      node.name = esc_arena_strdup(arena, esc_names_variable(names, location->value, &node.place));
      node.escapes = location->escapes;
      break;
    case ESC_LOCATION_VALUE:
      if (!is_parameter(location->value))
        continue;
      node.kind = ESC_NODE_PARAMETER;
      node.name = esc_arena_strdup(arena, esc_names_parameter(names, location->value, &node.place));
      node.escapes = esc_parameter_leaks(record_of(parameters, location->value));
      break;
    case ESC_LOCATION_TEMPORARY:
      continue;
    }
    node.place.file = esc_arena_strdup(arena, node.place.file);
    e.node_of[i] = (int)node_count;
    nodes[node_count++] = node;
  }
  for (size_t i = 0; i < count; i++)
    if (e.node_of[i] != NOT_NAMED)
      walk_into(&e, (int)i);

  /* Keep the parameters, the escaping variables and what an edge touches (a variable that only
   * ever holds numbers has nothing to draw); renumber. */
  bool *kept = esc_xcalloc(node_count + 1, sizeof *kept);
  for (size_t i = 0; i < node_count; i++)
    kept[i] = nodes[i].kind == ESC_NODE_PARAMETER || nodes[i].escapes;
  for (size_t i = 0; i < e.edge_count; i++)
    kept[e.edges[i].source] = kept[e.edges[i].destination] = true;
  size_t *renumber = esc_xmalloc((node_count + 1) * sizeof *renumber);
  size_t kept_count = 0;
  for (size_t i = 0; i < node_count; i++) {
    renumber[i] = kept_count;
    if (kept[i])
      nodes[kept_count++] = nodes[i];
  }
  esc_graph_edge *edges = esc_arena_alloc(arena, (e.edge_count + 1) * sizeof *edges);
  for (size_t i = 0; i < e.edge_count; i++)
    edges[i] = (esc_graph_edge){renumber[e.edges[i].source], renumber[e.edges[i].destination],
                                e.edges[i].derefs};
  *out = (esc_function_graph){function_name, kept_count, nodes, e.edge_count, edges};
  free(renumber);
  free(kept);
  free(e.edges);
  free(e.stack);
  free(e.seen);
  free(e.best);
  free(e.node_of);
}
