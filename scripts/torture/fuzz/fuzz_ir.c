/*
 * fuzz_ir.c — libFuzzer harness over escc's IR and bitcode input path (issue 5, item 6).
 *
 * Each input is read as the driver reads a .ll and a .bc file, from memory buffers: as IR text
 * (LLVMParseIRInContext) and, when that parses, written to bitcode and read back
 * (LLVMParseBitcodeInContext2), so the bitcode path sees every module too. With
 * FUZZ_IR_RAW_BITCODE=1 bytes that are not IR text are also handed to the bitcode reader as
 * they are. Every module that parses and verifies then goes through the analysis, the text
 * report and the rewrite, twice: with the normal analysis and with promote_all, on a clone,
 * with the runtime picked from the input's bytes. The rewritten module must verify.
 *
 * Invariant checked: for every module the verifier accepts, esc_analyze_module returns an
 * analysis, the report and the rewrite do not crash (ASan/UBSan watch them) and the rewritten
 * module verifies; otherwise the harness aborts, which libFuzzer records as a crash.
 */
#include "escape.h"

#include <llvm-c/Analysis.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/BitWriter.h>
#include <llvm-c/Core.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Support.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The report goes nowhere, but all of it is formatted. */
static FILE *report_sink(void) {
  static FILE *sink;
  if (!sink)
    sink = fopen("/dev/null", "w");
  return sink;
}

/* Parse errors arrive as context diagnostics; LLVM's default handler would exit(1). The driver
 * (tools/inputs.c) captures them the same way. */
static void ignore_diagnostic(LLVMDiagnosticInfoRef info, void *unused) {
  (void)info;
  (void)unused;
}

/* A hash of the input, independent of the parse: the runtime the rewrite calls. */
static esc_runtime runtime_for(const uint8_t *data, size_t size) {
  uint32_t hash = 2166136261u;
  for (size_t index = 0; index < size; index++)
    hash = (hash ^ data[index]) * 16777619u;
  return (esc_runtime)(hash % 3);
}

/* Analyse, report and rewrite one verified module; abort when the result does not verify. */
static void promote_and_verify(LLVMModuleRef module, bool promote_all, esc_runtime runtime) {
  esc_analysis_options analysis_options = {.promote_all = promote_all};
  esc_analysis *analysis = esc_analyze_module(module, &analysis_options);
  if (!analysis) {
    fprintf(stderr, "fuzz_ir: esc_analyze_module returned NULL on a verified module\n");
    abort();
  }
  esc_report_text(analysis, report_sink(), 2);
  esc_promote_options promote_options = {.runtime = runtime};
  esc_promote_module(module, analysis, &promote_options);
  esc_analysis_free(analysis);

  char *message = NULL;
  if (LLVMVerifyModule(module, LLVMReturnStatusAction, &message)) {
    fprintf(stderr, "fuzz_ir: the rewritten module does not verify (%s, runtime %d):\n%s\n",
            promote_all ? "all" : "normal", (int)runtime, message ? message : "");
    char *text = LLVMPrintModuleToString(module);
    fprintf(stderr, "%s\n", text);
    LLVMDisposeMessage(text);
    abort();
  }
  LLVMDisposeMessage(message);
}

/* Parse a copy of BYTES as IR text; NULL when it does not parse. */
static LLVMModuleRef parse_text(LLVMContextRef context, const char *bytes, size_t size) {
  /* The parser takes the buffer (a copy, NUL-terminated by LLVM). */
  LLVMMemoryBufferRef text = LLVMCreateMemoryBufferWithMemoryRangeCopy(bytes, size, "fuzz.ll");
  LLVMModuleRef module = NULL;
  char *message = NULL;
  if (LLVMParseIRInContext(context, text, &module, &message))
    module = NULL;
  LLVMDisposeMessage(message);
  return module;
}

/* Parse a copy of BYTES as bitcode; NULL when it does not parse. */
static LLVMModuleRef parse_bitcode(LLVMContextRef context, const char *bytes, size_t size) {
  LLVMMemoryBufferRef bitcode = LLVMCreateMemoryBufferWithMemoryRangeCopy(bytes, size, "fuzz.bc");
  LLVMModuleRef module = NULL;
  if (LLVMParseBitcodeInContext2(context, bitcode, &module))
    module = NULL;
  LLVMDisposeMemoryBuffer(bitcode); /* this parser leaves the buffer to us */
  return module;
}

typedef LLVMModuleRef (*module_parser)(LLVMContextRef, const char *, size_t);

/* Both modes, each on a module of its own parse (LLVMCloneModule does not remap a declaration's
 * prefix data, so a clone would share globals with its original and fail the verifier). */
static void check_input(LLVMContextRef context, module_parser parse, const char *bytes, size_t size,
                        esc_runtime runtime) {
  for (int promote_all = 0; promote_all <= 1; promote_all++) {
    LLVMModuleRef module = parse(context, bytes, size);
    if (!module)
      return;
    /* No message: printing what is wrong with a broken debug record can crash LLVM 19. */
    bool broken = LLVMVerifyModule(module, LLVMReturnStatusAction, NULL);
    if (!broken)
      promote_and_verify(module, promote_all, runtime);
    LLVMDisposeModule(module);
    if (broken)
      return;
  }
}

/* LLVMParseIRInContext hands bytes with a bitcode magic (raw or wrapped) to the bitcode reader. */
static bool looks_like_bitcode(const uint8_t *data, size_t size) {
  static const uint8_t raw[4] = {0x42, 0x43, 0xc0, 0xde}, wrapper[4] = {0xde, 0xc0, 0x17, 0x0b};
  return size >= 4 && (memcmp(data, raw, 4) == 0 || memcmp(data, wrapper, 4) == 0);
}

static bool raw_bitcode_wanted(void) {
  static int wanted = -1;
  if (wanted < 0) {
    const char *setting = getenv("FUZZ_IR_RAW_BITCODE");
    wanted = setting && setting[0] == '1';
  }
  return wanted;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  /* The text parser verifies a module that carries debug info and calls report_fatal_error when
   * it is broken (UpgradeDebugInfo); without the upgrade, LLVMVerifyModule turns such modules
   * away here instead. */
  const char *options[] = {"fuzz_ir", "-disable-auto-upgrade-debug-info"};
  LLVMParseCommandLineOptions(2, options, NULL);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (looks_like_bitcode(data, size) && !raw_bitcode_wanted())
    return 0;
  esc_runtime runtime = runtime_for(data, size);
  LLVMContextRef context = LLVMContextCreate();
  LLVMContextSetDiagnosticHandler(context, ignore_diagnostic, NULL);

  LLVMModuleRef module = parse_text(context, (const char *)data, size);
  if (module) {
    check_input(context, parse_text, (const char *)data, size, runtime);
    /* A valid module also goes through the bitcode reader: written by LLVM, so well formed. */
    if (!LLVMVerifyModule(module, LLVMReturnStatusAction, NULL)) {
      LLVMMemoryBufferRef written = LLVMWriteBitcodeToMemoryBuffer(module);
      check_input(context, parse_bitcode, LLVMGetBufferStart(written), LLVMGetBufferSize(written),
                  runtime);
      LLVMDisposeMemoryBuffer(written);
    }
    LLVMDisposeModule(module);
  } else if (raw_bitcode_wanted()) {
    /* The raw bytes as bitcode. Off by default: Debian's release LLVM reader crashes and leaks
     * on malformed bitcode by itself (docs/reliability.md), which would hide escc's bugs. */
    check_input(context, parse_bitcode, (const char *)data, size, runtime);
  }

  LLVMContextDispose(context);
  return 0;
}
