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
