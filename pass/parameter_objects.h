/*
 * parameter_objects.h — parameters whose pointer is an object of the function's own frame, not
 * caller memory it was handed: a `byval` argument (the copy a struct passed by value lives in,
 * in the caller's argument area) and the `sret` result object (where clang constructs a local
 * that is returned by value: NRVO). The analysis treats each like an alloca, a variable whose
 * address is the parameter's value; when that address escapes, the rewrite gives the parameter
 * its own promoted object — a copy of the argument made at entry (byval), or an object copied
 * into the result slot at every return (sret) — so the caller's memory never escapes.
 *
 * Invariant: a caller may rely on it: an address passed as a byval or sret argument to a
 * function defined in the module never outlives the call (what it holds still may).
 */
#ifndef ESCC_PARAMETER_OBJECTS_H
#define ESCC_PARAMETER_OBJECTS_H

#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <stdbool.h>

/* Whether the parameter is a byval copy or the sret result object. */
bool esc_parameter_is_object(LLVMValueRef argument);

/* Whether it is the sret result object (else a byval copy). */
bool esc_parameter_object_is_result(LLVMValueRef argument);

/* The object's size and alignment in bytes. */
uint64_t esc_parameter_object_size(LLVMValueRef argument, LLVMTargetDataRef data_layout);
unsigned esc_parameter_object_alignment(LLVMValueRef argument, LLVMTargetDataRef data_layout);

#endif /* ESCC_PARAMETER_OBJECTS_H */
