/*
 * compile.c — from the promoted module to machine code: the target machine, the standard
 * optimisation pipeline (LLVMRunPasses "default<On>") and object/assembly emission.
 *
 * Invariant: promotion runs before any optimisation (so SROA and inlining never see an
 * escaping alloca); the pipeline only ever receives a module that passed the verifier.
 */
#include "escc.h"

#include <llvm-c/Analysis.h>
#include <llvm-c/Target.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <stdlib.h>
#include <string.h>

static LLVMCodeGenOptLevel codegen_level(int optimization) {
  switch (optimization) {
  case 0:
    return LLVMCodeGenLevelNone;
  case 1:
    return LLVMCodeGenLevelLess;
  case 3:
    return LLVMCodeGenLevelAggressive;
  default:
    return LLVMCodeGenLevelDefault;
  }
}

LLVMTargetMachineRef escc_target_machine(LLVMModuleRef module, const char *subject,
                                         int optimization) {
  escc_initialize_llvm();
  const char *triple = LLVMGetTarget(module);
  char *default_triple = NULL;
  if (!triple || !*triple) {
    default_triple = LLVMGetDefaultTargetTriple();
    LLVMSetTarget(module, default_triple);
    triple = default_triple;
  }
  LLVMTargetRef target;
  char *message = NULL;
  if (LLVMGetTargetFromTriple(triple, &target, &message)) {
    escc_error(subject, "unsupported target '%s': %s", triple, message);
    LLVMDisposeMessage(message);
    LLVMDisposeMessage(default_triple);
    return NULL;
  }
  /* Like clang without -march: the triple's generic CPU, so objects run on any such machine. */
  LLVMTargetMachineRef machine = LLVMCreateTargetMachine(
      target, triple, "", "", codegen_level(optimization), LLVMRelocPIC, LLVMCodeModelDefault);
  LLVMDisposeMessage(default_triple);
  if (!machine) {
    escc_error(subject, "cannot create a target machine for '%s'", LLVMGetTarget(module));
    return NULL;
  }
  const char *layout = LLVMGetDataLayoutStr(module);
  if (!layout || !*layout) {
    LLVMTargetDataRef data = LLVMCreateTargetDataLayout(machine);
    char *text = LLVMCopyStringRepOfTargetData(data);
    LLVMSetDataLayout(module, text);
    LLVMDisposeMessage(text);
    LLVMDisposeTargetData(data);
  }
  return machine;
}

int escc_verify(LLVMModuleRef module, const char *subject) {
  char *message = NULL;
  if (!LLVMVerifyModule(module, LLVMReturnStatusAction, &message)) {
    LLVMDisposeMessage(message);
    return ESCC_EXIT_OK;
  }
  char *newline = message ? strchr(message, '\n') : NULL;
  if (newline)
    *newline = '\0';
  escc_error(subject, "internal error: the promoted module fails the verifier: %s",
             message ? message : "");
  LLVMDisposeMessage(message);
  return ESCC_EXIT_FAILED;
}

int escc_optimize(LLVMModuleRef module, LLVMTargetMachineRef machine, int optimization,
                  const char *subject) {
  if (optimization < 0)
    optimization = 2;
  char pipeline[32];
  snprintf(pipeline, sizeof pipeline, "default<O%d>", optimization);
  LLVMPassBuilderOptionsRef options = LLVMCreatePassBuilderOptions();
  escc_phase_begin(ESCC_PHASE_OPTIMIZE);
  LLVMErrorRef error = LLVMRunPasses(module, pipeline, machine, options);
  escc_phase_end(ESCC_PHASE_OPTIMIZE);
  LLVMDisposePassBuilderOptions(options);
  if (error) {
    char *message = LLVMGetErrorMessage(error);
    escc_error(subject, "optimisation pipeline %s failed: %s", pipeline, message);
    LLVMDisposeErrorMessage(message);
    return ESCC_EXIT_FAILED;
  }
  return ESCC_EXIT_OK;
}

int escc_emit(LLVMModuleRef module, LLVMTargetMachineRef machine, const char *path, bool assembly,
              const char *subject) {
  char *message = NULL;
  escc_phase_begin(ESCC_PHASE_EMIT);
  /* The C API takes a non-const path. */
  char *writable_path = escc_xstrdup(path);
  bool failed = LLVMTargetMachineEmitToFile(machine, module, writable_path,
                                            assembly ? LLVMAssemblyFile : LLVMObjectFile, &message);
  free(writable_path);
  escc_phase_end(ESCC_PHASE_EMIT);
  if (failed) {
    escc_error(subject, "cannot write %s: %s", path, message ? message : "");
    LLVMDisposeMessage(message);
    return ESCC_EXIT_FAILED;
  }
  return ESCC_EXIT_OK;
}
