/*
 * store_targets.c — where "*p = v" writes. The pointer is traced back through the operations
 * that keep pointing into the same object (GEP, casts, phi, select, freeze) to its bases:
 *   an alloca               -> v flows into that local variable (no escape by itself);
 *   a global                -> {heap}, stored-to-global;
 *   the sret parameter      -> ~r0: the object is the function's result, so what is stored
 *                              there is returned (a local's address: reason "returned");
 *   a byval parameter       -> v flows into that copy, the function's own (as an alloca);
 *   another parameter       -> {heap}, stored-to-parameter (caller memory);
 *   a load from a "plain" pointer slot (an alloca used only as the address of loads and
 *   stores, like clang's %p.addr) -> the bases of every value stored in that slot;
 *   anything else           -> {heap}, stored-through-pointer.
 * A GEP whose index may carry an address (integer_addresses.c) may point anywhere: {heap}.
 * The plain-slot step is what lets `struct node *cur = &a; cur->next = &b;` keep b on the
 * stack while a stays there: nothing but those stores can change what the slot holds.
 *
 * Invariant: the trace visits at most TRACE_LIMIT values; past that it gives up to {heap}, so
 * a store is never attributed to fewer targets than it may write.
 */
#include "rules.h"

#include "llvm_compat.h"
#include "parameter_objects.h"

enum { TRACE_LIMIT = 64 };

typedef struct {
  LLVMValueRef pending[TRACE_LIMIT];
  size_t pending_count;
  LLVMValueRef seen[TRACE_LIMIT];
  size_t seen_count;
  LLVMValueRef allocas[TRACE_LIMIT];
  size_t alloca_count;
  esc_reason heap_reason;     /* ESC_REASON_NONE while every base found is an alloca */
  bool into_result;           /* a base is the sret parameter */
  unsigned pointer_bits;      /* not 0: a GEP index that may carry an address points anywhere */
  esc_offset_values *offsets; /* where to collect non-constant GEP indices, or NULL */
  bool offsets_overflowed;
} store_trace;

static void note_heap(store_trace *trace, esc_reason reason) {
  if (trace->heap_reason == ESC_REASON_NONE)
    trace->heap_reason = reason;
}

/* Queue a value to trace; false when the budget is exhausted. */
static bool visit(store_trace *trace, LLVMValueRef value) {
  for (size_t i = 0; i < trace->seen_count; i++)
    if (trace->seen[i] == value)
      return true;
  if (trace->seen_count == TRACE_LIMIT) {
    note_heap(trace, ESC_REASON_STORED_THROUGH_POINTER);
    return false;
  }
  trace->seen[trace->seen_count++] = value;
  trace->pending[trace->pending_count++] = value;
  return true;
}

bool esc_is_plain_pointer_slot(LLVMValueRef alloca) {
  for (LLVMUseRef use = LLVMGetFirstUse(alloca); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsALoadInst(user))
      continue;
    if (LLVMIsAStoreInst(user) && LLVMGetOperand(user, 1) == alloca &&
        LLVMGetOperand(user, 0) != alloca)
      continue;
    if (esc_is_marker_intrinsic(user))
      continue;
    return false;
  }
  return true;
}

static void trace_loaded_pointer(store_trace *trace, LLVMValueRef load) {
  LLVMValueRef slot = LLVMGetOperand(load, 0);
  if (!LLVMIsAAllocaInst(slot) || !esc_is_plain_pointer_slot(slot)) {
    note_heap(trace, ESC_REASON_STORED_THROUGH_POINTER);
    return;
  }
  for (LLVMUseRef use = LLVMGetFirstUse(slot); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsAStoreInst(user) && !visit(trace, LLVMGetOperand(user, 0)))
      return;
  }
}

/* A GEP's indices move the pointer within its base, unless one carries an address: then
 * `buf + ((char *)&y - buf)` is &y, and the pointer may point anywhere. */
static void trace_indices(store_trace *trace, LLVMValueRef gep) {
  unsigned count = (unsigned)LLVMGetNumOperands(gep);
  for (unsigned i = 1; i < count; i++) {
    LLVMValueRef index = LLVMGetOperand(gep, i);
    if (LLVMIsAConstantInt(index))
      continue;
    if (trace->pointer_bits && esc_integer_may_carry_address(index, trace->pointer_bits))
      note_heap(trace, ESC_REASON_STORED_THROUGH_POINTER);
    if (!trace->offsets)
      continue;
    if (trace->offsets->count == ESC_MAX_OFFSETS)
      trace->offsets_overflowed = true;
    else
      trace->offsets->values[trace->offsets->count++] = index;
  }
}

static void trace_one(store_trace *trace, LLVMValueRef value) {
  if (LLVMIsAAllocaInst(value)) {
    trace->allocas[trace->alloca_count++] = value;
    return;
  }
  if (LLVMIsAGlobalValue(value)) {
    note_heap(trace, ESC_REASON_STORED_TO_GLOBAL);
    return;
  }
  if (LLVMIsAArgument(value)) {
    if (esc_parameter_is_object(value) && !esc_parameter_object_is_result(value))
      trace->allocas[trace->alloca_count++] = value;
    else if (esc_parameter_has_attribute(value, "sret"))
      trace->into_result = true;
    else
      note_heap(trace, ESC_REASON_STORED_TO_PARAMETER);
    return;
  }
  if (LLVMIsAGetElementPtrInst(value))
    trace_indices(trace, value);
  if (LLVMIsAGetElementPtrInst(value) || LLVMIsABitCastInst(value) ||
      LLVMIsAAddrSpaceCastInst(value) || LLVMIsAFreezeInst(value)) {
    visit(trace, LLVMGetOperand(value, 0));
    return;
  }
  if (LLVMIsAConstantExpr(value)) {
    LLVMOpcode opcode = LLVMGetConstOpcode(value);
    if (opcode == LLVMGetElementPtr || opcode == LLVMBitCast || opcode == LLVMAddrSpaceCast) {
      visit(trace, LLVMGetOperand(value, 0));
      return;
    }
  }
  if (LLVMIsAPHINode(value)) {
    unsigned count = LLVMCountIncoming(value);
    for (unsigned i = 0; i < count; i++)
      if (!visit(trace, LLVMGetIncomingValue(value, i)))
        return;
    return;
  }
  if (LLVMIsASelectInst(value)) {
    visit(trace, LLVMGetOperand(value, 1));
    visit(trace, LLVMGetOperand(value, 2));
    return;
  }
  if (LLVMIsALoadInst(value)) {
    trace_loaded_pointer(trace, value);
    return;
  }
  note_heap(trace, ESC_REASON_STORED_THROUGH_POINTER);
}

/* Traces pointer to its bases; pointer_bits 0 follows GEPs whatever their indices hold. */
static void trace_bases(store_trace *trace, LLVMValueRef pointer, unsigned pointer_bits,
                        esc_offset_values *offsets) {
  *trace = (store_trace){
      .heap_reason = ESC_REASON_NONE, .pointer_bits = pointer_bits, .offsets = offsets};
  visit(trace, pointer);
  while (trace->pending_count > 0)
    trace_one(trace, trace->pending[--trace->pending_count]);
}

LLVMValueRef esc_single_alloca_base(LLVMValueRef pointer, esc_offset_values *offsets) {
  store_trace trace;
  trace_bases(&trace, pointer, 0, offsets);
  if (trace.alloca_count != 1 || trace.into_result || trace.heap_reason != ESC_REASON_NONE ||
      trace.offsets_overflowed)
    return NULL;
  return trace.allocas[0];
}

void esc_flow_into_memory(esc_graph *graph, LLVMValueRef pointer, int source, esc_edge_kind kind,
                          LLVMValueRef instruction) {
  if (source == ESC_NO_LOCATION)
    return;
  if (LLVMIsAAllocaInst(pointer)) { /* the common case: a store straight into a local */
    esc_graph_flow(graph, esc_graph_variable(graph, pointer), source, 0, kind, instruction);
    return;
  }
  store_trace trace;
  trace_bases(&trace, pointer, graph->pointer_bits, NULL);
  for (size_t i = 0; i < trace.alloca_count; i++)
    esc_graph_flow(graph, esc_graph_variable(graph, trace.allocas[i]), source, 0, kind,
                   instruction);
  if (trace.into_result)
    esc_graph_flow(graph, ESC_RESULT, source, 0, kind, instruction);
  if (trace.heap_reason != ESC_REASON_NONE)
    esc_graph_sink(graph, ESC_HEAP, source, 0, trace.heap_reason, instruction);
}

void esc_flow_copy_memory(esc_graph *graph, LLVMValueRef destination, LLVMValueRef source,
                          LLVMValueRef instruction) {
  int source_location = esc_graph_value(graph, source);
  if (source_location == ESC_NO_LOCATION)
    return; /* copying from a constant: no local address can come out of it */
  int contents = esc_graph_temporary(graph, instruction);
  esc_graph_flow(graph, contents, source_location, 1, ESC_EDGE_MEMCPY, instruction);
  esc_flow_into_memory(graph, destination, contents, ESC_EDGE_MEMCPY, instruction);
}
