/*
 * parameter_objects.c — which parameters are objects of the function's own frame (byval copies
 * and the sret result object), and their size and alignment (see parameter_objects.h).
 *
 * Invariant: answers only from the parameter's attributes, which the rewrite never changes.
 */
#include "parameter_objects.h"

#include "llvm_compat.h"

#include <stddef.h>

bool esc_parameter_is_object(LLVMValueRef argument) {
  return esc_parameter_type_attribute(argument, "byval") != NULL ||
         esc_parameter_object_is_result(argument);
}

bool esc_parameter_object_is_result(LLVMValueRef argument) {
  return esc_parameter_type_attribute(argument, "sret") != NULL;
}

static LLVMTypeRef object_type(LLVMValueRef argument) {
  LLVMTypeRef type = esc_parameter_type_attribute(argument, "byval");
  return type ? type : esc_parameter_type_attribute(argument, "sret");
}

uint64_t esc_parameter_object_size(LLVMValueRef argument, LLVMTargetDataRef data_layout) {
  LLVMTypeRef type = object_type(argument);
  return type ? LLVMABISizeOfType(data_layout, type) : 0;
}

/* The parameter's `align` attribute when it has one (clang always writes it), else the type's
 * ABI alignment. */
unsigned esc_parameter_object_alignment(LLVMValueRef argument, LLVMTargetDataRef data_layout) {
  uint64_t align = esc_parameter_integer_attribute(argument, "align");
  if (align)
    return (unsigned)align;
  LLVMTypeRef type = object_type(argument);
  return type ? LLVMABIAlignmentOfType(data_layout, type) : 1;
}
