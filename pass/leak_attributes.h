/*
 * leak_attributes.h — summaries of declared functions read from their parameters' "escc-leak"
 * attributes (leak_attributes.c, docs/go.md).
 *
 * Invariant: only declarations that carry the attribute get a summary; others stay unknown.
 */
#ifndef ESCC_LEAK_ATTRIBUTES_H
#define ESCC_LEAK_ATTRIBUTES_H

#include "summary.h"

/* Add a summary to the table for every declaration of the module with "escc-leak" tags. */
void esc_load_leak_attributes(LLVMModuleRef module, esc_summary_table *summaries);

#endif /* ESCC_LEAK_ATTRIBUTES_H */
