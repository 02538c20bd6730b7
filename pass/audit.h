/*
 * audit.h — the instrumentation of the dynamic audit (escape-promote<audit>, escc --audit):
 * the calls into escrt's esc_audit_* functions that let a run tell which promotions were
 * really needed (runtime/audit.c counts; docs/runtime.md, "Audit", explains the policy).
 *
 * The rewrite (promote.c) asks for one thing while it works — the audited allocation of a
 * promoted variable — and audit.c adds the rest: a table of the module's sites, a frame entry
 * and a frame exit before every return in each function that allocates audited objects, and the
 * table's registration at the entry of main.
 */
#ifndef ESCC_AUDIT_H
#define ESCC_AUDIT_H

#include "escape.h"

typedef struct esc_audit esc_audit;

/* The site table for the promoted, unpinned allocations of analysis (which describes module). */
esc_audit *esc_audit_begin(LLVMModuleRef module, const esc_analysis *analysis);
/* Emits at builder's position the audited allocation of size bytes for allocation's site. */
LLVMValueRef esc_audit_build_allocation(esc_audit *audit, LLVMBuilderRef builder,
                                        const esc_allocation *allocation, LLVMValueRef size,
                                        const char *name);
/* Adds the frame entries and exits and main's registration, and frees audit. */
void esc_audit_finish(esc_audit *audit);

#endif /* ESCC_AUDIT_H */
