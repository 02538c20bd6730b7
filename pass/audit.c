/*
 * audit.c — instrumenting a promoted module for escrt's audit (runtime/audit.c): which
 * promotions were really needed in a run.
 *
 * The module gets one table of sites, in the layout of escrt.h's struct esc_audit_table:
 *
 *   @esc.audit.table = internal global { ptr next, i64 registered, i64 count,
 *                        [N x { ptr module, ptr file, ptr function, ptr variable,
 *                               i32 line, i32 column, i64 allocated, i64 outlived,
 *                               i64 alive, i64 most_alive }] }
 *
 * one site per promoted variable that is collectable (a pinned object is never collected, so
 * whether it outlived its frame cannot be seen: it is not audited). Promotion then allocates
 * with esc_audit_alloc(size, align, site), and esc_audit_finish adds the frame calls:
 *
 *   entry of a function that calls esc_audit_alloc:  %token = esc_audit_frame_enter(table)
 *   before each of its returns:                      esc_audit_frame_leave(%token)
 *   entry of main:                                   esc_audit_register(table)
 *
 * (main registers the table so that sites that never run are reported too.) Scopes inside a
 * function are not audited: after llvm.lifetime.end the box still holds the object (its address may
 * still be compared or returned), so a collection could not tell the frame's own reference from one
 * that outlives the scope. An object of a loop iteration therefore ends with its frame.
 *
 * Invariant: the instrumentation only adds calls (and the table); it never changes what the
 * program computes, and the module still passes the verifier. A return that must follow a
 * musttail call gets no frame exit (nothing may come between them): that frame's objects end
 * with the next enclosing frame exit instead.
 */
#include "audit.h"

#include "memory.h"
#include "pointer_map.h"

#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>
#include <stdlib.h>
#include <string.h>

struct esc_audit {
  LLVMModuleRef module;
  LLVMContextRef context;
  LLVMTypeRef pointer_type, size_type, i32, i64;
  LLVMTypeRef table_type;
  LLVMValueRef table;
  esc_pointer_map *site_of; /* esc_allocation * -> site index */
};

static const char alloc_name[] = "esc_audit_alloc";

/* A private constant C string. */
static LLVMValueRef string_constant(esc_audit *audit, const char *text) {
  if (!text)
    return LLVMConstNull(audit->pointer_type);
  LLVMValueRef value = LLVMConstStringInContext(audit->context, text, (unsigned)strlen(text), 0);
  LLVMValueRef global = LLVMAddGlobal(audit->module, LLVMTypeOf(value), "esc.audit.name");
  LLVMSetInitializer(global, value);
  LLVMSetGlobalConstant(global, 1);
  LLVMSetLinkage(global, LLVMPrivateLinkage);
  LLVMSetUnnamedAddress(global, LLVMGlobalUnnamedAddr);
  return global;
}

static LLVMValueRef site_constant(esc_audit *audit, LLVMTypeRef site_type, LLVMValueRef module_name,
                                  const esc_allocation *allocation) {
  LLVMValueRef zero64 = LLVMConstInt(audit->i64, 0, 0);
  LLVMValueRef fields[] = {module_name,
                           string_constant(audit, allocation->place.file),
                           string_constant(audit, allocation->function),
                           string_constant(audit, allocation->variable),
                           LLVMConstInt(audit->i32, allocation->place.line, 0),
                           LLVMConstInt(audit->i32, allocation->place.column, 0),
                           zero64,
                           zero64,
                           zero64,
                           zero64};
  return LLVMConstNamedStruct(site_type, fields, sizeof fields / sizeof *fields);
}

static bool audited(const esc_allocation *allocation) {
  return allocation->decision == ESC_DECISION_HEAP && !allocation->address_hidden;
}

esc_audit *esc_audit_begin(LLVMModuleRef module, const esc_analysis *analysis) {
  esc_audit *audit = esc_xcalloc(1, sizeof *audit);
  audit->module = module;
  audit->context = LLVMGetModuleContext(module);
  audit->pointer_type = LLVMPointerTypeInContext(audit->context, 0);
  audit->size_type = LLVMIntPtrTypeInContext(audit->context, LLVMGetModuleDataLayout(module));
  audit->i32 = LLVMInt32TypeInContext(audit->context);
  audit->i64 = LLVMInt64TypeInContext(audit->context);
  audit->site_of = esc_pointer_map_new();

  LLVMTypeRef ptr = audit->pointer_type, i32 = audit->i32, i64 = audit->i64;
  LLVMTypeRef site_fields[] = {ptr, ptr, ptr, ptr, i32, i32, i64, i64, i64, i64};
  LLVMTypeRef site_type = LLVMStructCreateNamed(audit->context, "esc.audit.site");
  LLVMStructSetBody(site_type, site_fields, sizeof site_fields / sizeof *site_fields, 0);

  size_t count = 0, allocation_count = esc_analysis_allocation_count(analysis);
  LLVMValueRef *sites = esc_xmalloc((allocation_count + 1) * sizeof *sites);
  LLVMValueRef module_name = string_constant(audit, esc_analysis_module_name(analysis));
  for (size_t i = 0; i < allocation_count; i++) {
    const esc_allocation *allocation = esc_analysis_allocation(analysis, i);
    if (!audited(allocation))
      continue;
    esc_pointer_map_put(audit->site_of, allocation, (intptr_t)count);
    sites[count++] = site_constant(audit, site_type, module_name, allocation);
  }
  LLVMTypeRef array_type = LLVMArrayType2(site_type, count);
  LLVMTypeRef table_fields[] = {ptr, i64, i64, array_type};
  audit->table_type = LLVMStructTypeInContext(audit->context, table_fields, 4, 0);
  LLVMValueRef values[] = {LLVMConstNull(ptr), LLVMConstInt(i64, 0, 0), LLVMConstInt(i64, count, 0),
                           LLVMConstArray2(site_type, sites, count)};
  free(sites);
  audit->table = LLVMAddGlobal(module, audit->table_type, "esc.audit.table");
  LLVMSetInitializer(audit->table, LLVMConstStructInContext(audit->context, values, 4, 0));
  LLVMSetLinkage(audit->table, LLVMInternalLinkage);
  LLVMSetAlignment(audit->table, 8);
  return audit;
}

/* A call to escrt's NAME, declared on first use. */
static LLVMValueRef call_runtime(esc_audit *audit, LLVMBuilderRef builder, const char *name,
                                 LLVMTypeRef result_type, LLVMValueRef *arguments,
                                 unsigned argument_count, const char *value_name) {
  LLVMTypeRef parameter_types[3];
  for (unsigned i = 0; i < argument_count; i++)
    parameter_types[i] = LLVMTypeOf(arguments[i]);
  LLVMTypeRef type = LLVMFunctionType(result_type, parameter_types, argument_count, 0);
  LLVMValueRef function = LLVMGetNamedFunction(audit->module, name);
  if (!function)
    function = LLVMAddFunction(audit->module, name, type);
  return LLVMBuildCall2(builder, type, function, arguments, argument_count, value_name);
}

LLVMValueRef esc_audit_build_allocation(esc_audit *audit, LLVMBuilderRef builder,
                                        const esc_allocation *allocation, LLVMValueRef size,
                                        const char *name) {
  intptr_t site = 0;
  esc_pointer_map_get(audit->site_of, allocation, &site);
  LLVMValueRef indices[] = {LLVMConstInt(audit->i32, 0, 0), LLVMConstInt(audit->i32, 3, 0),
                            LLVMConstInt(audit->i64, (unsigned long long)site, 0)};
  LLVMValueRef site_address = LLVMConstInBoundsGEP2(audit->table_type, audit->table, indices, 3);
  LLVMValueRef arguments[] = {LLVMBuildZExtOrBitCast(builder, size, audit->size_type, ""),
                              LLVMConstInt(audit->size_type, allocation->alignment, 0),
                              site_address};
  return call_runtime(audit, builder, alloc_name, audit->pointer_type, arguments, 3, name);
}

/* ===== Frames ===== */

static bool allocates_audited_objects(LLVMValueRef function) {
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block))
    for (LLVMValueRef instruction = LLVMGetFirstInstruction(block); instruction;
         instruction = LLVMGetNextInstruction(instruction)) {
      if (!LLVMIsACallInst(instruction))
        continue;
      LLVMValueRef callee = LLVMGetCalledValue(instruction);
      size_t length;
      const char *name = LLVMIsAFunction(callee) ? LLVMGetValueName2(callee, &length) : "";
      if (!strcmp(name, alloc_name))
        return true;
    }
  return false;
}

/* Whether ret must stay right after a musttail call. */
static bool follows_musttail(LLVMValueRef ret) {
  LLVMValueRef previous = LLVMGetPreviousInstruction(ret);
  return previous && LLVMIsACallInst(previous) &&
         LLVMGetTailCallKind(previous) == LLVMTailCallKindMustTail;
}

static void instrument_function(esc_audit *audit, LLVMBuilderRef builder, LLVMValueRef function) {
  LLVMValueRef entry = LLVMGetFirstInstruction(LLVMGetEntryBasicBlock(function));
  while (LLVMIsAAllocaInst(entry))
    entry = LLVMGetNextInstruction(entry);
  LLVMPositionBuilderBefore(builder, entry);
  LLVMSetCurrentDebugLocation2(builder, NULL);
  LLVMValueRef table = audit->table;
  if (!allocates_audited_objects(function)) {
    size_t length;
    if (!strcmp(LLVMGetValueName2(function, &length), "main"))
      call_runtime(audit, builder, "esc_audit_register", LLVMVoidTypeInContext(audit->context),
                   &table, 1, "");
    return;
  }
  LLVMValueRef token =
      call_runtime(audit, builder, "esc_audit_frame_enter", audit->i64, &table, 1, "audit.frame");
  for (LLVMBasicBlockRef block = LLVMGetFirstBasicBlock(function); block;
       block = LLVMGetNextBasicBlock(block)) {
    LLVMValueRef terminator = LLVMGetBasicBlockTerminator(block);
    if (!terminator || !LLVMIsAReturnInst(terminator) || follows_musttail(terminator))
      continue;
    LLVMPositionBuilderBefore(builder, terminator);
    LLVMSetCurrentDebugLocation2(builder, LLVMInstructionGetDebugLoc(terminator));
    call_runtime(audit, builder, "esc_audit_frame_leave", LLVMVoidTypeInContext(audit->context),
                 &token, 1, "");
  }
}

void esc_audit_finish(esc_audit *audit) {
  LLVMBuilderRef builder = LLVMCreateBuilderInContext(audit->context);
  for (LLVMValueRef function = LLVMGetFirstFunction(audit->module); function;
       function = LLVMGetNextFunction(function)) {
    size_t length;
    const char *name = LLVMGetValueName2(function, &length);
    if (LLVMIsDeclaration(function) || !strncmp(name, "esc.", 4))
      continue;
    instrument_function(audit, builder, function);
  }
  LLVMDisposeBuilder(builder);
  esc_pointer_map_free(audit->site_of);
  free(audit);
}
