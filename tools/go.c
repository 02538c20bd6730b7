/*
 * go.c — .go inputs: every .go file of the command line is one package, lowered together by
 * the Go front end escc-go (frontend/go/) to one textual IR module, which then goes through
 * the same pipeline as a .ll file; a program built from Go links libescgo.a, the front end's C
 * runtime (runtime/go/), before the collector.
 *
 * Invariant: $ESCC_GO_FRONTEND names escc-go when set; else it is looked up next to the running
 * escc (<bin>/escc-go), so a build tree works wherever it is moved, and the configured build
 * path is the fallback. escc-go
 * prints its own one-line errors ("escc: error: FILE:LINE:COL: ...") and exits 2 on bad input.
 */
#include "escc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* By the file read (source): Go on standard input is saved as a .go file but named <stdin>. */
bool escc_is_go_input(const escc_input *input) {
  return !strcmp(escc_file_extension(input->source), "go");
}

bool escc_inputs_have_go(const escc_inputs *inputs) {
  for (size_t i = 0; i < inputs->count; i++)
    if (escc_is_go_input(&inputs->items[i]))
      return true;
  return false;
}

static char *go_frontend_path(void) {
  const char *configured = getenv("ESCC_GO_FRONTEND");
  if (configured && *configured)
    return escc_xstrdup(configured);
  char executable[PATH_MAX];
  if (escc_executable_dir(executable, sizeof executable)) {
    char *candidate = escc_format("%s/escc-go", executable);
    if (access(candidate, X_OK) == 0)
      return candidate;
    free(candidate);
  }
  return escc_xstrdup(ESCC_GO_FRONTEND_BINARY);
}

int escc_load_go_package(LLVMContextRef context, const escc_inputs *inputs, LLVMModuleRef *module) {
  const char *subject = NULL;
  for (size_t i = 0; i < inputs->count && !subject; i++)
    if (escc_is_go_input(&inputs->items[i]))
      subject = inputs->items[i].path;
  char *output = escc_temp_path(escc_base_name(subject), "ll");
  if (!output)
    return ESCC_EXIT_FAILED;
  char *frontend = go_frontend_path();
  char *llvm = escc_format("--llvm=%d", ESCC_LLVM_MAJOR);
  escc_strings argv = {NULL, 0, 0};
  escc_strings_push(&argv, frontend);
  escc_strings_push(&argv, llvm);
  escc_strings_push(&argv, "-o");
  escc_strings_push(&argv, output);
  for (size_t i = 0; i < inputs->count; i++)
    if (escc_is_go_input(&inputs->items[i]))
      escc_strings_push(&argv, inputs->items[i].source);
  int result = escc_run_process(argv.items, NULL);
  escc_strings_free(&argv);
  free(llvm);
  free(frontend);
  int status = ESCC_EXIT_OK;
  if (result == 2)
    status = ESCC_EXIT_USAGE; /* escc-go printed the one line */
  else if (result != 0)
    status = ESCC_EXIT_FAILED; /* crashed, or could not start (error printed) */
  if (status == ESCC_EXIT_OK)
    status = escc_read_ir_file(context, subject, output, module);
  free(output);
  return status;
}

void escc_go_link_flags(escc_strings *flags) {
  char *archive = escc_format("%s/libescgo.a", escc_library_dir());
  escc_strings_push(flags, archive);
  free(archive);
  escc_strings_push(flags, "-lpthread");
#ifdef ESCC_SANITIZED_RUNTIME
  /* An ESCC_SANITIZE build's libescgo.a is instrumented, whichever collector is linked. */
  escc_strings_push(flags, "-fsanitize=address,undefined");
#endif
}
