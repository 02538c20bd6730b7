/*
 * file_names.c — how reports name source files: as the user named them. Debug info records a
 * file as the compiler was given it, relative to the directory it ran in (the current one, or
 * a compilation database's `directory`), and IR written elsewhere names files relative to
 * where it was made; printed as is, such a name points nowhere from where escc runs, and the
 * caret finds no source line.
 *
 * Invariant: a name is only ever replaced by one that names the same file from the current
 * directory: an input's own spelling (command line, or database directory + file), the
 * recorded directory joined with the name when that file exists, or the name beside an IR
 * input when it exists there. Absolute names and names relative to the current directory are
 * kept as they are.
 *
 * It also remembers, for IR without debug info, which input file defined each function, since
 * the inputs are linked into one module before the reports are written.
 */
#include "escc.h"

#include <limits.h>
#include <llvm-c/DebugInfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool same_directory(const char *left, const char *right) {
  char left_real[PATH_MAX], right_real[PATH_MAX];
  return realpath(left, left_real) && realpath(right, right_real) && !strcmp(left_real, right_real);
}

static bool exists(const char *path) { return access(path, F_OK) == 0; }

/* Returns a name valid until the next call, or NULL to keep file as it is. */
static const char *spell_source_file(const char *file, const char *directory, void *context) {
  const escc_inputs *inputs = context;
  static char *spelled;
  free(spelled);
  spelled = NULL;
  if (file[0] == '/' || !strcmp(file, "<stdin>"))
    return NULL;
  for (size_t i = 0; i < inputs->count; i++) {
    const escc_input *input = &inputs->items[i];
    const char *compiled_in = input->directory ? input->directory : ".";
    if (!strcmp(input->source, file) && directory && same_directory(compiled_in, directory))
      return input->path;
  }
  if (!directory || same_directory(".", directory))
    return NULL;
  spelled = escc_format("%s/%s", directory, file);
  if (exists(spelled))
    return spelled;
  for (size_t i = 0; i < inputs->count; i++) {
    const char *path = inputs->items[i].path;
    const char *slash = strrchr(path, '/');
    if (!slash)
      continue;
    free(spelled);
    spelled = escc_format("%.*s/%s", (int)(slash - path), path, file);
    if (exists(spelled))
      return spelled;
  }
  return NULL;
}

void escc_spell_source_files(esc_analysis *analysis, const escc_inputs *inputs) {
  esc_analysis_spell_files(analysis, spell_source_file, (void *)inputs);
}

/* ===== Functions without debug info ========================================================== */

static struct {
  char **functions;
  char **files;
  size_t count;
} defined_in;

void escc_note_function_files(LLVMModuleRef module, const char *file) {
  for (LLVMValueRef function = LLVMGetFirstFunction(module); function;
       function = LLVMGetNextFunction(function)) {
    if (LLVMIsDeclaration(function) || LLVMGetSubprogram(function))
      continue;
    size_t length;
    const char *name = LLVMGetValueName2(function, &length);
    defined_in.functions =
        escc_xrealloc(defined_in.functions, (defined_in.count + 1) * sizeof(char *));
    defined_in.files = escc_xrealloc(defined_in.files, (defined_in.count + 1) * sizeof(char *));
    defined_in.functions[defined_in.count] = escc_xstrdup(name);
    defined_in.files[defined_in.count] = escc_xstrdup(file);
    defined_in.count++;
  }
}

const char *escc_function_file(const char *function) {
  for (size_t i = 0; i < defined_in.count; i++)
    if (!strcmp(defined_in.functions[i], function))
      return defined_in.files[i];
  return NULL;
}
