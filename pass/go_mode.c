/*
 * go_mode.c — the rules that apply only to modules from escc's Go front end (go_mode.h): the
 * module flags, Go's several results, and gc's size limits.
 *
 * Invariant: a module without the flags is never affected; in Go mode every rule here may
 * only add flows to results or the heap, never drop one (the self-assignment rule, the one
 * that drops flows, is in self_assignment.c).
 */
#include "go_mode.h"

#include "rules.h"

#include <string.h>

/* ===== Module flags =========================================================================== */

static bool md_string_is(LLVMValueRef value, const char *text) {
  if (!value || !LLVMIsAMDString(value))
    return false;
  unsigned length;
  const char *string = LLVMGetMDString(value, &length);
  return string && length == strlen(text) && memcmp(string, text, length) == 0;
}

/* Each !llvm.module.flags entry is !{i32 behaviour, !"key", value}; the C API hands the
 * operands back as values (constants unwrapped, strings as MDString). */
esc_source_mode esc_source_mode_of(LLVMModuleRef module) {
  esc_source_mode mode = {false, false};
  unsigned count = LLVMGetNamedMetadataNumOperands(module, "llvm.module.flags");
  if (count == 0)
    return mode;
  LLVMValueRef flags[count];
  LLVMGetNamedMetadataOperands(module, "llvm.module.flags", flags);
  for (unsigned i = 0; i < count; i++) {
    if (LLVMGetMDNodeNumOperands(flags[i]) != 3)
      continue;
    LLVMValueRef entry[3];
    LLVMGetMDNodeOperands(flags[i], entry);
    if (md_string_is(entry[1], "escc.source-language"))
      mode.go = md_string_is(entry[2], "go");
    else if (md_string_is(entry[1], "escc.integers-carry-no-addresses"))
      mode.integers_carry_no_addresses =
          entry[2] && LLVMIsAConstantInt(entry[2]) && LLVMConstIntGetZExtValue(entry[2]) != 0;
  }
  return mode;
}

/* ===== Results ================================================================================ */

unsigned esc_go_result_names(LLVMValueRef function, const char **names, size_t *lengths) {
  static const char key[] = "escc-results";
  LLVMAttributeRef attribute = LLVMGetStringAttributeAtIndex(
      function, (unsigned)LLVMAttributeFunctionIndex, key, sizeof key - 1);
  if (!attribute)
    return 0;
  unsigned length;
  const char *text = LLVMGetStringAttributeValue(attribute, &length);
  unsigned count = 0;
  for (unsigned start = 0; start <= length; count++) {
    unsigned end = start;
    while (end < length && text[end] != ',')
      end++;
    if (count < ESC_MAX_RESULTS) {
      names[count] = text + start;
      lengths[count] = end - start;
    }
    start = end + 1;
  }
  return count;
}

/* The result an insertvalue writes: its first index. */
static unsigned inserted_result(LLVMValueRef insert) {
  return LLVMGetNumIndices(insert) > 0 ? LLVMGetIndices(insert)[0] : 0;
}

void esc_go_flow_into_results(esc_graph *graph, LLVMValueRef value, LLVMValueRef ret) {
  while (value && LLVMIsAInsertValueInst(value)) {
    unsigned result = inserted_result(value);
    int field = esc_graph_value(graph, LLVMGetOperand(value, 1));
    if (result < graph->result_count)
      esc_graph_flow(graph, graph->result_locations[result], field, 0, ESC_EDGE_RETURN, ret);
    else /* past gc's numEscResults: a leak to the heap, as in gc */
      esc_graph_sink(graph, ESC_HEAP, field, 0, ESC_REASON_RETURNED, ret);
    value = LLVMGetOperand(value, 0);
  }
  int rest = esc_graph_value(graph, value);
  for (unsigned k = 0; k < graph->result_count; k++)
    esc_graph_flow(graph, graph->result_locations[k], rest, 0, ESC_EDGE_RETURN, ret);
}

bool esc_go_results_apart(LLVMValueRef call, const esc_function_summary *summary) {
  if (!summary || summary->result_count < 2)
    return false;
  for (LLVMUseRef use = LLVMGetFirstUse(call); use; use = LLVMGetNextUse(use))
    if (!LLVMIsAExtractValueInst(LLVMGetUser(use)))
      return false;
  return true;
}

bool esc_go_flow_extracted_result(esc_graph *graph, LLVMValueRef extract,
                                  const esc_summary_table *summaries) {
  LLVMValueRef call = LLVMGetOperand(extract, 0);
  if (!LLVMIsACallInst(call) && !LLVMIsAInvokeInst(call))
    return false;
  LLVMValueRef callee = LLVMGetCalledValue(call);
  if (!callee || !LLVMIsAFunction(callee))
    return false;
  const esc_function_summary *summary = esc_summary_for_callee(summaries, callee);
  if (!esc_go_results_apart(call, summary) || LLVMGetNumIndices(extract) == 0)
    return false;
  unsigned result = LLVMGetIndices(extract)[0];
  int self = esc_graph_value(graph, extract);
  unsigned count = LLVMGetNumArgOperands(call);
  for (unsigned i = 0; i < count && i < summary->parameter_count; i++) {
    const esc_parameter_leak *leak = &summary->parameters[i];
    int32_t derefs =
        result < ESC_MAX_RESULTS ? leak->result_derefs_of[result] : leak->result_derefs;
    if (derefs != ESC_NO_LEAK)
      esc_graph_flow(graph, self, esc_graph_value(graph, LLVMGetOperand(call, i)), derefs,
                     ESC_EDGE_CALL, call);
  }
  esc_go_flow_own_parameters(graph, call, summary, self, (int)result);
  return true;
}

void esc_go_flow_own_parameters(esc_graph *graph, LLVMValueRef call,
                                const esc_function_summary *summary, int target, int result) {
  if (LLVMGetCalledValue(call) != graph->function)
    return;
  for (unsigned i = 0; i < summary->parameter_count; i++) {
    const esc_parameter_leak *leak = &summary->parameters[i];
    int32_t derefs = result < 0 || result >= ESC_MAX_RESULTS ? leak->result_derefs
                                                             : leak->result_derefs_of[result];
    if (derefs != ESC_NO_LEAK)
      esc_graph_flow(graph, target, esc_graph_value(graph, LLVMGetParam(graph->function, i)),
                     derefs, ESC_EDGE_CALL, call);
  }
}

/* The fewest derefs with which a value reaches the heap or a result of its function. */
static int32_t reach_of(const esc_graph *graph, LLVMValueRef value) {
  intptr_t index;
  if (!esc_pointer_map_get(graph->value_locations, value, &index))
    return ESC_NO_LEAK;
  const esc_location *location = &graph->locations[index];
  return location->heap_derefs < location->result_derefs ? location->heap_derefs
                                                         : location->result_derefs;
}

static bool lower_heap_leak(esc_parameter_leak *leak, int32_t through_result, int32_t reach) {
  if (through_result == ESC_NO_LEAK || reach == ESC_NO_LEAK ||
      through_result + reach >= leak->heap_derefs)
    return false;
  leak->heap_derefs = through_result + reach;
  return true;
}

/* The batch rule for one call of member `callee` (summary) from graph's function. */
static bool batch_leaks_of_call(const esc_graph *graph, LLVMValueRef call,
                                esc_function_summary *summary) {
  bool changed = false;
  if (esc_go_results_apart(call, summary)) {
    for (LLVMUseRef use = LLVMGetFirstUse(call); use; use = LLVMGetNextUse(use)) {
      LLVMValueRef extract = LLVMGetUser(use);
      unsigned result = LLVMGetNumIndices(extract) ? LLVMGetIndices(extract)[0] : 0;
      int32_t reach = reach_of(graph, extract);
      for (unsigned i = 0; i < summary->parameter_count; i++) {
        esc_parameter_leak *leak = &summary->parameters[i];
        changed |= lower_heap_leak(
            leak, result < ESC_MAX_RESULTS ? leak->result_derefs_of[result] : leak->result_derefs,
            reach);
      }
    }
    return changed;
  }
  int32_t reach = reach_of(graph, call);
  for (unsigned i = 0; i < summary->parameter_count; i++)
    changed |=
        lower_heap_leak(&summary->parameters[i], summary->parameters[i].result_derefs, reach);
  return changed;
}

bool esc_go_batch_leaks(const esc_graph *graph, LLVMValueRef const *scc_functions, size_t count,
                        esc_function_summary **summaries) {
  bool changed = false;
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(graph->function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      if (!LLVMIsACallInst(instruction) && !LLVMIsAInvokeInst(instruction))
        continue;
      LLVMValueRef callee = LLVMGetCalledValue(instruction);
      for (size_t j = 0; j < count; j++)
        if (callee == scc_functions[j] && callee != graph->function)
          changed |= batch_leaks_of_call(graph, instruction, summaries[j]);
    }
  return changed;
}

/* ===== Closures =============================================================================== */

/* The pointer without GEPs whose indices are all zero (the address of a first field). */
static LLVMValueRef strip_zero_offsets(LLVMValueRef pointer) {
  while (pointer && LLVMIsAGetElementPtrInst(pointer)) {
    unsigned count = (unsigned)LLVMGetNumOperands(pointer);
    for (unsigned i = 1; i < count; i++) {
      LLVMValueRef index = LLVMGetOperand(pointer, i);
      if (!LLVMIsAConstantInt(index) || LLVMConstIntGetZExtValue(index) != 0)
        return pointer;
    }
    pointer = LLVMGetOperand(pointer, 0);
  }
  return pointer;
}

bool esc_go_is_closure_call(LLVMValueRef call) {
  LLVMValueRef callee = LLVMGetCalledValue(call);
  if (!callee || !LLVMIsALoadInst(callee) || LLVMGetNumArgOperands(call) == 0)
    return false;
  LLVMValueRef context = LLVMGetOperand(call, 0);
  return strip_zero_offsets(LLVMGetOperand(callee, 0)) == strip_zero_offsets(context);
}

void esc_go_flow_closure_context(esc_graph *graph, LLVMValueRef store,
                                 const esc_summary_table *summaries) {
  LLVMValueRef function = LLVMGetOperand(store, 0);
  int object = esc_graph_value(graph, LLVMGetOperand(store, 1));
  const esc_function_summary *summary = esc_summary_for_callee(summaries, function);
  if (!summary || summary->parameter_count == 0) {
    esc_graph_sink(graph, ESC_HEAP, object, 0, ESC_REASON_INDIRECT_CALL, store);
    return;
  }
  esc_parameter_leak context = summary->parameters[0];
  if (context.heap_derefs != ESC_NO_LEAK)
    esc_graph_sink(graph, ESC_HEAP, object, context.heap_derefs, ESC_REASON_CALLEE_LEAKS_PARAMETER,
                   store);
  if (context.result_derefs != ESC_NO_LEAK)
    esc_graph_sink(graph, ESC_HEAP, object, context.result_derefs,
                   ESC_REASON_CALLEE_LEAKS_PARAMETER, store);
  if (context.hidden_derefs != ESC_NO_LEAK)
    esc_graph_sink(graph, ESC_HIDDEN, object, context.hidden_derefs, ESC_REASON_NONE, store);
}

/* ===== Size limits ============================================================================ */

enum {
  GO_MAX_STACK_VARIABLE = 10 * 1024 * 1024,  /* ir.MaxStackVarSize */
  GO_MAX_IMPLICIT_STACK_VARIABLE = 64 * 1024 /* ir.MaxImplicitStackVarSize */
};

static bool too_large_for_stack(LLVMTargetDataRef data_layout, LLVMValueRef alloca, bool site) {
  LLVMValueRef count = LLVMGetOperand(alloca, 0);
  if (!LLVMIsAConstantInt(count))
    return true; /* make([]T, n) with n unknown: gc's "non-constant size" */
  unsigned long long bytes = LLVMABISizeOfType(data_layout, LLVMGetAllocatedType(alloca)) *
                             LLVMConstIntGetZExtValue(count);
  return bytes > (site ? GO_MAX_IMPLICIT_STACK_VARIABLE : GO_MAX_STACK_VARIABLE);
}

void esc_go_size_limits(esc_graph *graph, LLVMTargetDataRef data_layout,
                        esc_alloca_predicate is_site, void *context) {
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(graph->function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction))
      if (LLVMIsAAllocaInst(instruction) &&
          too_large_for_stack(data_layout, instruction, is_site(instruction, context)))
        esc_graph_sink(graph, ESC_HEAP, esc_graph_value(graph, instruction), 0,
                       ESC_REASON_TOO_LARGE, instruction);
}
