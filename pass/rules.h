/*
 * rules.h — turning one function's instructions into location-graph edges. The rules are the
 * analysis' knowledge of LLVM IR; they are split by concept:
 *   flow_rules.c     one switch over instruction kinds (loads, stores, casts, phis, ret, ...)
 *   call_rules.c     calls: intrinsics, defined callees (summaries), library models,
 *                    attributes, indirect calls and inline asm
 *   store_targets.c  where a store or memcpy writes: local variables or {heap}
 *   integer_addresses.c  whether an integer (a GEP index) may carry an address
 *   disguised_integers.c  whether an address turned into an integer is disguised (pinned)
 *   format_pointers.c  the arguments a printf-style call prints with %p
 *   self_assignment.c  gc's self-assignment rule (Go mode)
 *   go_mode.c        Go's results and size limits
 *
 * Invariant: a rule may only over-approximate (add flows the program may not have), never
 * leave out a flow the program can perform.
 */
#ifndef ESCC_RULES_H
#define ESCC_RULES_H

#include "graph.h"
#include "summary.h"

/* Add the edges of every instruction of graph->function. */
void esc_build_graph(esc_graph *graph, const esc_summary_table *summaries);

/* The edges of one call, invoke or callbr. */
void esc_build_call(esc_graph *graph, LLVMValueRef call, const esc_summary_table *summaries);

/* "*pointer = source": source flows into the variables pointer may point to, or into {heap}
 * (with the reason) when it may point anywhere else. */
void esc_flow_into_memory(esc_graph *graph, LLVMValueRef pointer, int source, esc_edge_kind kind,
                          LLVMValueRef instruction);

/* The non-constant GEP indices met while tracing a pointer to its base: the pointer's offset
 * from the start of that base is made of them. */
enum { ESC_MAX_OFFSETS = 32 };
typedef struct {
  LLVMValueRef values[ESC_MAX_OFFSETS];
  size_t count;
} esc_offset_values;

/* The one local variable a pointer can point into, traced as a store's target is (GEPs, casts,
 * phis, plain pointer slots) but whatever its GEP indices hold, or NULL when it may point
 * anywhere else; the indices met are appended to offsets (NULL too when they do not fit). */
LLVMValueRef esc_single_alloca_base(LLVMValueRef pointer, esc_offset_values *offsets);

/* An alloca whose every use is the address operand of a load or store (or a lifetime/debug
 * marker): only those stores can change what it holds. */
bool esc_is_plain_pointer_slot(LLVMValueRef alloca);

/* The edges of the %p arguments of a printf-style call whose format is argument format_index
 * and whose variadic arguments follow it (format_pointers.c). */
void esc_build_printf_pointers(esc_graph *graph, LLVMValueRef call, unsigned format_index);

/* Whether the call is a declared printf, fprintf or dprintf (or their _chk forms): its text goes
 * to a stream, out of the program (format_pointers.c). */
bool esc_printf_writes_to_stream(LLVMValueRef call);

/* Whether printf-style call converts operand (a variadic argument after the format, argument
 * format_index) only with integer conversions (%d, %x, %c, ...; at least one, and the format a
 * constant string): it prints the argument's value as text (format_pointers.c). */
bool esc_printf_converts_only_as_integer(LLVMValueRef call, unsigned format_index,
                                         unsigned operand);

/* `a - b` of two pointers turned into integers, whatever they point into (disguised_integers.c). */
bool esc_is_difference_of_pointers(LLVMValueRef instruction);

/* Whether the integer a ptrtoint makes may disguise the address from the collector: become a
 * pointer again, or leave what the analysis sees (disguised_integers.c). */
bool esc_pointer_integer_is_disguised(LLVMValueRef ptrtoint, unsigned pointer_bits);

/* Whether an instruction's result is made of its operands' bits (casts, integer and
 * floating-point arithmetic, phi, select, vector and aggregate element moves), so that it may
 * carry an address one of them carries (integer_addresses.c). */
bool esc_opcode_carries_operand_bits(LLVMOpcode opcode);

/* Whether an integer may carry an address (integer_addresses.c); pointer_bits is the width of
 * an address in the module. */
bool esc_integer_may_carry_address(LLVMValueRef value, unsigned pointer_bits);

/* Whether the instruction is a call to an intrinsic that only marks something (lifetime,
 * debug info, assume, ...) and moves no data. */
bool esc_is_marker_intrinsic(LLVMValueRef instruction);

/* Whether the store is gc's self-assignment (`b.buf = b.buf[:n]`, `v.x = v.y`): it writes into
 * an object only pointers loaded from that same object (self_assignment.c, Go mode only). */
bool esc_is_self_assignment(LLVMValueRef store);

/* "*destination = *source" (memcpy, memmove, struct copies). */
void esc_flow_copy_memory(esc_graph *graph, LLVMValueRef destination, LLVMValueRef source,
                          LLVMValueRef instruction);

#endif /* ESCC_RULES_H */
