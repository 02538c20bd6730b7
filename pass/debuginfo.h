/*
 * debuginfo.h — names and source places for the values the analysis talks about: allocas
 * (variables), parameters and instructions (flow steps), from debug info where the module has
 * it, else from IR names, else the "%N" slot number the IR printer would show.
 *
 * Invariant: every string returned stays valid until esc_names_free; places with no debug
 * info have file == NULL.
 */
#ifndef ESCC_DEBUGINFO_H
#define ESCC_DEBUGINFO_H

#include "escape.h"

typedef struct esc_names esc_names;

/* Index one function's debug declares and slot numbers. The module must be in the format set
 * up by esc_debug_format_begin. */
esc_names *esc_names_for_function(LLVMValueRef function);
void esc_names_free(esc_names *names);

/* A local variable: the source name and declaration place of the alloca's DILocalVariable
 * (line from the variable, column from the declare's DILocation), else IR name / "%N". */
const char *esc_names_variable(esc_names *names, LLVMValueRef alloca, esc_source_place *place);

/* A parameter: its source name and place (the DILocalVariable of the slot it is spilled to at
 * -O0, or whose declare names the argument), else IR name / "%N". */
const char *esc_names_parameter(esc_names *names, LLVMValueRef argument, esc_source_place *place);

/* Whether the alloca has a debug declare at all (Go mode reports nothing for one without:
 * a front end's temporary). */
bool esc_names_variable_is_declared(esc_names *names, LLVMValueRef alloca);

/* Whether the alloca's DILocalVariable is flagged DIFlagArtificial: in a Go module, an
 * allocation site (`new(int)`, `&T{...}`) whose name is gc's spelling of the expression. */
bool esc_names_variable_is_site(esc_names *names, LLVMValueRef alloca);

/* Whether the alloca's declare names a parameter (its DILocalVariable has `arg: N`). */
bool esc_names_variable_is_parameter(esc_names *names, LLVMValueRef alloca);

/* Whether the parameter has a source variable (a declare on it or on its spill slot). */
bool esc_names_parameter_is_declared(esc_names *names, LLVMValueRef argument);

/* Any value as the IR printer would name it: "%x", "@g", "%3"; constants printed briefly. */
const char *esc_names_value(esc_names *names, LLVMValueRef value);

/* The instruction's !dbg location; file NULL when it has none. */
esc_source_place esc_instruction_place(LLVMValueRef instruction);

/* The source file name of the function's DISubprogram, or NULL. */
const char *esc_function_file(LLVMValueRef function);

#endif /* ESCC_DEBUGINFO_H */
