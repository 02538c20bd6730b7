/*
 * scopes.h — the region of a local variable's source scope, recovered from debug info, and the
 * points where execution enters it: where the rewrite gives a promoted variable its fresh object
 * when clang left no lifetime markers (at -O0, for compound literals, for a variable a `switch`
 * label or `goto` jumps over, in a function with a computed goto).
 *
 * A variable's scope is the DILexicalBlock of its DILocalVariable, or, for an alloca without a
 * declare (a compound literal, a temporary), the scope of its first use's !dbg location. The
 * region is every instruction whose !dbg scope chain passes through that scope; an instruction
 * without a location (or a debug intrinsic) belongs to whatever region ran last before it. An
 * entry is a CFG edge, or a step inside a block, from outside the region to inside it: loop
 * back edges, gotos and case labels included.
 *
 * Invariant: a region is computed from the function as it was when esc_scope_region_find ran;
 * instructions added afterwards in existing blocks do not change which edges enter it.
 */
#ifndef ESCC_SCOPES_H
#define ESCC_SCOPES_H

#include <llvm-c/Core.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
  ESC_SCOPE_UNKNOWN,  /* no debug information names the variable's scope */
  ESC_SCOPE_FUNCTION, /* the whole function: one object per call is exact */
  ESC_SCOPE_BLOCK,    /* a lexical block: see the entries */
} esc_scope_kind;

/* One place where execution enters the region. */
typedef struct {
  LLVMValueRef before;   /* the object is made right before this instruction */
  bool some_paths_enter; /* at a block start reached from inside and from outside the region:
                            only edges from blocks where esc_scope_region_ends_inside is false
                            enter it; otherwise every path reaching `before` enters */
} esc_scope_entry;

typedef struct esc_scope_region esc_scope_region;

/* The scope region of a static alloca. Never NULL; its kind says whether entries exist. Needs
 * the debug format set up by esc_debug_format_begin. */
esc_scope_region *esc_scope_region_find(LLVMValueRef alloca);
void esc_scope_region_free(esc_scope_region *region);

esc_scope_kind esc_scope_region_kind(const esc_scope_region *region);
size_t esc_scope_region_entry_count(const esc_scope_region *region);
esc_scope_entry esc_scope_region_entry(const esc_scope_region *region, size_t index);

/* Whether execution leaves block (at its terminator) inside the region. */
bool esc_scope_region_ends_inside(const esc_scope_region *region, LLVMBasicBlockRef block);

/* ===== Scopes of all variables (for the analysis' outer-scope rule) ===== */

/* A variable's source scope, found as for a region (the DILocalVariable's, else the first
 * use's); scope is NULL when neither exists. */
typedef struct {
  LLVMMetadataRef scope; /* a DILexicalBlock or the DISubprogram */
  bool declared;         /* from the variable's DILocalVariable (else from its first use) */
} esc_variable_scope;

/* The scopes of every alloca and parameter of one function, found in one pass over it. Needs
 * the debug format set up by esc_debug_format_begin. */
typedef struct esc_variable_scopes esc_variable_scopes;
esc_variable_scopes *esc_variable_scopes_new(LLVMValueRef function);
esc_variable_scope esc_variable_scopes_get(const esc_variable_scopes *scopes, LLVMValueRef value);
void esc_variable_scopes_free(esc_variable_scopes *scopes);

/* The function's own scope (its DISubprogram), or NULL without debug info. */
LLVMMetadataRef esc_function_scope(LLVMValueRef function);

/* Whether inner is nested, at any depth, in outer (and is not outer itself). */
bool esc_scope_strictly_encloses(LLVMContextRef context, LLVMMetadataRef outer,
                                 LLVMMetadataRef inner);

#endif /* ESCC_SCOPES_H */
