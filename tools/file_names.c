/*
 * file_names.c — how reports name source files: as the user named them. Debug info records a
 * file as the compiler was given it, relative to the directory it ran in (the current one, or
 * a compilation database's `directory`), and IR written elsewhere names files relative to
 * where it was made; printed as is, such a name points nowhere from where escc runs, and the
 * caret finds no source line.
 *
 * Invariant: a name that names an input is replaced by the input's own spelling (command line,
 * or database directory + file); any other name is kept when it already names an existing file
 * from the current directory, else replaced by the recorded directory joined with it when that
 * file exists, else by the path beside an input where it exists (IR made elsewhere), else kept.
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

static bool same_file(const char *left, const char *right) {
  char left_real[PATH_MAX], right_real[PATH_MAX];
  return realpath(left, left_real) && realpath(right, right_real) && !strcmp(left_real, right_real);
}

static bool exists(const char *path) { return access(path, F_OK) == 0; }

/* "directory/name", or name itself when it is absolute or there is no directory. */
static char *joined(const char *directory, const char *name) {
  if (name[0] == '/' || !directory)
    return escc_xstrdup(name);
  return escc_format("%s/%s", directory, name);
}

/* Returns a name valid until the next call, or NULL to keep file as it is. */
static const char *spell_source_file(const char *file, const char *directory, void *context) {
  const escc_inputs *inputs = context;
  static char *spelled;
  free(spelled);
  spelled = NULL;
  if (!strcmp(file, "<stdin>"))
    return NULL;
  /* An input: the user's own spelling of it. */
  char *recorded = joined(directory, file);
  for (size_t i = 0; i < inputs->count; i++) {
    const escc_input *input = &inputs->items[i];
    if (input->standard_input)
      continue;
    char *compiled = joined(input->directory, input->source);
    bool same = same_file(recorded, compiled);
    free(compiled);
    if (same) {
      free(recorded);
      return input->path;
    }
  }
  /* Any other file: as recorded when that names it from here, else the recorded directory
   * joined with the name, else the name beside an input (IR made elsewhere). */
  bool found = exists(recorded);
  free(recorded);
  if (file[0] == '/' || (found && (!directory || same_file(".", directory))) ||
      (!directory && exists(file)))
    return NULL;
  if (found) {
    spelled = joined(directory, file);
    return spelled;
  }
  for (size_t i = 0; i < inputs->count; i++) {
    const char *path = inputs->items[i].path;
    const char *slash = strrchr(path, '/');
    if (!slash)
      continue;
    spelled = escc_format("%.*s/%s", (int)(slash - path), path, file);
    if (exists(spelled))
      return spelled;
    free(spelled);
    spelled = NULL;
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
