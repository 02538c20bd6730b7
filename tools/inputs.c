/*
 * inputs.c — turning the user's files into one LLVM module: C through clang
 * (-O2 -Xclang -disable-llvm-passes -g -emit-llvm: lifetime markers and debug info, no
 * optimisation yet), Go through escc-go (go.c: all .go files together, one package), textual IR
 * through the IR parser, bitcode through the bitcode reader; then
 * every module is linked into the first (LLVMLinkModules2) so the analysis sees the whole
 * program and parameter summaries cross file boundaries.
 *
 * Invariant: a module handed back has parsed, passed the verifier and has a target triple and
 * data layout (the host's when the file had none), so the analysis can size every alloca.
 * Every failure prints one line naming the file (with the parser's line:column) and returns
 * ESCC_EXIT_USAGE, except a C compile error, where clang has printed its diagnostics and the
 * status is ESCC_EXIT_FAILED. LLVM's own reader and verifier can abort, crash or hang on
 * malformed input; while they run, each is turned into that one line and exit status 2.
 */
#include "escc.h"

#include <llvm-c/Analysis.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/ErrorHandling.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Linker.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ===== Diagnostics from LLVM ================================================================= */

/* The bitcode reader and the linker report through the context's handler; without one, LLVM
 * prints and exits. Keep the last error's text so the caller can put it on its one line. */
static char *last_llvm_error;

static void capture_diagnostic(LLVMDiagnosticInfoRef info, void *context) {
  (void)context;
  if (LLVMGetDiagInfoSeverity(info) != LLVMDSError)
    return;
  free(last_llvm_error);
  last_llvm_error = LLVMGetDiagInfoDescription(info);
}

const char *escc_take_llvm_error(const char *fallback) {
  static char *taken;
  free(taken);
  taken = last_llvm_error;
  last_llvm_error = NULL;
  return taken ? taken : fallback;
}

void escc_capture_llvm_diagnostics(LLVMContextRef context) {
  LLVMContextSetDiagnosticHandler(context, capture_diagnostic, NULL);
}

void escc_initialize_llvm(void) {
  static bool initialized;
  if (initialized)
    return;
  initialized = true;
  LLVMInitializeNativeTarget();
  LLVMInitializeNativeAsmPrinter();
  LLVMInitializeNativeAsmParser();
}

/* ===== The input list ======================================================================== */

void escc_inputs_add(escc_inputs *inputs, const char *path) {
  inputs->items = escc_xrealloc(inputs->items, (inputs->count + 1) * sizeof *inputs->items);
  inputs->items[inputs->count++] =
      (escc_input){.path = escc_xstrdup(path), .source = escc_xstrdup(path)};
}

void escc_inputs_free(escc_inputs *inputs) {
  for (size_t i = 0; i < inputs->count; i++) {
    free(inputs->items[i].path);
    free(inputs->items[i].source);
    free(inputs->items[i].directory);
    escc_strings_free(&inputs->items[i].clang_flags);
  }
  free(inputs->items);
  *inputs = (escc_inputs){NULL, 0};
}

int escc_collect_inputs(const escc_options *options, escc_inputs *inputs) {
  *inputs = (escc_inputs){NULL, 0};
  for (size_t i = 0; i < options->files.count; i++) {
    const char *path = options->files.items[i];
    if (!strcmp(path, "-")) {
      int status = escc_read_standard_input(inputs);
      if (status != ESCC_EXIT_OK)
        return status;
      continue;
    }
    if (!escc_check_input_file(path))
      return ESCC_EXIT_USAGE;
    const char *extension = escc_file_extension(path);
    if (strcmp(extension, "c") && strcmp(extension, "ll") && strcmp(extension, "bc") &&
        strcmp(extension, "go")) {
      escc_error(path, "unsupported input kind '%s%s' (expected .c, .go, .ll or .bc)",
                 *extension ? "." : "", *extension ? extension : "no extension");
      return ESCC_EXIT_USAGE;
    }
    escc_inputs_add(inputs, path);
  }
  if (options->database)
    return escc_compdb_lookup(options->database, inputs);
  return ESCC_EXIT_OK;
}

/* ===== One file ============================================================================== */

char *escc_compile_c_to_bitcode(const char *source, const char *directory,
                                const escc_strings *flags, int *status) {
  char *output = escc_temp_path(escc_base_name(source), "bc");
  if (!output) {
    *status = ESCC_EXIT_FAILED;
    return NULL;
  }
  escc_strings argv = {NULL, 0, 0};
  escc_strings_push(&argv, escc_clang_path());
  /* -O2 so clang emits lifetime markers and TBAA, but no LLVM pass runs: escc analyses the
   * allocas as written. Returning a local's address is what escc makes valid: no warning. */
  const char *fixed[] = {"-O2", "-Xclang",    "-disable-llvm-passes",
                         "-g",  "-emit-llvm", "-Wno-return-stack-address"};
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
    escc_strings_push(&argv, fixed[i]);
  if (flags)
    escc_strings_push_all(&argv, flags);
  escc_strings_push(&argv, "-c");
  escc_strings_push(&argv, source);
  escc_strings_push(&argv, "-o");
  escc_strings_push(&argv, output);
  int result = escc_run_process(argv.items, directory);
  escc_strings_free(&argv);
  if (result != 0) {
    /* clang has printed its diagnostics; -1: it did not even start (error printed). */
    *status = ESCC_EXIT_FAILED;
    free(output);
    return NULL;
  }
  *status = ESCC_EXIT_OK;
  return output;
}

/* "path:3:7: error: expected type\n  line\n  ^" → "line 3, column 7: expected type" */
static char *describe_parse_error(const char *path, const char *message) {
  char *first_line = escc_xstrdup(message);
  char *newline = strchr(first_line, '\n');
  if (newline)
    *newline = '\0';
  const char *rest = first_line;
  if (!strncmp(rest, path, strlen(path)) && rest[strlen(path)] == ':')
    rest += strlen(path) + 1;
  unsigned line = 0, column = 0;
  int consumed = 0;
  char *described;
  if (sscanf(rest, "%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0) {
    rest += consumed;
    if (!strncmp(rest, "error: ", 7))
      rest += 7;
    described = escc_format("invalid IR at line %u, column %u: %s", line, column, rest);
  } else {
    if (!strncmp(rest, "error: ", 7))
      rest += 7;
    described = escc_format("invalid IR: %s", rest);
  }
  free(first_line);
  return described;
}

static bool is_bitcode(const char *bytes, size_t size) {
  static const unsigned char raw[] = {'B', 'C', 0xC0, 0xDE};
  static const unsigned char wrapper[] = {0xDE, 0xC0, 0x17, 0x0B};
  return size >= 4 && (!memcmp(bytes, raw, 4) || !memcmp(bytes, wrapper, 4));
}

/* LLVM's IR parser runs the verifier on modules with debug info (the debug-info upgrade),
 * prints the verifier's findings to stderr and calls report_fatal_error on a broken module,
 * which would abort. While a file is parsed and verified, stderr goes to a scratch file; a
 * fatal error is turned into escc's one line (with the verifier's first finding) and exit
 * status 2 — a fatal-error handler may not return. Otherwise what was written is passed on
 * when the module is accepted and dropped when it is rejected (read_module). */
static struct {
  const char *file;
  FILE *captured;
  int saved_stderr;
} parse_guard = {NULL, NULL, -1};

enum captured_output { PASS_ON_OUTPUT, DROP_OUTPUT };

/* Put stderr back, copying the captured text to it or dropping it (a one-line error replaces
 * it). With first_line, the captured text's first line is kept there. */
static void restore_stderr(enum captured_output what, char *first_line, size_t first_line_size) {
  fflush(stderr);
  if (first_line)
    first_line[0] = '\0';
  if (!parse_guard.captured)
    return;
  rewind(parse_guard.captured);
  char chunk[4096];
  while (fgets(chunk, sizeof chunk, parse_guard.captured)) {
    if (first_line && !first_line[0]) {
      size_t length = strcspn(chunk, "\n");
      if (length >= first_line_size)
        length = first_line_size - 1;
      memcpy(first_line, chunk, length);
      first_line[length] = '\0';
    }
    if (what == PASS_ON_OUTPUT && write(parse_guard.saved_stderr, chunk, strlen(chunk)) < 0)
      break;
  }
  dup2(parse_guard.saved_stderr, STDERR_FILENO);
  close(parse_guard.saved_stderr);
  fclose(parse_guard.captured);
  parse_guard.captured = NULL;
  parse_guard.saved_stderr = -1;
}

static void exit_on_fatal_parse_error(const char *reason) {
  char finding[512];
  restore_stderr(DROP_OUTPUT, finding, sizeof finding);
  fprintf(stderr, "escc: error: %s: invalid IR: %s\n", parse_guard.file,
          finding[0] ? finding : reason);
  fflush(stderr);
  escc_temp_cleanup();
  _exit(ESCC_EXIT_USAGE);
}

static void capture_stderr(const char *file) {
  parse_guard.file = file;
  fflush(stderr);
  parse_guard.captured = tmpfile();
  if (!parse_guard.captured)
    return;
  parse_guard.saved_stderr = dup(STDERR_FILENO);
  if (parse_guard.saved_stderr < 0) {
    fclose(parse_guard.captured);
    parse_guard.captured = NULL;
    return;
  }
  dup2(fileno(parse_guard.captured), STDERR_FILENO);
}

/* Parse one file. On failure *error gets the text of escc's one line (after "FILE: "); it is
 * printed once stderr is back (see read_module). */
static int parse_file_checked(LLVMContextRef context, const char *path, bool expect_bitcode,
                              LLVMModuleRef *module, char **error) {
  LLVMMemoryBufferRef buffer;
  char *message = NULL;
  if (LLVMCreateMemoryBufferWithContentsOfFile(path, &buffer, &message)) {
    *error = escc_format("cannot read: %s", message);
    LLVMDisposeMessage(message);
    return ESCC_EXIT_USAGE;
  }
  const char *bytes = LLVMGetBufferStart(buffer);
  size_t size = LLVMGetBufferSize(buffer);
  if (expect_bitcode || is_bitcode(bytes, size)) {
    if (!is_bitcode(bytes, size)) {
      *error = escc_format("not LLVM bitcode (bad magic number)");
      LLVMDisposeMemoryBuffer(buffer);
      return ESCC_EXIT_USAGE;
    }
    LLVMContextSetDiagnosticHandler(context, capture_diagnostic, NULL);
    bool failed = LLVMParseBitcodeInContext2(context, buffer, module);
    LLVMDisposeMemoryBuffer(buffer);
    if (failed) {
      *error = escc_format("invalid or unsupported bitcode (escc reads LLVM %s): %s",
                           esc_llvm_version(), escc_take_llvm_error("unreadable"));
      return ESCC_EXIT_USAGE;
    }
    return ESCC_EXIT_OK;
  }
  /* LLVMParseIRInContext takes the buffer. */
  if (LLVMParseIRInContext(context, buffer, module, &message)) {
    *error = describe_parse_error(path, message ? message : "unreadable");
    LLVMDisposeMessage(message);
    return ESCC_EXIT_USAGE;
  }
  return ESCC_EXIT_OK;
}

static int verify_module(LLVMModuleRef *module, char **error) {
  char *message = NULL;
  if (LLVMVerifyModule(*module, LLVMReturnStatusAction, &message)) {
    char *newline = message ? strchr(message, '\n') : NULL;
    if (newline)
      *newline = '\0';
    *error = escc_format("invalid IR: %s", message && *message ? message : "verifier failed");
    LLVMDisposeMessage(message);
    LLVMDisposeModule(*module);
    *module = NULL;
    return ESCC_EXIT_USAGE;
  }
  LLVMDisposeMessage(message);
  return ESCC_EXIT_OK;
}

/* LLVM's reader and verifier are not hardened against malformed input: Debian's LLVM 22
 * verifier, run by the text parser's debug-info upgrade, dereferences a module flag that has
 * too few operands (SIGSEGV in Module::getModuleFlag; `opt` crashes on the same file); the
 * LLVM 19 bitcode reader crashes on corrupt bitcode (docs/reliability.md, fuzzing) and aborts
 * in report_bad_alloc_error when a corrupt count asks for an impossible vector, a path the
 * fatal-error handler does not cover; with LLVM 22 the same corruption fills gigabytes instead,
 * and a lexical block that is its own scope sends the verifier round a cycle for ever (both
 * hang `llvm-dis` and `opt` as well). Only LLVM code runs while the guard is up, so a fatal
 * signal then is LLVM's reaction to this file, not an escc bug, and reading that outlasts a
 * generous time limit is stuck. The handler puts stderr back, writes the one error line
 * (prepared beforehand, since a handler may only call async-signal-safe functions), removes
 * the temporary directory and exits 2. It runs on its own stack, because the parser's
 * recursion can also overflow the normal one. */
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGALRM};
enum { CRASH_SIGNAL_COUNT = sizeof crash_signals / sizeof *crash_signals };

static struct {
  char crashed[1024], stuck[1024];
  struct sigaction previous[CRASH_SIGNAL_COUNT];
  stack_t previous_stack;
  void *stack;
} crash_guard;

static void exit_on_llvm_crash(int signal_number) {
  const char *line = signal_number == SIGALRM ? crash_guard.stuck : crash_guard.crashed;
  if (parse_guard.saved_stderr >= 0)
    dup2(parse_guard.saved_stderr, STDERR_FILENO);
  ssize_t written = write(STDERR_FILENO, line, strlen(line));
  (void)written;
  escc_temp_cleanup();
  _exit(ESCC_EXIT_USAGE);
}

/* Seconds LLVM may take to read and verify path: ESCC_READ_TIMEOUT (0: no limit), else 60 s
 * plus 10 s per MiB — two orders of magnitude above what LLVM needs. false: a bad setting. */
static bool read_time_limit(const char *subject, const char *path, unsigned *seconds) {
  const char *setting = getenv("ESCC_READ_TIMEOUT");
  if (setting && *setting) {
    char *end;
    unsigned long value = strtoul(setting, &end, 10);
    if (*end || *setting == '-' || value > 1000000) {
      escc_error(subject, "ESCC_READ_TIMEOUT must be a number of seconds, not '%s'", setting);
      return false;
    }
    *seconds = (unsigned)value;
    return true;
  }
  struct stat status;
  off_t size = stat(path, &status) == 0 ? status.st_size : 0;
  *seconds = 60 + (unsigned)(10 * (size >> 20));
  return true;
}

static bool guard_llvm_crashes(const char *subject, const char *path) {
  unsigned seconds;
  if (!read_time_limit(subject, path, &seconds))
    return false;
  snprintf(crash_guard.crashed, sizeof crash_guard.crashed,
           "escc: error: %s: invalid input: LLVM %s crashed while reading or verifying it\n",
           subject, esc_llvm_version());
  snprintf(crash_guard.stuck, sizeof crash_guard.stuck,
           "escc: error: %s: invalid input: LLVM %s was still reading or verifying it after "
           "%u s (ESCC_READ_TIMEOUT)\n",
           subject, esc_llvm_version(), seconds);
  enum { STACK_SIZE = 256 * 1024 };
  if (!crash_guard.stack)
    crash_guard.stack = escc_xmalloc(STACK_SIZE);
  stack_t stack = {.ss_sp = crash_guard.stack, .ss_size = STACK_SIZE, .ss_flags = 0};
  sigaltstack(&stack, &crash_guard.previous_stack);
  struct sigaction action = {.sa_handler = exit_on_llvm_crash, .sa_flags = SA_ONSTACK};
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < CRASH_SIGNAL_COUNT; i++)
    sigaction(crash_signals[i], &action, &crash_guard.previous[i]);
  alarm(seconds);
  return true;
}

static void unguard_llvm_crashes(void) {
  alarm(0);
  for (int i = 0; i < CRASH_SIGNAL_COUNT; i++)
    sigaction(crash_signals[i], &crash_guard.previous[i], NULL);
  sigaltstack(&crash_guard.previous_stack, NULL);
}

/* Parse and verify one file with LLVM's output captured and its fatal errors, crashes and
 * hangs guarded. What LLVM printed is passed on when the module is good (the debug-info
 * upgrade's warnings: why names may be missing) and dropped when it is rejected, where escc's
 * one line says why. */
static int read_module(LLVMContextRef context, const char *subject, const char *path,
                       bool expect_bitcode, LLVMModuleRef *module) {
  char *error = NULL;
  if (!guard_llvm_crashes(subject, path))
    return ESCC_EXIT_USAGE;
  capture_stderr(subject);
  LLVMInstallFatalErrorHandler(exit_on_fatal_parse_error);
  int status = parse_file_checked(context, path, expect_bitcode, module, &error);
  if (status == ESCC_EXIT_OK)
    status = verify_module(module, &error);
  LLVMResetFatalErrorHandler();
  restore_stderr(status == ESCC_EXIT_OK ? PASS_ON_OUTPUT : DROP_OUTPUT, NULL, 0);
  unguard_llvm_crashes();
  if (error) {
    escc_error(subject, "%s", error);
    free(error);
  }
  return status;
}

int escc_read_ir_file(LLVMContextRef context, const char *subject, const char *path,
                      LLVMModuleRef *module) {
  return read_module(context, subject, path, false, module);
}

int escc_load_file(LLVMContextRef context, const escc_input *input, const escc_strings *flags,
                   LLVMModuleRef *module) {
  const char *extension = escc_file_extension(input->source);
  int status;
  if (!strcmp(extension, "c")) {
    escc_strings all_flags = {NULL, 0, 0};
    escc_strings_push_all(&all_flags, &input->clang_flags);
    if (flags)
      escc_strings_push_all(&all_flags, flags);
    char *bitcode = escc_compile_c_to_bitcode(input->standard_input ? "-" : input->source,
                                              input->directory, &all_flags, &status);
    escc_strings_free(&all_flags);
    if (!bitcode)
      return status;
    status = read_module(context, input->path, bitcode, true, module);
    free(bitcode);
    return status;
  }
  return read_module(context, input->path, input->source, !strcmp(extension, "bc"), module);
}

/* ===== The whole program ===================================================================== */

/* Whether module defines a strong external symbol that program defines too: linking them
 * would fail, so they are two programs (two `main`s), not two halves of one. */
static bool defines_same_symbol(LLVMModuleRef program, LLVMModuleRef module) {
  for (LLVMValueRef function = LLVMGetFirstFunction(module); function;
       function = LLVMGetNextFunction(function)) {
    if (LLVMIsDeclaration(function) || LLVMGetLinkage(function) != LLVMExternalLinkage)
      continue;
    size_t length;
    const char *name = LLVMGetValueName2(function, &length);
    LLVMValueRef other = LLVMGetNamedFunction(program, name);
    if (other && !LLVMIsDeclaration(other) && LLVMGetLinkage(other) == LLVMExternalLinkage)
      return true;
  }
  for (LLVMValueRef global = LLVMGetFirstGlobal(module); global;
       global = LLVMGetNextGlobal(global)) {
    if (LLVMIsDeclaration(global) || LLVMGetLinkage(global) != LLVMExternalLinkage)
      continue;
    size_t length;
    const char *name = LLVMGetValueName2(global, &length);
    LLVMValueRef other = LLVMGetNamedGlobal(program, name);
    if (other && !LLVMIsDeclaration(other) && LLVMGetLinkage(other) == LLVMExternalLinkage)
      return true;
  }
  return false;
}

int escc_load_program(LLVMContextRef context, const escc_inputs *inputs,
                      const escc_options *options, bool separate_programs, LLVMModuleRef **modules,
                      size_t *count) {
  escc_initialize_llvm();
  escc_capture_llvm_diagnostics(context);
  *modules = escc_xmalloc((inputs->count + 1) * sizeof **modules);
  *count = 0;
  escc_phase_begin(ESCC_PHASE_LOAD);
  int status = ESCC_EXIT_OK;
  bool go_loaded = false;
  for (size_t i = 0; i < inputs->count && status == ESCC_EXIT_OK; i++) {
    const escc_input *input = &inputs->items[i];
    bool go = escc_is_go_input(input->path);
    if (go && go_loaded)
      continue; /* the package's other files went through escc-go with the first */
    escc_progress(i, inputs->count, "loading", input->path);
    LLVMModuleRef module;
    if (go) {
      go_loaded = true;
      status = escc_load_go_package(context, inputs, &module);
    } else {
      status = escc_load_file(context, input, &options->clang_flags, &module);
    }
    if (status != ESCC_EXIT_OK)
      break;
    escc_note_function_files(module, input->path);
    /* Link into the latest program that can take it; else it starts a program of its own.
     * With a compilation database, escc report analyses each translation unit alone, as the
     * build compiles it (make CC="escc cc"), so the two agree on every decision. */
    LLVMModuleRef *program = *count ? &(*modules)[*count - 1] : NULL;
    if (!program ||
        (separate_programs && (options->database || defines_same_symbol(*program, module)))) {
      (*modules)[(*count)++] = module;
      continue;
    }
    if (LLVMLinkModules2(*program, module)) {
      escc_error(input->path, "cannot link with the other inputs: %s",
                 escc_take_llvm_error("link error"));
      status = ESCC_EXIT_USAGE;
    }
  }
  escc_progress_end();
  escc_phase_end(ESCC_PHASE_LOAD);
  for (size_t i = 0; i < *count && status == ESCC_EXIT_OK; i++) {
    LLVMTargetMachineRef machine = escc_target_machine((*modules)[i], inputs->items[0].path, 2);
    if (!machine)
      status = ESCC_EXIT_USAGE;
    else
      LLVMDisposeTargetMachine(machine);
  }
  if (status != ESCC_EXIT_OK) {
    for (size_t i = 0; i < *count; i++)
      LLVMDisposeModule((*modules)[i]);
    free(*modules);
    *modules = NULL;
    *count = 0;
  }
  return status;
}
