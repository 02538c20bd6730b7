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
#include "llvm_compat.h"
#include "memory.h"
#include "rules.h"
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
  esc_summary summary;
  const char *module_name;
};

typedef struct {
  esc_analysis *analysis;
  const esc_analysis_options *options;
  esc_summary_table *summaries;
  LLVMTargetDataRef data_layout;
  unsigned pointer_bits;
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

static void record_allocation(module_context *context, const esc_graph *graph, LLVMValueRef alloca,
                              const char *function_name, esc_names *names) {
  esc_analysis *analysis = context->analysis;
  ESC_GROW(analysis->allocations, analysis->allocation_capacity, analysis->allocation_count + 1);
  esc_allocation *allocation = &analysis->allocations[analysis->allocation_count++];
  *allocation = (esc_allocation){.alloca = alloca, .function = function_name};
  allocation->variable =
      esc_arena_strdup(analysis->arena, esc_names_variable(names, alloca, &allocation->place));
  own_place(analysis, &allocation->place);
  allocation->size = alloca_size(context, alloca);
  allocation->alignment = LLVMGetAlignment(alloca);
  allocation->is_dynamic = alloca_is_dynamic(alloca);
  allocation->address_taken = !address_used_only_for_access(alloca, 0);
  analysis->summary.allocas++;
  if (allocation->address_taken)
    analysis->summary.address_taken++;

  intptr_t index;
  const esc_location *variable = NULL;
  if (esc_pointer_map_get(graph->variable_locations, alloca, &index))
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

static void record_parameters(module_context *context, LLVMValueRef function,
                              const char *function_name, const esc_function_summary *summary,
                              esc_names *names) {
  esc_analysis *analysis = context->analysis;
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
    parameter->result_has_pointer = result_has_pointer;
  }
}

/* ===================== Solving functions ===================== */

/* Build and solve one function's graph; returns it (caller destroys) with leaks in `leaks`. */
static void solve_function(module_context *context, LLVMValueRef function, esc_graph *graph,
                           esc_parameter_leak *leaks) {
  esc_graph_init(graph, function, context->pointer_bits);
  esc_build_graph(graph, context->summaries);
  esc_solve(graph);
  unsigned index = 0;
  for (LLVMValueRef argument = LLVMGetFirstParam(function); argument;
       argument = LLVMGetNextParam(argument), index++) {
    int location = esc_graph_value(graph, argument);
    if (location == ESC_NO_LOCATION) { /* a label parameter: nothing to leak */
      leaks[index] = (esc_parameter_leak){ESC_NO_LEAK, ESC_NO_LEAK, ESC_NO_LEAK};
      continue;
    }
    leaks[index].heap_derefs = graph->locations[location].heap_derefs;
    leaks[index].result_derefs = graph->locations[location].result_derefs;
    leaks[index].hidden_derefs = graph->locations[location].hidden_derefs;
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
  record_parameters(context, function, function_name, summary, names);
  esc_names_free(names);
}

static void solve_scc(module_context *context, const esc_scc *scc) {
  esc_function_summary **summaries = esc_xmalloc(scc->count * sizeof *summaries);
  unsigned most_parameters = 1;
  for (size_t i = 0; i < scc->count; i++) {
    summaries[i] = esc_summary_create(context->summaries, scc->functions[i]);
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
        esc_graph_destroy(&graph);
      }
    }
  }
  for (size_t i = 0; i < scc->count; i++) {
    solve_function(context, scc->functions[i], &graph, leaks);
    esc_summary_merge(summaries[i], leaks);
    record_function(context, scc->functions[i], &graph, summaries[i]);
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

  esc_debug_format_state format = esc_debug_format_begin(module);
  module_context context = {.analysis = analysis,
                            .options = options ? options : &default_options,
                            .summaries = esc_summary_table_new(),
                            .data_layout = LLVMCreateTargetData(LLVMGetDataLayoutStr(module))};
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
