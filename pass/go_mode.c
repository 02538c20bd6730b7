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
