/*
 * call_rules.c — how values flow through a call. In order of trust:
 *   1. intrinsics: markers move nothing, memcpy/memmove copy memory, a few return their
 *      argument; any other intrinsic taking a pointer is treated as an unknown function;
 *   2. a declared callee in the library table (libc_models.c) — also when the module holds an
 *      available_externally copy of its body;
 *   3. a defined callee whose body is final: its parameter summary (summary.h);
 *   4. a declared callee's attributes: nocapture / captures(none) keep the pointer itself from
 *      escaping, but what it points to may still leak (derefs +1);
 *   5. otherwise — unknown functions, indirect calls, inline asm — everything reachable from
 *      every argument escapes.
 * A byval argument is copied before the call, so the callee only ever sees a copy: at most
 * what the original points to (derefs >= 1) can leak through it.
 *
 * Invariant: every argument of every call gets at least one rule; only rules 1-4 may decide
 * that an argument does not escape.
 */
#include "rules.h"

#include "libc_models.h"
#include "llvm_compat.h"

#include <string.h>

static bool name_starts_with(const char *name, size_t length, const char *prefix) {
  size_t prefix_length = strlen(prefix);
  return length >= prefix_length && memcmp(name, prefix, prefix_length) == 0;
}

static const char *const marker_intrinsics[] = {"llvm.lifetime.",    "llvm.dbg.",
                                                "llvm.assume",       "llvm.experimental.noalias",
                                                "llvm.invariant.",   "llvm.prefetch",
                                                "llvm.donothing",    "llvm.sideeffect",
                                                "llvm.trap",         "llvm.debugtrap",
                                                "llvm.ubsantrap",    "llvm.va_start",
                                                "llvm.va_end",       "llvm.stacksave",
                                                "llvm.stackrestore", "llvm.pseudoprobe",
                                                "llvm.instrprof.",   "llvm.objectsize.",
                                                "llvm.is.constant.", "llvm.var.annotation",
                                                "llvm.codeview.",    "llvm.experimental.guard"};

static const char *const copying_intrinsics[] = {"llvm.memcpy.", "llvm.memmove.",
                                                 "llvm.memcpy.inline.", "llvm.va_copy"};

static const char *const passing_intrinsics[] = {"llvm.expect.",
                                                 "llvm.ptrmask.",
                                                 "llvm.launder.invariant.group.",
                                                 "llvm.strip.invariant.group.",
                                                 "llvm.ssa.copy.",
                                                 "llvm.threadlocal.address."};

static const char *const writing_only_intrinsics[] = {"llvm.memset."};

static bool name_in(const char *name, size_t length, const char *const *prefixes,
                    size_t prefix_count) {
  for (size_t i = 0; i < prefix_count; i++)
    if (name_starts_with(name, length, prefixes[i]))
      return true;
  return false;
}
#define NAME_IN(name, length, table) name_in(name, length, table, sizeof table / sizeof table[0])

static const char *callee_name(LLVMValueRef function, size_t *length) {
  return LLVMGetValueName2(function, length);
}

bool esc_is_marker_intrinsic(LLVMValueRef instruction) {
  if (!LLVMIsACallInst(instruction))
    return false;
  LLVMValueRef callee = LLVMGetCalledValue(instruction);
  if (!callee || !LLVMIsAFunction(callee) || !LLVMGetIntrinsicID(callee))
    return false;
  size_t length;
  const char *name = callee_name(callee, &length);
  return NAME_IN(name, length, marker_intrinsics);
}

/* The function a call reaches directly (through pointer casts of it), or NULL. */
static LLVMValueRef direct_callee(LLVMValueRef call) {
  LLVMValueRef callee = LLVMGetCalledValue(call);
  while (callee && LLVMIsAConstantExpr(callee) &&
         (LLVMGetConstOpcode(callee) == LLVMBitCast ||
          LLVMGetConstOpcode(callee) == LLVMAddrSpaceCast))
    callee = LLVMGetOperand(callee, 0);
  return callee && LLVMIsAFunction(callee) ? callee : NULL;
}

static unsigned argument_count(LLVMValueRef call) { return LLVMGetNumArgOperands(call); }

static int argument_location(esc_graph *graph, LLVMValueRef call, unsigned index) {
  return esc_graph_value(graph, LLVMGetOperand(call, index));
}

/* Everything reachable from every argument escapes (an unknown or indirect callee). */
static void all_arguments_escape(esc_graph *graph, LLVMValueRef call, esc_reason reason) {
  unsigned count = argument_count(call);
  for (unsigned i = 0; i < count; i++) {
    int derefs = esc_argument_has_attribute(call, i, "byval") ? 1 : 0;
    esc_graph_sink(graph, ESC_HEAP, argument_location(graph, call, i), derefs, reason, call);
  }
}

static void build_intrinsic(esc_graph *graph, LLVMValueRef call, LLVMValueRef function) {
  size_t length;
  const char *name = callee_name(function, &length);
  if (NAME_IN(name, length, marker_intrinsics) || NAME_IN(name, length, writing_only_intrinsics))
    return;
  if (NAME_IN(name, length, copying_intrinsics)) {
    esc_flow_copy_memory(graph, LLVMGetOperand(call, 0), LLVMGetOperand(call, 1), call);
    return;
  }
  int result = esc_graph_value(graph, call);
  if (NAME_IN(name, length, passing_intrinsics)) {
    esc_graph_flow(graph, result, argument_location(graph, call, 0), 0, ESC_EDGE_CALL, call);
    return;
  }
  /* Unknown intrinsic: its result may carry any argument; one that takes a pointer may also
   * keep or store it anywhere. */
  unsigned count = argument_count(call);
  for (unsigned i = 0; i < count; i++) {
    LLVMValueRef argument = LLVMGetOperand(call, i);
    esc_graph_flow(graph, result, esc_graph_value(graph, argument), 0, ESC_EDGE_CALL, call);
    if (esc_type_has_pointer(LLVMTypeOf(argument)))
      esc_graph_sink(graph, ESC_HEAP, esc_graph_value(graph, argument), 0,
                     ESC_REASON_UNKNOWN_CALLEE, call);
  }
}

/* A byval argument is a copy: what the callee does to the copy's address cannot reach the
 * original, only what the original points to can. */
static int adjust_for_byval(LLVMValueRef call, unsigned index, int derefs) {
  if (derefs < 1 && esc_argument_has_attribute(call, index, "byval"))
    return 1;
  return derefs;
}

/* The argument passed as the callee's sret result object, or NULL. */
static LLVMValueRef sret_argument(LLVMValueRef call) {
  unsigned count = argument_count(call);
  for (unsigned i = 0; i < count; i++)
    if (esc_argument_has_attribute(call, i, "sret"))
      return LLVMGetOperand(call, i);
  return NULL;
}

/* "result = argument (derefs)": into the call's value, and for a callee that returns through
 * an sret object, into that object (its summary counts stores there as the result). */
static void flow_into_result(esc_graph *graph, LLVMValueRef call, LLVMValueRef sret_object,
                             int argument, int derefs) {
  esc_graph_flow(graph, esc_graph_value(graph, call), argument, derefs, ESC_EDGE_CALL, call);
  if (!sret_object)
    return;
  int returned = esc_graph_temporary(graph, call);
  esc_graph_flow(graph, returned, argument, derefs, ESC_EDGE_CALL, call);
  esc_flow_into_memory(graph, sret_object, returned, ESC_EDGE_ASSIGN, call);
}

static void build_summarised_call(esc_graph *graph, LLVMValueRef call,
                                  const esc_function_summary *summary) {
  LLVMValueRef sret_object = sret_argument(call);
  unsigned count = argument_count(call);
  for (unsigned i = 0; i < count; i++) {
    int argument = argument_location(graph, call, i);
    if (i >= summary->parameter_count) {
      esc_graph_sink(graph, ESC_HEAP, argument, 0, ESC_REASON_VARIADIC_ARGUMENT, call);
      continue;
    }
    esc_parameter_leak leak = summary->parameters[i];
    if (leak.heap_derefs != ESC_NO_LEAK)
      esc_graph_sink(graph, ESC_HEAP, argument, adjust_for_byval(call, i, leak.heap_derefs),
                     ESC_REASON_CALLEE_LEAKS_PARAMETER, call);
    if (leak.result_derefs != ESC_NO_LEAK)
      flow_into_result(graph, call, sret_object, argument,
                       adjust_for_byval(call, i, leak.result_derefs));
    if (leak.hidden_derefs != ESC_NO_LEAK)
      esc_graph_sink(graph, ESC_HIDDEN, argument, adjust_for_byval(call, i, leak.hidden_derefs),
                     ESC_REASON_NONE, call);
  }
}

/* The library calls a function argument (qsort's comparator) with some of its arguments. */
static void build_model_callback(esc_graph *graph, LLVMValueRef call,
                                 const esc_library_model *model,
                                 const esc_summary_table *summaries) {
  unsigned count = argument_count(call);
  if (model->callback < 0 || (unsigned)model->callback >= count)
    return;
  LLVMValueRef target = LLVMGetOperand(call, (unsigned)model->callback);
  const esc_function_summary *summary =
      LLVMIsAFunction(target) ? esc_summary_for_callee(summaries, target) : NULL;
  for (unsigned k = 0; k < ESC_MODEL_MAX_CALLBACK_ARGUMENTS; k++) {
    int passed = model->callback_arguments[k];
    if (passed < 0 || (unsigned)passed >= count)
      continue;
    int argument = argument_location(graph, call, (unsigned)passed);
    if (!summary || k >= summary->parameter_count) {
      esc_graph_sink(graph, ESC_HEAP, argument, 0, ESC_REASON_INDIRECT_CALL, call);
      continue;
    }
    esc_parameter_leak leak = summary->parameters[k];
    if (leak.heap_derefs != ESC_NO_LEAK)
      esc_graph_sink(graph, ESC_HEAP, argument, leak.heap_derefs, ESC_REASON_CALLEE_LEAKS_PARAMETER,
                     call);
    if (leak.hidden_derefs != ESC_NO_LEAK)
      esc_graph_sink(graph, ESC_HIDDEN, argument, leak.hidden_derefs, ESC_REASON_NONE, call);
  }
}

static void build_modelled_call(esc_graph *graph, LLVMValueRef call, const esc_library_model *model,
                                const esc_summary_table *summaries) {
  unsigned count = argument_count(call);
  int result = esc_graph_value(graph, call);
  for (unsigned i = 0; i < count && i < 32; i++)
    if (model->captured_arguments & (1u << i))
      esc_graph_sink(graph, ESC_HEAP, argument_location(graph, call, i), 0, model->capture_reason,
                     call);
  if (model->result_from_argument >= 0 && (unsigned)model->result_from_argument < count)
    esc_graph_flow(graph, result,
                   argument_location(graph, call, (unsigned)model->result_from_argument), 0,
                   ESC_EDGE_CALL, call);
  if (model->result_from_contents_of >= 0 && (unsigned)model->result_from_contents_of < count)
    esc_graph_flow(graph, result,
                   argument_location(graph, call, (unsigned)model->result_from_contents_of), 1,
                   ESC_EDGE_CALL, call);
  if (model->copy_destination >= 0 && (unsigned)model->copy_destination < count &&
      (unsigned)model->copy_source < count)
    esc_flow_copy_memory(graph, LLVMGetOperand(call, (unsigned)model->copy_destination),
                         LLVMGetOperand(call, (unsigned)model->copy_source), call);
  if (model->store_destination >= 0 && (unsigned)model->store_destination < count &&
      (unsigned)model->store_value < count)
    esc_flow_into_memory(graph, LLVMGetOperand(call, (unsigned)model->store_destination),
                         argument_location(graph, call, (unsigned)model->store_value),
                         ESC_EDGE_ASSIGN, call);
  build_model_callback(graph, call, model, summaries);
  for (unsigned derefs = 0; derefs <= ESC_MODEL_MAX_PINNED_DEREFS; derefs++) {
    for (unsigned i = 0; i < count && i < 32; i++) {
      if (!(model->pinned[derefs] & (1u << i)))
        continue;
      int argument = argument_location(graph, call, i);
      esc_graph_sink(graph, ESC_HEAP, argument, (int)derefs, model->capture_reason, call);
      esc_graph_sink(graph, ESC_HIDDEN, argument, (int)derefs, ESC_REASON_NONE, call);
    }
  }
}

/* A declared function we know nothing about but its attributes. */
static void build_attributed_call(esc_graph *graph, LLVMValueRef call, LLVMValueRef function) {
  unsigned fixed = LLVMCountParamTypes(LLVMGlobalGetValueType(function));
  int result = esc_graph_value(graph, call);
  unsigned count = argument_count(call);
  for (unsigned i = 0; i < count; i++) {
    int argument = argument_location(graph, call, i);
    if (i >= fixed) {
      esc_graph_sink(graph, ESC_HEAP, argument, 0, ESC_REASON_VARIADIC_ARGUMENT, call);
      continue;
    }
    if (esc_argument_has_attribute(call, i, "byval")) {
      esc_graph_sink(graph, ESC_HEAP, argument, 1, ESC_REASON_UNKNOWN_CALLEE, call);
      continue;
    }
    switch (esc_argument_capture(call, i)) {
    case ESC_CAPTURE_NONE:
      esc_graph_sink(graph, ESC_HEAP, argument, 1, ESC_REASON_UNKNOWN_CALLEE, call);
      break;
    case ESC_CAPTURE_RETURN_ONLY:
      esc_graph_flow(graph, result, argument, 0, ESC_EDGE_CALL, call);
      esc_graph_sink(graph, ESC_HEAP, argument, 1, ESC_REASON_UNKNOWN_CALLEE, call);
      break;
    case ESC_CAPTURE_ANY:
      esc_graph_sink(graph, ESC_HEAP, argument, 0, ESC_REASON_UNKNOWN_CALLEE, call);
      break;
    }
  }
}

void esc_build_call(esc_graph *graph, LLVMValueRef call, const esc_summary_table *summaries) {
  LLVMValueRef called = LLVMGetCalledValue(call);
  if (called && LLVMIsAInlineAsm(called)) {
    unsigned count = argument_count(call);
    for (unsigned i = 0; i < count; i++) {
      int argument = argument_location(graph, call, i);
      esc_graph_sink(graph, ESC_HEAP, argument, 0, ESC_REASON_INLINE_ASM, call);
      esc_graph_sink(graph, ESC_HIDDEN, argument, 0, ESC_REASON_NONE, call);
    }
    return;
  }
  LLVMValueRef function = direct_callee(call);
  if (!function) {
    all_arguments_escape(graph, call, ESC_REASON_INDIRECT_CALL);
    return;
  }
  if (LLVMGetIntrinsicID(function)) {
    build_intrinsic(graph, call, function);
    return;
  }
  /* A library function may come with an inline copy of its body (glibc's bsearch, fortified
   * wrappers: available_externally); its model knows more than the copy's summary, which sees
   * e.g. only an indirect call of the comparator. */
  bool library_copy =
      LLVMIsDeclaration(function) || LLVMGetLinkage(function) == LLVMAvailableExternallyLinkage;
  if (library_copy) {
    size_t length;
    const char *name = callee_name(function, &length);
    const esc_library_model *model = esc_library_model_find(name);
    if (model) {
      build_modelled_call(graph, call, model, summaries);
      return;
    }
  }
  const esc_function_summary *summary = esc_summary_for_callee(summaries, function);
  if (summary) {
    build_summarised_call(graph, call, summary);
    return;
  }
  build_attributed_call(graph, call, function);
}
