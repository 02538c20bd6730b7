/*
 * solve.c — the walk that decides (after Go's escape/solve.go).
 *
 * From each root, walk the edges backwards, keeping for every location the fewest derefs with
 * which its value reaches the root (a shortest-path walk over weights -1, 0, +1, ...):
 *   - a location reached with derefs < 0 has its *address* reach the root; if it is a local
 *     variable and the root outlives the function ({heap}, ~r0), the variable escapes;
 *   - walking on from such a location uses derefs 0: for "root = &l; l = x", x's value
 *     reaches the root but x's address does not — the bound that keeps the walk finite;
 *   - a parameter reached with derefs d leaks to that root with d (its summary tag).
 * Roots, in order: {heap}; ~r0 (and a Go function's further results); every variable found
 * escaping from ~r0 (now on the heap, everything stored in it reaches {heap} too); every variable
 * that outlives another one (Go's loop-depth rule with C's scopes: a variable whose address
 * reaches a variable of an enclosing scope escapes, "stored-in-outer-scope", and is then a
 * {heap} root too); {hidden} (addresses turned into data the collector cannot trace: those
 * variables are pinned if promoted).
 *
 * Invariant: derefs never drop below -1 and only ever decrease during one walk, so each walk
 * terminates; a variable's escapes flag, once set, stays set.
 */
#include "solve.h"

#include "memory.h"
#include "scopes.h"

#include <stdlib.h>

typedef enum { WALK_HEAP, WALK_RESULT, WALK_SCOPE, WALK_HIDDEN } walk_mode;

typedef struct {
  int *items;
  size_t capacity, head, count;
} location_queue;

static void queue_push(location_queue *queue, int location) {
  if (queue->count == queue->capacity) {
    size_t grown = queue->capacity ? queue->capacity * 2 : 64;
    int *items = esc_xmalloc(grown * sizeof *items);
    for (size_t i = 0; i < queue->count; i++)
      items[i] = queue->items[(queue->head + i) % queue->capacity];
    free(queue->items);
    queue->items = items;
    queue->capacity = grown;
    queue->head = 0;
  }
  queue->items[(queue->head + queue->count) % queue->capacity] = location;
  queue->count++;
}

static int queue_pop(location_queue *queue) {
  int location = queue->items[queue->head];
  queue->head = (queue->head + 1) % queue->capacity;
  queue->count--;
  return location;
}

/* Remember how the variable's address reached the root: the edges from it to the root. */
static void record_chain(esc_graph *graph, int variable) {
  esc_location *location = &graph->locations[variable];
  location->chain_offset = (int)graph->chain_count;
  int current = variable;
  size_t guard = graph->location_count;
  while (graph->locations[current].parent_edge >= 0 && guard-- > 0) {
    int edge = graph->locations[current].parent_edge;
    ESC_GROW(graph->chain_edges, graph->chain_capacity, graph->chain_count + 1);
    graph->chain_edges[graph->chain_count++] = edge;
    current = graph->edges[edge].destination;
  }
  location->chain_length = (int)graph->chain_count - location->chain_offset;
}

/* A value reached from a root: a parameter's leak (its summary tag); for other values (the
 * results of calls) Go mode's batch rule reads it (go_mode.c). A scope walk leaks nothing: it
 * only finds variables that outlive their holders. */
static void note_value_leak(esc_location *location, walk_mode mode, unsigned result, int derefs) {
  if (location->kind != ESC_LOCATION_VALUE || mode == WALK_SCOPE)
    return;
  if (mode == WALK_RESULT) {
    if (derefs < location->result_derefs)
      location->result_derefs = derefs;
    if (derefs < location->result_derefs_of[result])
      location->result_derefs_of[result] = derefs;
  } else if (mode == WALK_HEAP) {
    if (derefs < location->heap_derefs)
      location->heap_derefs = derefs;
  } else if (derefs < location->hidden_derefs) {
    location->hidden_derefs = derefs;
  }
}

/* The scope a variable lives in when it holds an address: its declared scope, else (a
 * temporary, whose first use may be deeper than its real life) the whole function. */
static LLVMMetadataRef holder_scope(const esc_graph *graph, const esc_location *holder) {
  return holder->scope_declared ? holder->scope : esc_function_scope(graph->function);
}

/* Whether variable holder outlives variable held: held's scope is nested in holder's. */
static bool outlives(const esc_graph *graph, int holder, int held) {
  const esc_location *inner = &graph->locations[held];
  if (!inner->scope)
    return false;
  LLVMContextRef context = LLVMGetModuleContext(LLVMGetGlobalParent(graph->function));
  return esc_scope_strictly_encloses(context, holder_scope(graph, &graph->locations[holder]),
                                     inner->scope);
}

/* A variable whose address reached the root. Returns true when it newly escapes. */
static bool reach_address(esc_graph *graph, int root, int index, walk_mode mode) {
  esc_location *location = &graph->locations[index];
  if (location->kind != ESC_LOCATION_VARIABLE)
    return false;
  if (mode == WALK_HIDDEN) {
    location->hidden = true;
    return false;
  }
  if (mode == WALK_SCOPE && !outlives(graph, root, index))
    return false;
  if (location->escapes)
    return false;
  location->escapes = true;
  location->reason = location->root_reason;
  record_chain(graph, index);
  return true;
}

/* Walk from root; for WALK_RESULT, root is result number `result`. */
static void walk(esc_graph *graph, int root, walk_mode mode, unsigned result,
                 esc_reason root_reason, location_queue *queue, location_queue *new_roots) {
  unsigned generation = ++graph->walk_generation;
  esc_location *start = &graph->locations[root];
  start->walk_generation = generation;
  start->derefs = 0;
  start->parent_edge = -1;
  start->root_reason = root_reason;
  start->queued = true;
  queue_push(queue, root);
  while (queue->count > 0) {
    int current = queue_pop(queue);
    esc_location *location = &graph->locations[current];
    location->queued = false;
    int derefs = location->derefs;
    if (derefs < 0) {
      if (reach_address(graph, root, current, mode) && (mode == WALK_RESULT || mode == WALK_SCOPE))
        queue_push(new_roots, current);
      derefs = 0;
    }
    note_value_leak(location, mode, result, derefs);
    for (int e = location->first_incoming; e >= 0; e = graph->edges[e].next_incoming) {
      const esc_edge *edge = &graph->edges[e];
      esc_location *source = &graph->locations[edge->source];
      int reached = derefs + edge->derefs;
      if (source->walk_generation == generation && source->derefs <= reached)
        continue;
      source->walk_generation = generation;
      source->derefs = reached;
      source->parent_edge = e;
      source->root_reason = (current == root && root_reason == ESC_REASON_NONE)
                                ? edge->reason
                                : graph->locations[current].root_reason;
      if (!source->queued) {
        source->queued = true;
        queue_push(queue, edge->source);
      }
    }
  }
}

/* Whether some variable of the graph lives in a scope nested in holder's: only then can holder
 * outlive what it points to. */
static bool may_outlive_another(const esc_graph *graph, int holder) {
  const esc_location *location = &graph->locations[holder];
  if (location->kind != ESC_LOCATION_VARIABLE || !holder_scope(graph, location))
    return false;
  for (size_t i = 0; i < graph->location_count; i++)
    if (graph->locations[i].kind == ESC_LOCATION_VARIABLE && outlives(graph, holder, (int)i))
      return true;
  return false;
}

/* Walks from every escaped variable in escaped as a {heap} root: it is on the heap now, so
 * everything stored in it is. */
static void walk_escaped(esc_graph *graph, location_queue *escaped, location_queue *queue) {
  while (escaped->count > 0) {
    int variable = queue_pop(escaped);
    walk(graph, variable, WALK_HEAP, 0, graph->locations[variable].reason, queue, NULL);
  }
}

void esc_solve(esc_graph *graph) {
  location_queue queue = {0}, escaped_from_result = {0};
  walk(graph, ESC_HEAP, WALK_HEAP, 0, ESC_REASON_NONE, &queue, NULL);
  for (unsigned k = 0; k < graph->result_count; k++)
    walk(graph, graph->result_locations[k], WALK_RESULT, k, ESC_REASON_RETURNED, &queue,
         &escaped_from_result);
  walk_escaped(graph, &escaped_from_result, &queue);
  size_t variable_count = graph->location_count;
  for (size_t holder = 0; holder < variable_count; holder++) {
    if (!may_outlive_another(graph, (int)holder))
      continue;
    walk(graph, (int)holder, WALK_SCOPE, 0, ESC_REASON_STORED_IN_OUTER_SCOPE, &queue,
         &escaped_from_result);
    walk_escaped(graph, &escaped_from_result, &queue);
  }
  walk(graph, ESC_HIDDEN, WALK_HIDDEN, 0, ESC_REASON_NONE, &queue, NULL);
  free(queue.items);
  free(escaped_from_result.items);
}
