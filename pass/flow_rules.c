/*
 * flow_rules.c — the per-instruction rules: one switch over LLVM's opcodes saying how values
 * flow (see graph.h for the model, rules.h for the split). Calls are in call_rules.c, stores'
 * targets in store_targets.c.
 *
 * Invariant: an opcode without a rule of its own is treated as the worst case (all operands
 * flow into the result and into {heap}), so a new or rare instruction can cost precision but
 * never soundness.
 */
#include "rules.h"

#include "go_mode.h"
#include "parameter_objects.h"

/* Every non-constant operand flows into the instruction's value, unchanged. */
static void flow_operands_through(esc_graph *graph, LLVMValueRef instruction, unsigned first) {
  int result = esc_graph_value(graph, instruction);
  unsigned count = (unsigned)LLVMGetNumOperands(instruction);
  for (unsigned i = first; i < count; i++)
    esc_graph_flow(graph, result, esc_graph_value(graph, LLVMGetOperand(instruction, i)), 0,
                   ESC_EDGE_COPY, instruction);
}

/* The local variable the pointer turned into the integer `pointer_integer` points into. */
static LLVMValueRef pointer_integer_base(LLVMValueRef pointer_integer, esc_offset_values *offsets) {
  return esc_single_alloca_base(LLVMGetOperand(pointer_integer, 0), offsets);
}

/* `end - start` of two pointers into the same local variable (C's pointer difference) is an
 * offset within that object, made of the GEP indices that moved them (offsets): whoever adds it
 * to an address must already hold one into the object, so the pointers' own addresses do not
 * flow into it, only what the indices carry (`buf + ((char *)&y - buf)` minus buf is an address
 * difference again). A difference of addresses of two different objects carries an address:
 * `&b + ((uintptr_t)a - (uintptr_t)&b)` is a. */
static bool is_offset_within_one_local(LLVMValueRef instruction, esc_offset_values *offsets) {
  if (!esc_is_difference_of_pointers(instruction))
    return false;
  offsets->count = 0;
  LLVMValueRef base = pointer_integer_base(LLVMGetOperand(instruction, 0), offsets);
  return base && base == pointer_integer_base(LLVMGetOperand(instruction, 1), offsets);
}

/* A scalar read from memory that is at most half an address wide is data: it cannot hold a
 * whole one (a deliberate assumption, documented in docs/design.md: code that splits pointers
 * into halves in memory and rebuilds them is not supported). This is what keeps `s->count++`
 * through a parameter from leaking everything s points to. Anything wider may hold a whole
 * address — a 48-bit bitfield does on x86-64 — and a double may too (NaN-boxing). */
static bool loaded_type_holds_address(const esc_graph *graph, LLVMTypeRef type) {
  unsigned half_pointer_bits = graph->pointer_bits / 2;
  switch (LLVMGetTypeKind(type)) {
  case LLVMIntegerTypeKind:
    return LLVMGetIntTypeWidth(type) > half_pointer_bits;
  case LLVMHalfTypeKind:
  case LLVMBFloatTypeKind:
    return 16 > half_pointer_bits;
  case LLVMFloatTypeKind:
    return 32 > half_pointer_bits;
  default:
    return true;
  }
}

/* A store that may put an address at an offset that is not a multiple of the address size (a
 * field of a packed struct: clang gives it a smaller alignment) hides it from the collector, which
 * reads memory one aligned word at a time: what it stores is pinned (docs/design.md, "Pinning"). */
static bool store_may_be_misaligned(const esc_graph *graph, LLVMValueRef store) {
  LLVMTypeRef stored = LLVMTypeOf(LLVMGetOperand(store, 0));
  return LLVMGetAlignment(store) * 8 < graph->pointer_bits &&
         loaded_type_holds_address(graph, stored);
}

static void build_instruction(esc_graph *graph, LLVMValueRef instruction,
                              const esc_summary_table *summaries) {
  int self = esc_graph_value(graph, instruction);
  switch (LLVMGetInstructionOpcode(instruction)) {
  case LLVMAlloca:
    /* p = &x: the alloca's value is its variable's address. */
    esc_graph_flow(graph, self, esc_graph_variable(graph, instruction), -1, ESC_EDGE_ADDRESS_OF,
                   instruction);
    return;

  case LLVMLoad:
    if (!loaded_type_holds_address(graph, LLVMTypeOf(instruction)))
      return;
    esc_graph_flow(graph, self, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 1,
                   ESC_EDGE_LOAD, instruction);
    return;

  case LLVMStore:
    if (graph->go && esc_is_self_assignment(instruction))
      return; /* gc's rule: storing back what the same object held changes no lifetime */
    if (graph->go && LLVMIsAFunction(LLVMGetOperand(instruction, 0)))
      esc_go_flow_closure_context(graph, instruction, summaries); /* making a closure */
    esc_flow_into_memory(graph, LLVMGetOperand(instruction, 1),
                         esc_graph_value(graph, LLVMGetOperand(instruction, 0)), ESC_EDGE_ASSIGN,
                         instruction);
    if (store_may_be_misaligned(graph, instruction))
      esc_graph_sink(graph, ESC_HIDDEN, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 0,
                     ESC_REASON_NONE, instruction);
    return;

  case LLVMAtomicRMW: /* *p = op(*p, v), result = old *p */
    esc_flow_into_memory(graph, LLVMGetOperand(instruction, 0),
                         esc_graph_value(graph, LLVMGetOperand(instruction, 1)), ESC_EDGE_ASSIGN,
                         instruction);
    esc_graph_flow(graph, self, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 1,
                   ESC_EDGE_LOAD, instruction);
    return;

  case LLVMAtomicCmpXchg: /* *p = new (maybe), result = {old *p, ok} */
    esc_flow_into_memory(graph, LLVMGetOperand(instruction, 0),
                         esc_graph_value(graph, LLVMGetOperand(instruction, 2)), ESC_EDGE_ASSIGN,
                         instruction);
    esc_graph_flow(graph, self, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 1,
                   ESC_EDGE_LOAD, instruction);
    return;

  case LLVMPtrToInt:
    flow_operands_through(graph, instruction, 0);
    /* Disguised (xor-linked, stored as a number, turned back into a pointer: pin it) or not
     * (compared, hashed into an index, printed): disguised_integers.c. */
    if (esc_pointer_integer_is_disguised(instruction, graph->pointer_bits))
      esc_graph_sink(graph, ESC_HIDDEN, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 0,
                     ESC_REASON_NONE, instruction);
    return;

  /* Pass-through: the result may carry any operand's address. Integer arithmetic is included
   * because a pointer may travel as an integer (ptrtoint, coerced structs). */
  case LLVMExtractValue: /* one of a Go call's several results, or a part of an aggregate */
    if (graph->go && esc_go_flow_extracted_result(graph, instruction, summaries))
      return;
    flow_operands_through(graph, instruction, 0);
    return;

  case LLVMGetElementPtr:
  case LLVMBitCast:
  case LLVMAddrSpaceCast:
  case LLVMIntToPtr:
  case LLVMTrunc:
  case LLVMZExt:
  case LLVMSExt:
  case LLVMFPToUI:
  case LLVMFPToSI:
  case LLVMUIToFP:
  case LLVMSIToFP:
  case LLVMFPTrunc:
  case LLVMFPExt:
  case LLVMFreeze:
  case LLVMPHI:
  case LLVMInsertValue:
  case LLVMExtractElement:
  case LLVMInsertElement:
  case LLVMShuffleVector:
  case LLVMAdd:
  case LLVMFAdd:
  case LLVMFSub:
  case LLVMMul:
  case LLVMFMul:
  case LLVMUDiv:
  case LLVMSDiv:
  case LLVMFDiv:
  case LLVMURem:
  case LLVMSRem:
  case LLVMFRem:
  case LLVMShl:
  case LLVMLShr:
  case LLVMAShr:
  case LLVMAnd:
  case LLVMOr:
  case LLVMXor:
  case LLVMFNeg:
    flow_operands_through(graph, instruction, 0);
    return;

  case LLVMSub: {
    esc_offset_values offsets;
    if (!is_offset_within_one_local(instruction, &offsets)) {
      flow_operands_through(graph, instruction, 0);
      return;
    }
    for (size_t i = 0; i < offsets.count; i++)
      esc_graph_flow(graph, self, esc_graph_value(graph, offsets.values[i]), 0, ESC_EDGE_COPY,
                     instruction);
    return;
  }

  case LLVMSelect: /* the condition is an i1 and carries nothing */
    flow_operands_through(graph, instruction, 1);
    return;

  case LLVMRet:
    if (LLVMGetNumOperands(instruction) > 0 && graph->result_count > 1)
      esc_go_flow_into_results(graph, LLVMGetOperand(instruction, 0), instruction);
    else if (LLVMGetNumOperands(instruction) > 0)
      esc_graph_flow(graph, ESC_RESULT, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 0,
                     ESC_EDGE_RETURN, instruction);
    return;

  case LLVMCall:
  case LLVMInvoke:
  case LLVMCallBr:
    esc_build_call(graph, instruction, summaries);
    return;

  case LLVMVAArg: /* reads the next variadic argument through the va_list */
    if (!loaded_type_holds_address(graph, LLVMTypeOf(instruction)))
      return;
    esc_graph_flow(graph, self, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 1,
                   ESC_EDGE_LOAD, instruction);
    esc_graph_flow(graph, self, esc_graph_value(graph, LLVMGetOperand(instruction, 0)), 2,
                   ESC_EDGE_LOAD, instruction);
    return;

  /* No flow: comparisons yield an i1; control flow and fences move no data. */
  case LLVMICmp:
  case LLVMFCmp:
  case LLVMBr:
  case LLVMSwitch:
  case LLVMIndirectBr:
  case LLVMUnreachable:
  case LLVMFence:
    return;

  /* Exception handling: what is thrown or caught may end up anywhere. */
  case LLVMResume:
  case LLVMLandingPad:
  case LLVMCleanupPad:
  case LLVMCatchPad:
  case LLVMCatchSwitch:
  case LLVMCleanupRet:
  case LLVMCatchRet: {
    unsigned count = (unsigned)LLVMGetNumOperands(instruction);
    for (unsigned i = 0; i < count; i++)
      esc_graph_sink(graph, ESC_HEAP, esc_graph_value(graph, LLVMGetOperand(instruction, i)), 0,
                     ESC_REASON_EXCEPTION, instruction);
    return;
  }

  default: {
    unsigned count = (unsigned)LLVMGetNumOperands(instruction);
    for (unsigned i = 0; i < count; i++)
      esc_graph_sink(graph, ESC_HEAP, esc_graph_value(graph, LLVMGetOperand(instruction, i)), 0,
                     ESC_REASON_STORED_THROUGH_POINTER, instruction);
    flow_operands_through(graph, instruction, 0);
    return;
  }
  }
}

void esc_build_graph(esc_graph *graph, const esc_summary_table *summaries) {
  for (LLVMValueRef argument = LLVMGetFirstParam(graph->function); argument;
       argument = LLVMGetNextParam(argument)) {
    int value = esc_graph_value(graph, argument);
    /* A byval copy or the sret result object is the function's own: p = &b, as for an alloca. */
    if (esc_parameter_is_object(argument))
      esc_graph_flow(graph, value, esc_graph_variable(graph, argument), -1, ESC_EDGE_ADDRESS_OF,
                     NULL);
  }
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(graph->function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction))
      build_instruction(graph, instruction, summaries);
}
