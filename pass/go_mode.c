/*
 * go_mode.c — the rules that apply only to modules from escc's Go front end (go_mode.h): the
 * module flags, Go's several results, and gc's size limits.
 *
 * Invariant: a module without the flags is never affected; in Go mode every rule here may
 * only add flows to results or the heap, never drop one (the self-assignment rule, the one
 * that drops flows, is in self_assignment.c).
 */
#include "go_mode.h"

#include "llvm_compat.h"
#include "rules.h"

#include "memory.h"

#include <stdint.h>
#include <stdlib.h>
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

/* The batch rule for `value`, the call's value or its result `result` (-1: any): every heap
 * leak it implies for the callee's parameters, handed to lower(). */
static bool batch_leaks_through(const esc_graph *graph, LLVMValueRef value, int result,
                                LLVMValueRef callee, const esc_function_summary *summary,
                                esc_go_lower_heap lower, void *context) {
  int32_t reach = reach_of(graph, value);
  bool changed = false;
  for (unsigned i = 0; i < summary->parameter_count && reach != ESC_NO_LEAK; i++) {
    const esc_parameter_leak *leak = &summary->parameters[i];
    int32_t through = result >= 0 && result < ESC_MAX_RESULTS ? leak->result_derefs_of[result]
                                                              : leak->result_derefs;
    if (through != ESC_NO_LEAK)
      changed |= lower(callee, i, through + reach, context);
  }
  return changed;
}

static bool batch_leaks_of_call(const esc_graph *graph, LLVMValueRef call, LLVMValueRef callee,
                                const esc_function_summary *summary, esc_go_lower_heap lower,
                                void *context) {
  if (!esc_go_results_apart(call, summary))
    return batch_leaks_through(graph, call, -1, callee, summary, lower, context);
  bool changed = false;
  for (LLVMUseRef use = LLVMGetFirstUse(call); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef extract = LLVMGetUser(use);
    int result = LLVMGetNumIndices(extract) ? (int)LLVMGetIndices(extract)[0] : -1;
    changed |= batch_leaks_through(graph, extract, result, callee, summary, lower, context);
  }
  return changed;
}

bool esc_go_batch_leaks(const esc_graph *graph, const esc_summary_table *summaries,
                        esc_go_batch_member is_member, esc_go_lower_heap lower, void *context) {
  bool changed = false;
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(graph->function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      if (!LLVMIsACallInst(instruction) && !LLVMIsAInvokeInst(instruction))
        continue;
      LLVMValueRef callee = LLVMGetCalledValue(instruction);
      if (!callee || !LLVMIsAFunction(callee) || callee == graph->function ||
          !is_member(graph->function, callee, context))
        continue;
      const esc_function_summary *summary = esc_summary_for_callee(summaries, callee);
      if (summary)
        changed |= batch_leaks_of_call(graph, instruction, callee, summary, lower, context);
    }
  return changed;
}

/* The length of the part of a function's name before its first ".func" (gc's closure names:
 * F.func1, F.func1.1): the name of the function whose batch it belongs to. */
static size_t batch_root_length(const char *name, size_t length) {
  for (size_t i = 0; i + 5 <= length; i++)
    if (memcmp(name + i, ".func", 5) == 0)
      return i;
  return length;
}

bool esc_go_same_batch(LLVMValueRef left, LLVMValueRef right) {
  size_t left_length, right_length;
  const char *left_name = LLVMGetValueName2(left, &left_length);
  const char *right_name = LLVMGetValueName2(right, &right_length);
  left_length = batch_root_length(left_name, left_length);
  return left_length == batch_root_length(right_name, right_length) &&
         memcmp(left_name, right_name, left_length) == 0;
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

/* Whether every use of the pointer only writes into the object or is a marker. */
static bool only_written(LLVMValueRef pointer) {
  for (LLVMUseRef use = LLVMGetFirstUse(pointer); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsAStoreInst(user) && LLVMGetOperand(user, 1) == pointer &&
        LLVMGetOperand(user, 0) != pointer)
      continue;
    if (LLVMIsAGetElementPtrInst(user) && LLVMGetOperand(user, 0) == pointer && only_written(user))
      continue;
    if (esc_is_marker_intrinsic(user) || esc_is_debug_intrinsic(user))
      continue;
    return false;
  }
  return true;
}

/* A closure object (an alloca) that is only written and passed as the context of direct calls
 * of its function: those calls apply the body's summary themselves, with its real results. */
static bool called_only_directly(LLVMValueRef object, LLVMValueRef function) {
  if (!LLVMIsAAllocaInst(object))
    return false;
  for (LLVMUseRef use = LLVMGetFirstUse(object); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsACallInst(user) && LLVMGetCalledValue(user) == function &&
        LLVMGetNumArgOperands(user) > 0 && LLVMGetOperand(user, 0) == object) {
      unsigned count = LLVMGetNumArgOperands(user);
      for (unsigned i = 1; i < count; i++)
        if (LLVMGetOperand(user, i) == object)
          return false;
      continue;
    }
    if (LLVMIsAStoreInst(user) && LLVMGetOperand(user, 1) == object &&
        LLVMGetOperand(user, 0) != object)
      continue;
    if (LLVMIsAGetElementPtrInst(user) && only_written(user))
      continue;
    if (esc_is_marker_intrinsic(user) || esc_is_debug_intrinsic(user))
      continue;
    return false;
  }
  return true;
}

void esc_go_flow_closure_context(esc_graph *graph, LLVMValueRef store,
                                 const esc_summary_table *summaries) {
  LLVMValueRef function = LLVMGetOperand(store, 0);
  if (called_only_directly(strip_zero_offsets(LLVMGetOperand(store, 1)), function))
    return;
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

/* The field K of `gep %object, 0, K` (constant indices), or -1. */
static int field_of(LLVMValueRef gep, LLVMValueRef object) {
  if (!LLVMIsAGetElementPtrInst(gep) || LLVMGetOperand(gep, 0) != object ||
      LLVMGetNumOperands(gep) != 3)
    return -1;
  LLVMValueRef first = LLVMGetOperand(gep, 1), field = LLVMGetOperand(gep, 2);
  if (!LLVMIsAConstantInt(first) || LLVMConstIntGetZExtValue(first) != 0 ||
      !LLVMIsAConstantInt(field) || LLVMConstIntGetZExtValue(field) >= ESC_MAX_CONTEXT_FIELDS)
    return -1;
  return (int)LLVMConstIntGetZExtValue(field);
}

static void lower_leak(esc_parameter_leak *leak, const esc_location *location) {
  if (location->heap_derefs < leak->heap_derefs)
    leak->heap_derefs = location->heap_derefs;
  if (location->result_derefs < leak->result_derefs)
    leak->result_derefs = location->result_derefs;
  if (location->hidden_derefs < leak->hidden_derefs)
    leak->hidden_derefs = location->hidden_derefs;
}

/* Field K's value, loaded by `load`: lower fields[K] by where it goes; false if `load` is not a
 * plain load. */
static bool note_field_read(const esc_graph *graph, LLVMValueRef load, int field,
                            esc_parameter_leak *fields, unsigned *count) {
  if (!LLVMIsALoadInst(load) || LLVMGetVolatile(load))
    return false;
  intptr_t index;
  if (esc_pointer_map_get(graph->value_locations, load, &index))
    lower_leak(&fields[field], &graph->locations[index]);
  if ((unsigned)field + 1 > *count)
    *count = (unsigned)field + 1;
  return true;
}

void esc_go_record_context_fields(const esc_graph *graph, esc_function_summary *summary) {
  size_t length;
  const char *name = LLVMGetValueName2(graph->function, &length);
  summary->context_field_count = 0;
  if (batch_root_length(name, length) == length || LLVMCountParams(graph->function) == 0)
    return; /* not a closure body (gc's name F.funcN) */
  LLVMValueRef context = LLVMGetParam(graph->function, 0);
  esc_parameter_leak fields[ESC_MAX_CONTEXT_FIELDS];
  for (int k = 0; k < ESC_MAX_CONTEXT_FIELDS; k++)
    fields[k] = esc_parameter_leak_none();
  unsigned count = 0;
  for (LLVMUseRef use = LLVMGetFirstUse(context); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsALoadInst(user) && note_field_read(graph, user, 0, fields, &count))
      continue;
    int field = field_of(user, context);
    if (field < 0)
      return;
    for (LLVMUseRef read = LLVMGetFirstUse(user); read; read = LLVMGetNextUse(read))
      if (!note_field_read(graph, LLVMGetUser(read), field, fields, &count))
        return;
  }
  for (unsigned k = 0; k < count; k++)
    summary->context_fields[k] = fields[k];
  summary->context_field_count = count;
}

/* The leak of field `field` (none past the fields the body reads) applied to what the caller
 * stores there, through `pointer` (the field's address, or an address inside it). */
static void apply_field(esc_graph *graph, LLVMValueRef call, LLVMValueRef pointer,
                        const esc_parameter_leak *leak) {
  for (LLVMUseRef use = LLVMGetFirstUse(pointer); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsAGetElementPtrInst(user)) {
      apply_field(graph, call, user, leak);
      continue;
    }
    if (!LLVMIsAStoreInst(user) || LLVMGetOperand(user, 1) != pointer)
      continue; /* markers (only_written allows nothing else) */
    int value = esc_graph_value(graph, LLVMGetOperand(user, 0));
    if (leak->heap_derefs != ESC_NO_LEAK)
      esc_graph_sink(graph, ESC_HEAP, value, leak->heap_derefs, ESC_REASON_CALLEE_LEAKS_PARAMETER,
                     call);
    if (leak->result_derefs != ESC_NO_LEAK)
      esc_graph_flow(graph, esc_graph_value(graph, call), value, leak->result_derefs, ESC_EDGE_CALL,
                     call);
    if (leak->hidden_derefs != ESC_NO_LEAK)
      esc_graph_sink(graph, ESC_HIDDEN, value, leak->hidden_derefs, ESC_REASON_NONE, call);
  }
}

bool esc_go_apply_context_fields(esc_graph *graph, LLVMValueRef call,
                                 const esc_function_summary *summary) {
  if (summary->context_field_count == 0 || LLVMGetNumArgOperands(call) == 0 ||
      esc_go_results_apart(call, summary))
    return false;
  LLVMValueRef function = LLVMGetCalledValue(call), object = LLVMGetOperand(call, 0);
  if (!called_only_directly(object, function))
    return false;
  for (LLVMUseRef use = LLVMGetFirstUse(object); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (LLVMIsAGetElementPtrInst(user) && field_of(user, object) < 0)
      return false; /* an address inside the object that is not one field's */
    if (LLVMIsAStoreInst(user) && !LLVMIsAConstant(LLVMGetOperand(user, 0)))
      return false; /* a whole object stored at once: keep the whole-context rule */
  }
  esc_parameter_leak none = esc_parameter_leak_none();
  for (LLVMUseRef use = LLVMGetFirstUse(object); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    int field = field_of(user, object);
    if (field >= 0)
      apply_field(graph, call, user,
                  (unsigned)field < summary->context_field_count ? &summary->context_fields[field]
                                                                 : &none);
  }
  return true;
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

/* ===== Loop iterations ======================================================================== */

/* The block where an alloca's object starts (its llvm.lifetime.start), or NULL. */
static LLVMBasicBlockRef lifetime_block(LLVMValueRef alloca) {
  for (LLVMUseRef use = LLVMGetFirstUse(alloca); use; use = LLVMGetNextUse(use)) {
    LLVMValueRef user = LLVMGetUser(use);
    if (!LLVMIsACallInst(user) || !LLVMIsAFunction(LLVMGetCalledValue(user)))
      continue;
    size_t length;
    const char *name = LLVMGetValueName2(LLVMGetCalledValue(user), &length);
    if (length >= 20 && memcmp(name, "llvm.lifetime.start.", 20) == 0)
      return LLVMGetInstructionParent(user);
  }
  return NULL;
}

/* Whether `from` lies on a CFG cycle that does not pass through `avoid` (NULL: any cycle). */
static bool on_cycle_avoiding(LLVMValueRef function, LLVMBasicBlockRef from,
                              LLVMBasicBlockRef avoid) {
  unsigned count = LLVMCountBasicBlocks(function);
  LLVMBasicBlockRef *pending = esc_xmalloc((count + 1) * sizeof *pending);
  esc_pointer_map *seen = esc_pointer_map_new();
  size_t pending_count = 0;
  bool found = false;
  pending[pending_count++] = from;
  while (pending_count > 0 && !found) {
    LLVMValueRef terminator = LLVMGetBasicBlockTerminator(pending[--pending_count]);
    unsigned successors = terminator ? LLVMGetNumSuccessors(terminator) : 0;
    for (unsigned i = 0; i < successors && !found; i++) {
      LLVMBasicBlockRef next = LLVMGetSuccessor(terminator, i);
      found = next == from;
      if (found || next == avoid || esc_pointer_map_get(seen, next, NULL))
        continue;
      esc_pointer_map_put(seen, next, 1);
      pending[pending_count++] = next;
    }
  }
  esc_pointer_map_free(seen);
  free(pending);
  return found;
}

/* Whether `holder` (a location) may keep a value past an iteration of the loop that makes the
 * object of `alloca`, whose lifetime starts in `block`. */
static bool outlives_iteration(const esc_graph *graph, const esc_location *holder,
                               LLVMBasicBlockRef block) {
  if (holder->kind == ESC_LOCATION_VALUE)
    return LLVMIsAPHINode(holder->value) &&
           on_cycle_avoiding(graph->function, LLVMGetInstructionParent(holder->value), NULL);
  if (holder->kind != ESC_LOCATION_VARIABLE)
    return false; /* {heap} and the results are the solver's; temporaries live one instruction */
  LLVMBasicBlockRef holder_block = lifetime_block(holder->value);
  if (holder_block == block)
    return false; /* made in the same iteration: they die together */
  return !holder_block || on_cycle_avoiding(graph->function, block, holder_block);
}

/* Walks back from `holder` as solve.c does (fewest derefs per location) and marks in `escapes`
 * every per-iteration alloca whose address reaches it and that it outlives. */
static void walk_from_holder(const esc_graph *graph, int holder, const LLVMBasicBlockRef *iteration,
                             int32_t *derefs, int *queue, bool *queued, bool *escapes) {
  size_t count = graph->location_count, head = 0, tail = 0;
  for (size_t i = 0; i < count; i++)
    derefs[i] = INT32_MAX;
  derefs[holder] = 0;
  queue[tail++ % count] = holder;
  queued[holder] = true;
  while (head != tail) {
    int current = queue[head++ % count];
    queued[current] = false;
    int32_t reached = derefs[current];
    if (reached < 0) {
      if (iteration[current] && !escapes[current] &&
          outlives_iteration(graph, &graph->locations[holder], iteration[current]))
        escapes[current] = true;
      reached = 0;
    }
    for (int e = graph->locations[current].first_incoming; e >= 0;
         e = graph->edges[e].next_incoming) {
      const esc_edge *edge = &graph->edges[e];
      int32_t next = reached + edge->derefs;
      if (next >= derefs[edge->source])
        continue;
      derefs[edge->source] = next;
      if (!queued[edge->source]) {
        queued[edge->source] = true;
        queue[tail++ % count] = edge->source;
      }
    }
  }
}

void esc_go_loop_iterations(esc_graph *graph) {
  size_t count = graph->location_count;
  LLVMBasicBlockRef *iteration = esc_xcalloc(count, sizeof *iteration);
  bool any = false;
  for (size_t i = 0; i < count; i++) {
    const esc_location *location = &graph->locations[i];
    if (location->kind != ESC_LOCATION_VARIABLE)
      continue;
    LLVMBasicBlockRef block = lifetime_block(location->value);
    if (block && on_cycle_avoiding(graph->function, block, NULL)) {
      iteration[i] = block;
      any = true;
    }
  }
  if (any) {
    int32_t *derefs = esc_xmalloc(count * sizeof *derefs);
    int *queue = esc_xmalloc(count * sizeof *queue);
    bool *queued = esc_xcalloc(count, sizeof *queued);
    bool *escapes = esc_xcalloc(count, sizeof *escapes);
    for (size_t holder = 0; holder < count; holder++) {
      const esc_location *location = &graph->locations[holder];
      if (location->kind == ESC_LOCATION_VARIABLE ||
          (location->kind == ESC_LOCATION_VALUE && LLVMIsAPHINode(location->value)))
        walk_from_holder(graph, (int)holder, iteration, derefs, queue, queued, escapes);
    }
    for (size_t i = 0; i < count; i++)
      if (escapes[i])
        esc_graph_sink(graph, ESC_HEAP, esc_graph_value(graph, graph->locations[i].value), 0,
                       ESC_REASON_OUTLIVES_ITERATION, graph->locations[i].value);
    free(derefs);
    free(queue);
    free(queued);
    free(escapes);
  }
  free(iteration);
}
