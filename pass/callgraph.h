/*
 * callgraph.h — the module's defined functions grouped into strongly connected components of
 * the "refers to" graph, callees before callers, so summaries can be computed bottom-up.
 */
#ifndef ESCC_CALLGRAPH_H
#define ESCC_CALLGRAPH_H

#include <llvm-c/Core.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
  LLVMValueRef *functions;
  size_t count;
  bool recursive; /* more than one function, or one that refers to itself */
} esc_scc;

/* Every defined function in exactly one SCC; SCCs in bottom-up order. */
esc_scc *esc_callgraph_sccs(LLVMModuleRef module, size_t *scc_count);
void esc_callgraph_free(esc_scc *sccs, size_t scc_count);

#endif /* ESCC_CALLGRAPH_H */
