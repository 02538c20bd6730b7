/*
 * llvm_compat.h — every difference between LLVM 19 and LLVM 22 that the pass sees, behind
 * small functions. Nothing else in pass/ tests ESC_LLVM_VERSION_MAJOR.
 *
 * Invariant: each function answers the same question with the same meaning on both versions.
 */
#ifndef ESCC_LLVM_COMPAT_H
#define ESCC_LLVM_COMPAT_H

#include <llvm-c/Core.h>
#include <stdbool.h>
#include <stdint.h>

/* How a call may capture the pointer passed as argument arg_index (0-based), judged from the
 * attributes at the call site and on the callee's declaration (both are checked):
 * nocapture (19) or captures(none) (21+) -> NONE; captures(ret: ...) only -> RETURN_ONLY. */
typedef enum {
  ESC_CAPTURE_ANY = 0,    /* no promise: the callee may keep the pointer */
  ESC_CAPTURE_NONE,       /* the pointer does not outlive the call, not even via the result */
  ESC_CAPTURE_RETURN_ONLY /* it may only come back as (part of) the call's result */
} esc_capture;
esc_capture esc_argument_capture(LLVMValueRef call, unsigned arg_index);

/* Whether argument arg_index of the call carries the named enum attribute (e.g. "byval",
 * "sret"), at the call site or on the callee's declaration. */
bool esc_argument_has_attribute(LLVMValueRef call, unsigned arg_index, const char *name);

/* Whether the function's own parameter carries the named enum or type attribute ("sret"). */
bool esc_parameter_has_attribute(LLVMValueRef argument, const char *name);

/* The type of the parameter's named type attribute ("byval", "sret"), or NULL without it. */
LLVMTypeRef esc_parameter_type_attribute(LLVMValueRef argument, const char *name);

/* The value of the parameter's named integer attribute ("align"), or 0 without it. */
uint64_t esc_parameter_integer_attribute(LLVMValueRef argument, const char *name);

/* Whether the function may write memory: false only when its `memory(...)` attribute (which
 * LLVM gives every intrinsic it knows) allows no writes at all. */
bool esc_function_may_write_memory(LLVMValueRef function);

/* Debug-info format: on LLVM 19 the pass reads llvm.dbg.declare calls, so it switches the
 * module to the intrinsic format for its run and back afterwards, removing the llvm.dbg.*
 * declarations the switch added, so the module prints as before; on 22 it reads debug records
 * and both are no-ops. begin returns a token to pass to end. */
typedef struct {
  bool restore_new_format;
  unsigned debug_intrinsics_present; /* bit i: debug intrinsic i was declared before begin */
} esc_debug_format_state;
esc_debug_format_state esc_debug_format_begin(LLVMModuleRef module);
void esc_debug_format_end(LLVMModuleRef module, esc_debug_format_state state);

/* For each debug "declare" attached to the function (llvm.dbg.declare calls on 19, #dbg_declare
 * records on 22), call visit(address value, DILocalVariable, DILocation of the declare, ctx).
 * After assignment tracking, the dbg.assign that stands for an alloca's declare counts too (its
 * DILocation is line 0, so the place has no column). The address may be any value, even
 * poison when the variable's storage was deleted. */
typedef void (*esc_declare_visitor)(LLVMValueRef address, LLVMMetadataRef variable,
                                    LLVMMetadataRef location, void *context);
void esc_for_each_declare(LLVMValueRef function, esc_declare_visitor visit, void *context);

/* Whether the instruction is a debug intrinsic call (llvm.dbg.*) — only on 19's intrinsic
 * format does this ever answer true. */
bool esc_is_debug_intrinsic(LLVMValueRef instruction);

/* Debug-info fields the C API has no getter for, read from the node's operands (NULL when
 * absent): a DILocalVariable's type; a DIDerivedType's or DICompositeType's base type; a
 * DICompositeType's elements (an MDTuple). LLVM 21 put a DIType's size and offset among its
 * operands, which moved the last two. */
LLVMMetadataRef esc_di_variable_type(LLVMContextRef context, LLVMMetadataRef variable);
LLVMMetadataRef esc_di_type_base(LLVMContextRef context, LLVMMetadataRef type);
LLVMMetadataRef esc_di_type_elements(LLVMContextRef context, LLVMMetadataRef type);

/* ===== Promotion support (pass/promote.c) ===================================================== */

/* Re-points every debug declare of alloca at box, a slot holding the address of the variable's
 * heap object, with DW_OP_deref in front of the declare's (empty) expression, so a debugger
 * reads the variable through the box; a declare with a non-empty expression is dropped. Needs
 * the format set up by esc_debug_format_begin. On 22 the old declares stay on alloca: the
 * caller kills them by replacing alloca with poison. */
void esc_move_declares_to_box(LLVMValueRef alloca, LLVMValueRef box);

#endif /* ESCC_LLVM_COMPAT_H */
