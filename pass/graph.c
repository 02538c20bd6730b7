/*
 * graph.c — building the location graph (see graph.h for the model).
 *
 * Invariant: every location is reachable through value_locations/variable_locations or is
 * one of the three roots or a temporary; edges are only ever appended.
 */
#include "graph.h"

#include "memory.h"

#include <stdlib.h>

static int add_location(esc_graph *graph, esc_location_kind kind, LLVMValueRef value) {
  ESC_GROW(graph->locations, graph->location_capacity, graph->location_count + 1);
  int index = (int)graph->location_count++;
  esc_location *location = &graph->locations[index];
  *location = (esc_location){.kind = kind,
                             .value = value,
                             .first_incoming = -1,
                             .parent_edge = -1,
                             .heap_derefs = ESC_NO_LEAK,
                             .result_derefs = ESC_NO_LEAK,
                             .hidden_derefs = ESC_NO_LEAK};
  for (int k = 0; k < ESC_MAX_RESULTS; k++)
    location->result_derefs_of[k] = ESC_NO_LEAK;
  return index;
}

void esc_graph_init(esc_graph *graph, LLVMValueRef function, unsigned pointer_bits) {
  *graph = (esc_graph){.function = function, .pointer_bits = pointer_bits};
  graph->value_locations = esc_pointer_map_new();
  graph->variable_locations = esc_pointer_map_new();
  add_location(graph, ESC_LOCATION_HEAP, NULL);
  add_location(graph, ESC_LOCATION_RESULT, NULL);
  add_location(graph, ESC_LOCATION_HIDDEN, NULL);
  graph->result_count = 1;
  graph->result_locations[0] = ESC_RESULT;
}

void esc_graph_set_go_mode(esc_graph *graph, bool go, bool integers_carry_no_addresses,
                           unsigned result_count) {
  graph->go = go;
  graph->integers_carry_no_addresses = integers_carry_no_addresses;
  if (result_count > ESC_MAX_RESULTS)
    result_count = ESC_MAX_RESULTS;
  for (unsigned k = 1; k < result_count; k++)
    graph->result_locations[k] = add_location(graph, ESC_LOCATION_RESULT, NULL);
  if (result_count > 1)
    graph->result_count = result_count;
}

void esc_graph_destroy(esc_graph *graph) {
  free(graph->locations);
  free(graph->edges);
  free(graph->chain_edges);
  esc_pointer_map_free(graph->value_locations);
  esc_pointer_map_free(graph->variable_locations);
  *graph = (esc_graph){0};
}

/* Only instructions and arguments can hold an alloca's address: constants (globals, null,
 * constant expressions) never do, and neither do values of types that hold no bits. */
static bool may_carry_address(LLVMValueRef value) {
  if (!LLVMIsAInstruction(value) && !LLVMIsAArgument(value))
    return false;
  switch (LLVMGetTypeKind(LLVMTypeOf(value))) {
  case LLVMVoidTypeKind:
  case LLVMLabelTypeKind:
  case LLVMMetadataTypeKind:
  case LLVMTokenTypeKind:
    return false;
  default:
    return true;
  }
}

int esc_graph_value(esc_graph *graph, LLVMValueRef value) {
  if (!value || !may_carry_address(value))
    return ESC_NO_LOCATION;
  if (graph->integers_carry_no_addresses && !esc_type_has_pointer(LLVMTypeOf(value)))
    return ESC_NO_LOCATION;
  intptr_t index;
  if (esc_pointer_map_get(graph->value_locations, value, &index))
    return (int)index;
  int created = add_location(graph, ESC_LOCATION_VALUE, value);
  esc_pointer_map_put(graph->value_locations, value, created);
  return created;
}

int esc_graph_variable(esc_graph *graph, LLVMValueRef alloca) {
  intptr_t index;
  if (esc_pointer_map_get(graph->variable_locations, alloca, &index))
    return (int)index;
  int created = add_location(graph, ESC_LOCATION_VARIABLE, alloca);
  esc_pointer_map_put(graph->variable_locations, alloca, created);
  return created;
}

int esc_graph_temporary(esc_graph *graph, LLVMValueRef instruction) {
  return add_location(graph, ESC_LOCATION_TEMPORARY, instruction);
}

static void add_edge(esc_graph *graph, int destination, int source, int derefs, esc_edge_kind kind,
                     esc_reason reason, LLVMValueRef instruction) {
  if (destination == ESC_NO_LOCATION || source == ESC_NO_LOCATION)
    return;
  ESC_GROW(graph->edges, graph->edge_capacity, graph->edge_count + 1);
  int index = (int)graph->edge_count++;
  graph->edges[index] = (esc_edge){.source = source,
                                   .destination = destination,
                                   .derefs = derefs,
                                   .next_incoming = graph->locations[destination].first_incoming,
                                   .kind = kind,
                                   .reason = reason,
                                   .instruction = instruction};
  graph->locations[destination].first_incoming = index;
}

void esc_graph_flow(esc_graph *graph, int destination, int source, int derefs, esc_edge_kind kind,
                    LLVMValueRef instruction) {
  add_edge(graph, destination, source, derefs, kind, ESC_REASON_NONE, instruction);
}

void esc_graph_sink(esc_graph *graph, int sink, int source, int derefs, esc_reason reason,
                    LLVMValueRef instruction) {
  add_edge(graph, sink, source, derefs, ESC_EDGE_SINK, reason, instruction);
}

static bool type_has_pointer_within(LLVMTypeRef type, int depth) {
  if (depth > 8)
    return false;
  switch (LLVMGetTypeKind(type)) {
  case LLVMPointerTypeKind:
    return true;
  case LLVMVectorTypeKind:
  case LLVMScalableVectorTypeKind:
  case LLVMArrayTypeKind:
    return type_has_pointer_within(LLVMGetElementType(type), depth + 1);
  case LLVMStructTypeKind: {
    unsigned count = LLVMCountStructElementTypes(type);
    for (unsigned i = 0; i < count; i++)
      if (type_has_pointer_within(LLVMStructGetTypeAtIndex(type, i), depth + 1))
        return true;
    return false;
  }
  default:
    return false;
  }
}

bool esc_type_has_pointer(LLVMTypeRef type) { return type_has_pointer_within(type, 0); }
