/*
 * pointer_free.h — whether a promoted variable's object can never hold an address the collector
 * must follow, so that the rewrite may allocate it with esc_alloc_atomic (never scanned).
 *
 * Invariant: true only when the variable's type holds no pointer (see pointer_free.c); false is
 * always safe.
 */
#ifndef ESCC_POINTER_FREE_H
#define ESCC_POINTER_FREE_H

#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <stdbool.h>

/* Whether the object that replaces ALLOCA holds no address. The module must be in the debug
 * format set up by esc_debug_format_begin, and ALLOCA's declares not yet moved. */
bool esc_alloca_is_pointer_free(LLVMValueRef alloca, LLVMTargetDataRef data_layout);

#endif /* ESCC_POINTER_FREE_H */
