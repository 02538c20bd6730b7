/*
 * graph.h — the location graph of one function, the model of escc's analysis (after Go's
 * escape analysis, cmd/compile/internal/escape).
 *
 * A location is something that can hold an address:
 *   {heap}     memory that outlives the function: globals, the caller's memory, other
 *              threads, anything the analysis cannot see;
 *   ~r0        the function's result (a Go function with several results has one location
 *              per result, ~r0 being the first);
 *   {hidden}   places where an address stops looking like a pointer (integers used for more
 *              than a compare, inline asm): reaching it means "pin the object if promoted";
 *   a value    one SSA value (instruction result or argument) of any type — pointers travel in
 *              integers and coerced structs too;
 *   a variable the memory of one alloca (what is stored in it);
 *   a temporary an intermediate such as "*src" of a memcpy.
 * An edge "dst <- src (derefs)" says the value of src, dereferenced derefs times, flows into
 * dst: p = &x is -1 (the alloca's value is the variable's address), p = q is 0, p = *q is +1.
 * An alloca escapes when its variable reaches {heap} or ~r0 with derefs < 0 along some path.
 *
 * Invariant: locations 0, 1 and 2 are {heap}, ~r0 and {hidden}; every edge's source and
 * destination are valid indices; a value has at most one location.
 */
#ifndef ESCC_GRAPH_H
#define ESCC_GRAPH_H

#include "escape.h"
#include "pointer_map.h"

typedef enum {
  ESC_LOCATION_HEAP,
  ESC_LOCATION_RESULT,
  ESC_LOCATION_HIDDEN,
  ESC_LOCATION_VALUE,
  ESC_LOCATION_VARIABLE,
  ESC_LOCATION_TEMPORARY,
} esc_location_kind;

enum { ESC_HEAP = 0, ESC_RESULT = 1, ESC_HIDDEN = 2, ESC_NO_LOCATION = -1 };

/* What an edge stands for, so a decision can explain itself. */
typedef enum {
  ESC_EDGE_ADDRESS_OF, /* %a = alloca: the value is the variable's address */
  ESC_EDGE_ASSIGN,     /* store into a variable */
  ESC_EDGE_LOAD,       /* load through a pointer */
  ESC_EDGE_COPY,       /* value passes through (GEP, cast, phi, select, arithmetic, ...) */
  ESC_EDGE_RETURN,     /* ret */
  ESC_EDGE_CALL,       /* argument to call result, by a summary or a library model */
  ESC_EDGE_MEMCPY,     /* *dst = *src */
  ESC_EDGE_SINK,       /* into {heap} or {hidden}; the edge's reason says why */
} esc_edge_kind;

typedef struct {
  int source;
  int destination;
  int derefs;
  int next_incoming; /* next edge into the same destination, or -1 */
  esc_edge_kind kind;
  esc_reason reason;        /* for SINK edges */
  LLVMValueRef instruction; /* where the flow happens (for places and notes) */
} esc_edge;

typedef struct {
  esc_location_kind kind;
  LLVMValueRef value; /* the SSA value (VALUE), the alloca (VARIABLE), the instruction
                         that made it (TEMPORARY); NULL for the three roots */
  int first_incoming; /* head of the list of edges into this location, or -1 */
  /* --- state of the solver (solve.c) --- */
  unsigned walk_generation;
  int derefs;
  int parent_edge; /* edge by which the current walk reached this location */
  esc_reason root_reason;
  bool queued;
  bool escapes;      /* VARIABLE: its address reaches {heap} or ~r0 */
  bool hidden;       /* VARIABLE: its address reaches {hidden} */
  esc_reason reason; /* VARIABLE: why it escapes */
  /* VALUE: min derefs with which it reaches {heap}, any result, result K (Go), {hidden}, or
   * ESC_NO_LEAK; an argument's are its summary tags, a call's feed Go's batch rule. */
  int32_t heap_derefs;
  int32_t result_derefs;
  int32_t result_derefs_of[ESC_MAX_RESULTS];
  int32_t hidden_derefs;
  LLVMMetadataRef scope; /* VARIABLE: its source scope (esc_variable_scopes), or NULL */
  bool scope_declared;   /* VARIABLE: the scope is its DILocalVariable's, not a first use's */
  int chain_offset;      /* VARIABLE that escapes: its explanation, chain_length edges in */
  int chain_length;      /* esc_graph.chain_edges from the variable towards the sink */
} esc_location;

typedef struct {
  LLVMValueRef function;
  unsigned pointer_bits; /* width of an address in this module's data layout */
  esc_location *locations;
  size_t location_count, location_capacity;
  esc_edge *edges;
  size_t edge_count, edge_capacity;
  esc_pointer_map *value_locations;    /* LLVMValueRef -> VALUE location */
  esc_pointer_map *variable_locations; /* alloca -> VARIABLE location */
  int *chain_edges; /* explanations of escaping variables (see esc_location.chain_offset) */
  size_t chain_count, chain_capacity;
  unsigned walk_generation;
  /* Go mode (go_mode.h): gc's rules apply (self-assignments move nothing); integer values hold
   * no address, so they get no location; results K = 0..result_count-1 each have a location
   * (result_locations[0] is ESC_RESULT). */
  bool go;
  bool integers_carry_no_addresses;
  unsigned result_count;
  int result_locations[ESC_MAX_RESULTS];
} esc_graph;

void esc_graph_init(esc_graph *graph, LLVMValueRef function, unsigned pointer_bits);
/* Go mode (go_mode.h): gc's rules; integers hold no address; result_count results. */
void esc_graph_set_go_mode(esc_graph *graph, bool go, bool integers_carry_no_addresses,
                           unsigned result_count);
void esc_graph_destroy(esc_graph *graph);

/* The value's location, created on first use; ESC_NO_LOCATION for values that cannot carry an
 * address (constants, which never hold an alloca's address, and void/label/metadata/token; in Go
 * mode also values whose type holds no pointer). */
int esc_graph_value(esc_graph *graph, LLVMValueRef value);
/* The memory of an alloca. */
int esc_graph_variable(esc_graph *graph, LLVMValueRef alloca);
int esc_graph_temporary(esc_graph *graph, LLVMValueRef instruction);

/* Whether a value of this type holds a pointer: pointers, and vectors, arrays and structs with
 * one inside (llvm.masked.scatter's <N x ptr>, a struct parameter). Integers that may carry an
 * address are tracked anyway; this answers only "is there a pointer in the type". */
bool esc_type_has_pointer(LLVMTypeRef type);

/* Add "destination <- source (derefs)". Ignored when either side is ESC_NO_LOCATION. */
void esc_graph_flow(esc_graph *graph, int destination, int source, int derefs, esc_edge_kind kind,
                    LLVMValueRef instruction);
/* Add "{heap} <- source (derefs)" (or {hidden}) with the reason it escapes. */
void esc_graph_sink(esc_graph *graph, int sink, int source, int derefs, esc_reason reason,
                    LLVMValueRef instruction);

#endif /* ESCC_GRAPH_H */
