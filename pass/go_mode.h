/*
 * go_mode.h — what changes when the module comes from escc's Go front end (docs/go.md): the
 * module flags that switch it on, Go's results (several of them, with gc's names), closures
 * and gc's size limits. The rest of the pass asks these questions; C modules answer "no" to all.
 *
 * Invariant: without the module flags every function here leaves the analysis exactly as it
 * is for C.
 */
#ifndef ESCC_GO_MODE_H
#define ESCC_GO_MODE_H

#include "graph.h"
#include "summary.h"

#include <llvm-c/Target.h>

/* The module flags the Go front end sets. */
typedef struct {
  bool go;                          /* !"escc.source-language" = !"go": gc's rules and report */
  bool integers_carry_no_addresses; /* !"escc.integers-carry-no-addresses" = 1 */
} esc_source_mode;

esc_source_mode esc_source_mode_of(LLVMModuleRef module);

/* The names of a Go function's results from its "escc-results" attribute, in gc's spelling
 * ("~r0", a named result's name); returns how many (0 without the attribute). At most
 * ESC_MAX_RESULTS names are stored, the count is the full one. The strings live as long as
 * the module's context. */
unsigned esc_go_result_names(LLVMValueRef function, const char **names, size_t *lengths);

/* "ret value" of a function with several Go results: field K of the insertvalue chain that
 * builds value flows into result K's location; anything not built that way flows into every
 * result. Only for graphs with result_count > 1. */
void esc_go_flow_into_results(esc_graph *graph, LLVMValueRef value, LLVMValueRef ret);

/* A call of a Go function with several results (summary->result_count > 1) whose value is
 * only ever taken apart by extractvalue: each result is then followed on its own — the call
 * adds no flow into its value, each `extractvalue %call, K` gets the flows into result K. */
bool esc_go_results_apart(LLVMValueRef call, const esc_function_summary *summary);

/* The flows into `extractvalue %call, K` when esc_go_results_apart holds for the call; false
 * (nothing added) otherwise. */
bool esc_go_flow_extracted_result(esc_graph *graph, LLVMValueRef extract,
                                  const esc_summary_table *summaries);

/* gc analyses a recursive SCC as one graph, not call by call, so a recursive call's result may
 * be the caller's own parameters (the callee's parameter locations are the caller's). For a
 * self-call, flows into `target` (the call's value, or its result `result`; -1: any) from the
 * function's own parameters, with the summary's result leaks. */
void esc_go_flow_own_parameters(esc_graph *graph, LLVMValueRef call,
                                const esc_function_summary *summary, int target, int result);

/* The rest of gc's one-graph view of a batch (a recursive SCC, or a function with its
 * closures), after solving one member: a parameter of another member B that reaches B's result
 * leaks to the heap when this member's use of that result reaches the heap or this member's
 * results (to gc, another function's result is as good as the heap). For each call of a member
 * (is_member) it hands lower() B, the parameter and the derefs; true if a lower() said it
 * changed something. */
typedef bool (*esc_go_batch_member)(LLVMValueRef caller, LLVMValueRef callee, void *context);
typedef bool (*esc_go_lower_heap)(LLVMValueRef callee, unsigned parameter, int32_t derefs,
                                  void *context);
bool esc_go_batch_leaks(const esc_graph *graph, const esc_summary_table *summaries,
                        esc_go_batch_member is_member, esc_go_lower_heap lower, void *context);

/* Whether two functions are in one batch of gc's by their names: a function and its closures
 * ("F", "F.func1", "F.func1.1"). */
bool esc_go_same_batch(LLVMValueRef left, LLVMValueRef right);

/* A closure body that reads its context (parameter 0) only as `load (gep %ctx, 0, K)`: after
 * solving it, record in summary how each field's value leaks (context_fields). */
void esc_go_record_context_fields(const esc_graph *graph, esc_function_summary *summary);

/* A direct call of such a body whose context object is an alloca only written field by field and
 * passed to direct calls of the body: apply each field's leak to the value stored in that field
 * (gc sees captured variables one by one) instead of the context's leak to the whole object.
 * Returns whether argument 0 was handled so. */
bool esc_go_apply_context_fields(esc_graph *graph, LLVMValueRef call,
                                 const esc_function_summary *summary);

/* A call of a Go func value: `call (load X)(X, ...)`, the function loaded from the closure
 * object that is passed as its context (first argument). gc does not leak a func value by
 * calling it: what the body does with its context is accounted for where the closure is made
 * (esc_go_flow_closure_context), so the context argument gets no edge here. */
bool esc_go_is_closure_call(LLVMValueRef call);

/* `store @F, ptr P` in Go mode: P points into a closure object whose function is F. F's body
 * will receive the object as its context (first parameter) whenever it is called, by anyone:
 * F's summary for that parameter applies to the object now, a leak to F's result counting as a
 * leak to the heap (the caller is unknown). Nothing to do for an object only ever passed to
 * direct calls of F (a func literal called where it is written): those calls apply it. */
void esc_go_flow_closure_context(esc_graph *graph, LLVMValueRef store,
                                 const esc_summary_table *summaries);

/* Go's loop variables: an alloca whose object starts (llvm.lifetime.start) in a block on a CFG
 * cycle is a new object every iteration, sharing one stack slot. When its address may reach a
 * holder that outlives the iteration — a variable made outside that loop, or a phi on a cycle
 * — it escapes (reason outlives-iteration), as gc's loop-depth rule moves it to the heap.
 * Adds those sinks to the graph (before solving). */
void esc_go_loop_iterations(esc_graph *graph);

/* gc's size limits (cmd/compile/internal/ir.MaxStackVarSize, MaxImplicitStackVarSize): a named
 * variable over 10 MB, an allocation site (DIFlagArtificial) over 64 KB or of non-constant size
 * goes to the heap. Adds the sinks for every such alloca of the graph's function; `is_site`
 * tells allocation sites from variables. */
typedef bool (*esc_alloca_predicate)(LLVMValueRef alloca, void *context);
void esc_go_size_limits(esc_graph *graph, LLVMTargetDataRef data_layout,
                        esc_alloca_predicate is_site, void *context);

#endif /* ESCC_GO_MODE_H */
