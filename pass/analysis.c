/*
 * analysis.c — escc's escape analysis over a whole module, and the results it hands out.
 *
 * The model (graph.h) and the walk (solve.c) follow Go's escape analysis; the two invariants
 * it protects are Go's too:
 *   1. a pointer to a stack object is never stored where it can outlive the function
 *      ({heap}: globals, the caller's memory, other threads, unknown code);
 *   2. a pointer to a stack object never outlives it through the result.
 * Every alloca whose address could break either is decided ESC_DECISION_HEAP.
 *
 * Functions are solved bottom-up over the SCCs of the call graph (callgraph.c). Inside a
 * recursive SCC, every member starts from the optimistic summary "no parameter leaks" and the
 * members are re-solved until no summary changes (summaries only grow, so this terminates at
 * the least fixpoint); a final round then records decisions with the settled summaries. The
 * analysis is field-, type- and flow-insensitive, and treats every caller as unknown.
 *
 * Invariant: the module is left exactly as it was found (debug format included); results own
 * all their strings (arena) and point into the module only through esc_allocation.alloca.
 */
#include "callgraph.h"
#include "debuginfo.h"
#include "explain.h"
#include "go_mode.h"
#include "graph_export.h"
#include "leak_attributes.h"
#include "llvm_compat.h"
#include "memory.h"
#include "parameter_objects.h"
#include "rules.h"
#include "scopes.h"
#include "solve.h"

#include <llvm-c/Target.h>
#include <stdlib.h>
#include <string.h>

struct esc_analysis {
  esc_arena *arena;
  esc_allocation *allocations;
  size_t allocation_count, allocation_capacity;
  esc_parameter *parameters;
  size_t parameter_count, parameter_capacity;
  esc_function_graph *graphs; /* only with keep_graphs */
  size_t graph_count, graph_capacity;
  esc_summary summary;
  const char *module_name;
  bool go; /* the module came from the Go front end */
};

typedef struct {
  esc_analysis *analysis;
  const esc_analysis_options *options;
  esc_summary_table *summaries;
  LLVMTargetDataRef data_layout;
  unsigned pointer_bits;
  esc_source_mode mode;
} module_context;

/* ===================== Facts about one alloca ===================== */

/* Used only as the address of loads and stores (directly, or through GEPs and casts that are
 * used that way), by memory intrinsics, or by lifetime/debug markers: the address itself
 * never goes anywhere. */
static bool address_used_only_for_access(LLVMValueRef pointer, int depth) {
  for (LLVMUseRef use = LLVMGetFirstUse(pointer); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsALoadInst(user))
      continue;
    if (LLVMIsAStoreInst(user) && LLVMGetOperand(user, 0) != pointer)
      continue;
    if (esc_is_marker_intrinsic(user) || esc_is_debug_intrinsic(user))
      continue;
    if (LLVMIsAMemIntrinsic(user))
      continue;
    if ((LLVMIsAGetElementPtrInst(user) || LLVMIsABitCastInst(user)) && depth < 8 &&
        address_used_only_for_access(user, depth + 1))
      continue;
    return false;
  }
  return true;
}

static bool alloca_is_dynamic(LLVMValueRef alloca) {
  LLVMValueRef count = LLVMGetOperand(alloca, 0);
  LLVMBasicBlockRef entry =
      LLVMGetEntryBasicBlock(LLVMGetBasicBlockParent(LLVMGetInstructionParent(alloca)));
  return !LLVMIsAConstantInt(count) || LLVMGetInstructionParent(alloca) != entry;
}

static uint64_t alloca_size(module_context *context, LLVMValueRef alloca) {
  uint64_t element = LLVMABISizeOfType(context->data_layout, LLVMGetAllocatedType(alloca));
  LLVMValueRef count = LLVMGetOperand(alloca, 0);
  if (!LLVMIsAConstantInt(count))
    return 0;
  return element * LLVMConstIntGetZExtValue(count);
}

/* ===================== Recording results ===================== */

/* Places point into the module's metadata until copied here: the analysis outlives a rewrite. */
static void own_place(esc_analysis *analysis, esc_source_place *place) {
  place->file = esc_arena_strdup(analysis->arena, place->file);
  place->directory = esc_arena_strdup(analysis->arena, place->directory);
}

static esc_allocation *new_allocation(esc_analysis *analysis) {
  ESC_GROW(analysis->allocations, analysis->allocation_capacity, analysis->allocation_count + 1);
  return &analysis->allocations[analysis->allocation_count++];
}

/* Decides heap or stack for an allocation whose facts are filled in, from its variable in the
 * solved graph, and counts it. */
static void decide(module_context *context, const esc_graph *graph, esc_allocation *allocation,
                   esc_names *names) {
  esc_analysis *analysis = context->analysis;
  analysis->summary.allocas++;
  if (allocation->address_taken)
    analysis->summary.address_taken++;
  intptr_t index;
  const esc_location *variable = NULL;
  if (esc_pointer_map_get(graph->variable_locations, allocation->alloca, &index))
    variable = &graph->locations[index];
  allocation->address_hidden = variable && variable->hidden;
  if (variable && variable->escapes) {
    allocation->decision = ESC_DECISION_HEAP;
    allocation->reason = variable->reason;
    esc_flow_step *steps =
        esc_explain_escape(graph, (int)index, names, analysis->arena, &allocation->flow_count);
    for (size_t i = 0; i < allocation->flow_count; i++)
      own_place(analysis, &steps[i].place);
    allocation->flow = steps;
  } else if (context->options->promote_all && allocation->address_taken) {
    allocation->decision = ESC_DECISION_HEAP;
    allocation->reason = ESC_REASON_PROMOTE_ALL;
  }
  if (allocation->decision == ESC_DECISION_HEAP)
    analysis->summary.promoted++;
}

static void record_allocation(module_context *context, const esc_graph *graph, LLVMValueRef alloca,
                              const char *function_name, esc_names *names) {
  esc_analysis *analysis = context->analysis;
  esc_allocation *allocation = new_allocation(analysis);
  *allocation = (esc_allocation){.alloca = alloca, .function = function_name};
  allocation->variable =
      esc_arena_strdup(analysis->arena, esc_names_variable(names, alloca, &allocation->place));
  own_place(analysis, &allocation->place);
  allocation->size = alloca_size(context, alloca);
  allocation->alignment = LLVMGetAlignment(alloca);
  allocation->is_dynamic = alloca_is_dynamic(alloca);
  allocation->address_taken = !address_used_only_for_access(alloca, 0);
  allocation->declared = esc_names_variable_is_declared(names, alloca);
  allocation->allocation_site = context->mode.go && esc_names_variable_is_site(names, alloca);
  decide(context, graph, allocation, names);
}

/* A byval copy or the sret result object whose address escapes becomes an allocation of its own
 * (esc_allocation.alloca is then the parameter); one that does not stays out of the results,
 * which list allocas. */
static void record_parameter_object(module_context *context, const esc_graph *graph,
                                    LLVMValueRef argument, const char *function_name,
                                    esc_names *names) {
  intptr_t index;
  if (!esc_pointer_map_get(graph->variable_locations, argument, &index) ||
      !graph->locations[index].escapes)
    return;
  esc_analysis *analysis = context->analysis;
  esc_allocation *allocation = new_allocation(analysis);
  *allocation = (esc_allocation){.alloca = argument, .function = function_name};
  allocation->variable =
      esc_arena_strdup(analysis->arena, esc_names_variable(names, argument, &allocation->place));
  own_place(analysis, &allocation->place);
  allocation->size = esc_parameter_object_size(argument, context->data_layout);
  allocation->alignment = esc_parameter_object_alignment(argument, context->data_layout);
  allocation->address_taken = true;
  allocation->declared = esc_names_parameter_is_declared(names, argument);
  decide(context, graph, allocation, names);
}

/* A parameter's place in the final graph: whether a parameter variable it is stored into (its
 * slot; the Go front end may have two, the spill and go/ssa's Alloc) escapes, and its leaks to
 * each of a Go function's results. */
static void record_parameter_graph_facts(const esc_graph *graph, LLVMValueRef argument,
                                         esc_names *names, esc_parameter *parameter) {
  intptr_t index;
  parameter->moved_to_heap = false;
  for (LLVMUseRef use = LLVMGetFirstUse(argument); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    LLVMValueRef slot = LLVMIsAStoreInst(user) ? LLVMGetOperand(user, 1) : NULL;
    /* The debug-info test last: it prints the variable's node, which costs a walk over the
     * whole module's metadata (quadratic on a whole program). */
    if (slot && LLVMGetOperand(user, 0) == argument && LLVMIsAAllocaInst(slot) &&
        esc_pointer_map_get(graph->variable_locations, slot, &index) &&
        graph->locations[index].escapes && esc_names_variable_is_parameter(names, slot))
      parameter->moved_to_heap = true;
  }
  for (unsigned k = 0; k < ESC_MAX_RESULTS; k++)
    parameter->result_derefs_of[k] = ESC_NO_LEAK;
  if (esc_pointer_map_get(graph->value_locations, argument, &index))
    for (unsigned k = 0; k < graph->result_count; k++)
      parameter->result_derefs_of[k] = graph->locations[index].result_derefs_of[k];
}

/* gc's names of the function's results: the "escc-results" attribute, else ~r0, ~r1, ... */
static void name_results(module_context *context, LLVMValueRef function, unsigned result_count,
                         const char **result_names) {
  const char *names[ESC_MAX_RESULTS];
  size_t lengths[ESC_MAX_RESULTS];
  unsigned named = esc_go_result_names(function, names, lengths);
  for (unsigned k = 0; k < result_count; k++)
    result_names[k] = k < named ? esc_arena_strndup(context->analysis->arena, names[k], lengths[k])
                                : esc_arena_printf(context->analysis->arena, "~r%u", k);
}

static void record_parameters(module_context *context, LLVMValueRef function,
                              const char *function_name, const esc_graph *graph,
                              const esc_function_summary *summary, esc_names *names) {
  esc_analysis *analysis = context->analysis;
  const char *result_names[ESC_MAX_RESULTS];
  name_results(context, function, graph->result_count, result_names);
  bool result_has_pointer =
      esc_type_has_pointer(LLVMGetReturnType(LLVMGlobalGetValueType(function)));
  for (LLVMValueRef argument = LLVMGetFirstParam(function); argument;
       argument = LLVMGetNextParam(argument))
    if (esc_parameter_has_attribute(argument, "sret"))
      result_has_pointer = true;
  unsigned index = 0;
  for (LLVMValueRef argument = LLVMGetFirstParam(function); argument;
       argument = LLVMGetNextParam(argument), index++) {
    ESC_GROW(analysis->parameters, analysis->parameter_capacity, analysis->parameter_count + 1);
    esc_parameter *parameter = &analysis->parameters[analysis->parameter_count++];
    *parameter = (esc_parameter){.function = function_name, .index = index};
    parameter->parameter =
        esc_arena_strdup(analysis->arena, esc_names_parameter(names, argument, &parameter->place));
    own_place(analysis, &parameter->place);
    /* The sret object is the result itself, not a parameter the source shows. */
    parameter->carries_pointer = esc_type_has_pointer(LLVMTypeOf(argument)) &&
                                 !esc_parameter_has_attribute(argument, "sret");
    parameter->heap_derefs = summary->parameters[index].heap_derefs;
    parameter->result_derefs = summary->parameters[index].result_derefs;
    LLVMTypeRef copied_struct = esc_parameter_type_attribute(argument, "byval");
    if (copied_struct) {
      /* A struct passed by value: the source parameter is the struct, which holds a pointer
       * only if its type does; the copy's own address never leaves (it is moved to the heap),
       * only what the caller's struct holds can. */
      parameter->carries_pointer = esc_type_has_pointer(copied_struct);
      if (parameter->heap_derefs < 1)
        parameter->heap_derefs = 1;
      if (parameter->result_derefs < 1)
        parameter->result_derefs = 1;
    }
    parameter->result_has_pointer = result_has_pointer;
    parameter->declared = esc_names_parameter_is_declared(names, argument);
    parameter->result_count = graph->result_count;
    for (unsigned k = 0; k < graph->result_count; k++)
      parameter->result_names[k] = result_names[k];
    record_parameter_graph_facts(graph, argument, names, parameter);
  }
}

/* ===================== Solving functions ===================== */

/* ===================== Unknown code ===================== */

static bool is_inline_asm_call(LLVMValueRef instruction) {
  LLVMValueRef called = LLVMIsACallInst(instruction) ? LLVMGetCalledValue(instruction) : NULL;
  return called && LLVMIsAInlineAsm(called);
}

/* What an instruction of a function "made of inline asm" may be besides the asm: spilling the
 * parameters to their stack homes and reading them back (-O0), markers, control flow. */
static bool is_asm_scaffolding(LLVMValueRef instruction) {
  if (LLVMIsAAllocaInst(instruction) || LLVMIsALoadInst(instruction) ||
      LLVMIsAStoreInst(instruction) || LLVMIsAReturnInst(instruction) ||
      LLVMIsABranchInst(instruction) || LLVMIsAUnreachableInst(instruction))
    return true;
  return esc_is_marker_intrinsic(instruction) || esc_is_debug_intrinsic(instruction);
}

/* A `naked` function, or one whose body is inline asm only: it uses its parameters in ways the
 * IR does not show (registers read by the asm), so its parameters only look unused. */
static bool is_unknown_code(LLVMValueRef function) {
  unsigned naked = LLVMGetEnumAttributeKindForName("naked", strlen("naked"));
  if (LLVMGetEnumAttributeAtIndex(function, LLVMAttributeFunctionIndex, naked))
    return true;
  bool has_asm = false;
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      if (is_inline_asm_call(instruction))
        has_asm = true;
      else if (!is_asm_scaffolding(instruction))
        return false;
    }
  return has_asm;
}

/* Gives every variable of the graph its source scope, for the outer-scope rule (solve.c). */
static void note_variable_scopes(esc_graph *graph) {
  if (!esc_function_scope(graph->function))
    return; /* no debug info: no scopes */
  esc_variable_scopes *scopes = esc_variable_scopes_new(graph->function);
  for (size_t i = 0; i < graph->location_count; i++) {
    esc_location *location = &graph->locations[i];
    if (location->kind != ESC_LOCATION_VARIABLE)
      continue;
    esc_variable_scope scope = esc_variable_scopes_get(scopes, location->value);
    location->scope = scope.scope;
    location->scope_declared = scope.declared;
  }
  esc_variable_scopes_free(scopes);
}

/* How many results the function's graph and summary tell apart: a Go function's, else 1. */
static unsigned go_result_count(module_context *context, LLVMValueRef function) {
  const char *names[ESC_MAX_RESULTS];
  size_t lengths[ESC_MAX_RESULTS];
  unsigned count = context->mode.go ? esc_go_result_names(function, names, lengths) : 1;
  return count < 1 ? 1 : count > ESC_MAX_RESULTS ? ESC_MAX_RESULTS : count;
}

static bool is_allocation_site(LLVMValueRef alloca, void *names) {
  return esc_names_variable_is_site(names, alloca);
}

/* Go mode: gc's rules for the function's graph before and after its instructions' edges. */
static void build_go_graph(module_context *context, LLVMValueRef function, esc_graph *graph) {
  esc_graph_set_go_mode(graph, context->mode.go, context->mode.integers_carry_no_addresses,
                        go_result_count(context, function));
  esc_build_graph(graph, context->summaries);
  if (context->mode.go) {
    esc_names *variables = esc_names_for_function(function);
    esc_go_size_limits(graph, context->data_layout, is_allocation_site, variables);
    esc_go_loop_iterations(graph);
    esc_names_free(variables);
  }
}

/* Build and solve one function's graph; returns it (caller destroys) with leaks in `leaks`. */
static void solve_function(module_context *context, LLVMValueRef function, esc_graph *graph,
                           esc_parameter_leak *leaks) {
  esc_graph_init(graph, function, context->pointer_bits);
  if (context->mode.go || context->mode.integers_carry_no_addresses)
    build_go_graph(context, function, graph);
  else
    esc_build_graph(graph, context->summaries);
  note_variable_scopes(graph);
  esc_solve(graph);
  bool unknown_code = is_unknown_code(function);
  unsigned index = 0;
  for (LLVMValueRef argument = LLVMGetFirstParam(function); argument;
       argument = LLVMGetNextParam(argument), index++) {
    int location = esc_graph_value(graph, argument);
    if (location == ESC_NO_LOCATION) { /* a label parameter: nothing to leak */
      leaks[index] = esc_parameter_leak_none();
      continue;
    }
    leaks[index].heap_derefs = graph->locations[location].heap_derefs;
    leaks[index].result_derefs = graph->locations[location].result_derefs;
    leaks[index].hidden_derefs = graph->locations[location].hidden_derefs;
    for (int k = 0; k < ESC_MAX_RESULTS; k++)
      leaks[index].result_derefs_of[k] = graph->locations[location].result_derefs_of[k];
    if (unknown_code) /* as a call to inline asm: everything reachable escapes, pinned */
      leaks[index] = (esc_parameter_leak){0};
  }
}

static void record_function(module_context *context, LLVMValueRef function, const esc_graph *graph,
                            const esc_function_summary *summary) {
  esc_analysis *analysis = context->analysis;
  size_t name_length;
  const char *raw_name = LLVMGetValueName2(function, &name_length);
  const char *function_name = esc_arena_strndup(analysis->arena, raw_name, name_length);
  esc_names *names = esc_names_for_function(function);
  analysis->summary.functions++;
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction))
      if (LLVMIsAAllocaInst(instruction))
        record_allocation(context, graph, instruction, function_name, names);
  for (LLVMValueRef argument = LLVMGetFirstParam(function); argument;
       argument = LLVMGetNextParam(argument))
    if (esc_parameter_is_object(argument))
      record_parameter_object(context, graph, argument, function_name, names);
  record_parameters(context, function, function_name, graph, summary, names);
  if (context->options->keep_graphs) {
    ESC_GROW(analysis->graphs, analysis->graph_capacity, analysis->graph_count + 1);
    unsigned parameter_total = LLVMCountParams(function); /* the last records, just made */
    const esc_parameter *parameters =
        parameter_total ? &analysis->parameters[analysis->parameter_count - parameter_total] : NULL;
    esc_export_graph(graph, names, analysis->arena, function_name, parameters,
                     &analysis->graphs[analysis->graph_count++]);
  }
  esc_names_free(names);
}

/* ===== gc's batches (Go mode, go_mode.h) ===== */

typedef struct {
  const esc_scc *scc;
  esc_function_summary **summaries;
} scc_batch;

static bool is_scc_member(LLVMValueRef caller, LLVMValueRef callee, void *batch) {
  (void)caller;
  const esc_scc *scc = ((scc_batch *)batch)->scc;
  for (size_t j = 0; j < scc->count; j++)
    if (scc->functions[j] == callee)
      return true;
  return false;
}

/* In a recursive SCC the rule feeds the members' summaries, so the fixpoint settles it. */
static bool lower_member_summary(LLVMValueRef callee, unsigned parameter, int32_t derefs,
                                 void *batch) {
  const scc_batch *members = batch;
  for (size_t j = 0; j < members->scc->count; j++) {
    esc_parameter_leak *leak = &members->summaries[j]->parameters[parameter];
    if (members->scc->functions[j] == callee &&
        parameter < members->summaries[j]->parameter_count && derefs < leak->heap_derefs) {
      leak->heap_derefs = derefs;
      return true;
    }
  }
  return false;
}

/* A closure called by the function it is made in (or by another closure of it): solved and
 * recorded before its caller, and called by no one else, so the rule only changes its report. */
static bool is_closure_batch_member(LLVMValueRef caller, LLVMValueRef callee, void *context) {
  (void)context;
  return esc_go_same_batch(caller, callee);
}

static bool lower_recorded_parameter(LLVMValueRef callee, unsigned parameter, int32_t derefs,
                                     void *module) {
  esc_analysis *analysis = ((module_context *)module)->analysis;
  size_t length;
  const char *name = LLVMGetValueName2(callee, &length);
  for (size_t i = 0; i < analysis->parameter_count; i++) {
    esc_parameter *recorded = &analysis->parameters[i];
    if (recorded->index == parameter && strlen(recorded->function) == length &&
        memcmp(recorded->function, name, length) == 0 && derefs < recorded->heap_derefs) {
      recorded->heap_derefs = derefs;
      return true;
    }
  }
  return false;
}

static void solve_scc(module_context *context, const esc_scc *scc) {
  esc_function_summary **summaries = esc_xmalloc(scc->count * sizeof *summaries);
  unsigned most_parameters = 1;
  for (size_t i = 0; i < scc->count; i++) {
    summaries[i] = esc_summary_create(context->summaries, scc->functions[i]);
    summaries[i]->result_count = go_result_count(context, scc->functions[i]);
    if (summaries[i]->parameter_count > most_parameters)
      most_parameters = summaries[i]->parameter_count;
  }
  esc_parameter_leak *leaks = esc_xcalloc(most_parameters, sizeof *leaks);
  esc_graph graph;
  if (scc->recursive) {
    bool changed = true;
    while (changed) {
      changed = false;
      for (size_t i = 0; i < scc->count; i++) {
        solve_function(context, scc->functions[i], &graph, leaks);
        changed |= esc_summary_merge(summaries[i], leaks);
        if (context->mode.go)
          changed |= esc_go_batch_leaks(&graph, context->summaries, is_scc_member,
                                        lower_member_summary, &(scc_batch){scc, summaries});
        esc_graph_destroy(&graph);
      }
    }
  }
  for (size_t i = 0; i < scc->count; i++) {
    solve_function(context, scc->functions[i], &graph, leaks);
    esc_summary_merge(summaries[i], leaks);
    if (context->mode.go && !scc->recursive) /* a fixpoint would need them in the merge */
      esc_go_record_context_fields(&graph, summaries[i]);
    record_function(context, scc->functions[i], &graph, summaries[i]);
    if (context->mode.go)
      esc_go_batch_leaks(&graph, context->summaries, is_closure_batch_member,
                         lower_recorded_parameter, context);
    esc_graph_destroy(&graph);
  }
  free(leaks);
  free(summaries);
}

/* ===================== Public interface ===================== */

esc_analysis *esc_analyze_module(LLVMModuleRef module, const esc_analysis_options *options) {
  static const esc_analysis_options default_options = {0};
  esc_analysis *analysis = calloc(1, sizeof *analysis);
  if (!analysis)
    return NULL;
  analysis->arena = esc_arena_new();
  size_t name_length;
  const char *source_name = LLVMGetSourceFileName(module, &name_length);
  analysis->module_name = esc_arena_strndup(analysis->arena, source_name, name_length);
  esc_source_mode mode = esc_source_mode_of(module);
  analysis->go = mode.go;

  esc_debug_format_state format = esc_debug_format_begin(module);
  module_context context = {.analysis = analysis,
                            .options = options ? options : &default_options,
                            .summaries = esc_summary_table_new(),
                            .data_layout = LLVMCreateTargetData(LLVMGetDataLayoutStr(module)),
                            .mode = mode};
  esc_load_leak_attributes(module, context.summaries);
  context.pointer_bits = LLVMPointerSize(context.data_layout) * 8;
  size_t scc_count;
  esc_scc *sccs = esc_callgraph_sccs(module, &scc_count);
  for (size_t i = 0; i < scc_count; i++)
    solve_scc(&context, &sccs[i]);
  esc_callgraph_free(sccs, scc_count);
  esc_summary_table_free(context.summaries);
  LLVMDisposeTargetData(context.data_layout);
  esc_debug_format_end(module, format);
  return analysis;
}

void esc_analysis_free(esc_analysis *analysis) {
  if (!analysis)
    return;
  free(analysis->allocations);
  free(analysis->parameters);
  free(analysis->graphs);
  esc_arena_free(analysis->arena);
  free(analysis);
}

size_t esc_analysis_allocation_count(const esc_analysis *analysis) {
  return analysis->allocation_count;
}

const esc_allocation *esc_analysis_allocation(const esc_analysis *analysis, size_t index) {
  return index < analysis->allocation_count ? &analysis->allocations[index] : NULL;
}

size_t esc_analysis_parameter_count(const esc_analysis *analysis) {
  return analysis->parameter_count;
}

const esc_parameter *esc_analysis_parameter(const esc_analysis *analysis, size_t index) {
  return index < analysis->parameter_count ? &analysis->parameters[index] : NULL;
}

esc_summary esc_analysis_summary(const esc_analysis *analysis) { return analysis->summary; }

bool esc_analysis_is_go(const esc_analysis *analysis) { return analysis->go; }

size_t esc_analysis_graph_count(const esc_analysis *analysis) { return analysis->graph_count; }

const esc_function_graph *esc_analysis_graph(const esc_analysis *analysis, size_t index) {
  return index < analysis->graph_count ? &analysis->graphs[index] : NULL;
}

const char *esc_analysis_module_name(const esc_analysis *analysis) { return analysis->module_name; }

static void spell_place(esc_analysis *analysis, esc_source_place *place,
                        const char *(*spell)(const char *, const char *, void *), void *context) {
  if (!place->file)
    return;
  const char *spelled = spell(place->file, place->directory, context);
  if (spelled)
    place->file = esc_arena_strdup(analysis->arena, spelled);
}

void esc_analysis_spell_files(esc_analysis *analysis,
                              const char *(*spell)(const char *file, const char *directory,
                                                   void *context),
                              void *context) {
  for (size_t i = 0; i < analysis->allocation_count; i++) {
    esc_allocation *allocation = &analysis->allocations[i];
    spell_place(analysis, &allocation->place, spell, context);
    /* The steps were made for this allocation alone (esc_explain_escape), so they are its. */
    esc_flow_step *steps = (esc_flow_step *)allocation->flow;
    for (size_t j = 0; j < allocation->flow_count; j++)
      spell_place(analysis, &steps[j].place, spell, context);
  }
  for (size_t i = 0; i < analysis->parameter_count; i++)
    spell_place(analysis, &analysis->parameters[i].place, spell, context);
}

const char *esc_llvm_version(void) { return ESC_LLVM_VERSION_STRING; }
