/*
 * compdb.c — `-p DIR`: reading DIR/compile_commands.json through libclang's compilation
 * database API (clang_CompilationDatabase_fromDirectory), so escc compiles each file with the
 * flags and in the directory the project's build used.
 *
 * Invariant: of a recorded command escc keeps what shapes the translation unit (-I -D -U -std
 * -include -f -m -W ...), and drops what would make clang produce something else or somewhere
 * else (the compiler itself, the source, -c -o -S -E, dependency-file flags, -O and -g, which
 * escc sets); a file without an entry of its own is compiled with the flags libclang infers
 * from a neighbouring entry, or escc's own flags when there is none (one warning either way).
 * A database that is not a JSON list of {directory, file, command|arguments} is one error line.
 */
#include "escc.h"

#include <cjson/cJSON.h>
#include <clang-c/CXCompilationDatabase.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Flags dropped together with the argument that follows them. */
static const char *const dropped_with_argument[] = {"-o", "-MF", "-MT", "-MQ", "-x"};
/* Flags dropped alone (exact) and flag prefixes dropped alone. */
static const char *const dropped_exact[] = {"-c",  "-S",   "-E",  "-M",         "-MM",
                                            "-MD", "-MMD", "-MP", "-emit-llvm", "--"};
static const char *const dropped_prefixes[] = {"-O", "-g", "-o", "-MF", "-MT", "-MQ"};

static bool in_list(const char *argument, const char *const *list, size_t count, bool prefix) {
  for (size_t i = 0; i < count; i++)
    if (prefix ? !strncmp(argument, list[i], strlen(list[i])) : !strcmp(argument, list[i]))
      return true;
  return false;
}

#define COUNT(array) (sizeof(array) / sizeof *(array))

static char *take_string(CXString string) {
  char *copy = escc_xstrdup(clang_getCString(string));
  clang_disposeString(string);
  return copy;
}

/* Fills input from one recorded command. */
static void apply_command(CXCompileCommand command, escc_input *input) {
  free(input->directory);
  input->directory = take_string(clang_CompileCommand_getDirectory(command));
  char *file = take_string(clang_CompileCommand_getFilename(command));
  unsigned count = clang_CompileCommand_getNumArgs(command);
  for (unsigned i = 1; i < count; i++) {
    char *argument = take_string(clang_CompileCommand_getArg(command, i));
    bool drop = false;
    if (!strcmp(argument, file) ||
        !strcmp(escc_base_name(argument), escc_base_name(file)) /* the source itself */) {
      drop = true;
    } else if (in_list(argument, dropped_with_argument, COUNT(dropped_with_argument), false)) {
      drop = true;
      i++;
    } else if (in_list(argument, dropped_exact, COUNT(dropped_exact), false) ||
               in_list(argument, dropped_prefixes, COUNT(dropped_prefixes), true)) {
      drop = true;
    }
    if (!drop)
      escc_strings_push(&input->clang_flags, argument);
    free(argument);
  }
  free(input->source);
  input->source = file;
}

/* ===== Checking the file ======================================================================
 * libclang reports a malformed database by printing its JSON/YAML parser's messages and then
 * looking like an empty database. escc checks the shape first, so bad input is one line that
 * says what is wrong and where. */

static unsigned line_of(const char *text, const char *position) {
  unsigned line = 1;
  for (const char *c = text; c < position && *c; c++)
    line += *c == '\n';
  return line;
}

static char *entry_problem(const cJSON *entry) {
  if (!cJSON_IsObject(entry))
    return escc_xstrdup("is not an object");
  if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(entry, "directory")))
    return escc_xstrdup("has no \"directory\" string");
  if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(entry, "file")))
    return escc_xstrdup("has no \"file\" string");
  const cJSON *command = cJSON_GetObjectItemCaseSensitive(entry, "command");
  const cJSON *arguments = cJSON_GetObjectItemCaseSensitive(entry, "arguments");
  if (cJSON_IsString(command))
    return NULL;
  if (!cJSON_IsArray(arguments) || cJSON_GetArraySize(arguments) == 0)
    return escc_xstrdup("has neither a \"command\" string nor an \"arguments\" list");
  const cJSON *argument;
  cJSON_ArrayForEach(argument, arguments) {
    if (!cJSON_IsString(argument))
      return escc_xstrdup("has an \"arguments\" item that is not a string");
  }
  return NULL;
}

static bool check_database_shape(const char *database_file) {
  FILE *file = fopen(database_file, "r");
  if (!file) {
    escc_error(database_file, "cannot read it");
    return false;
  }
  size_t size;
  char *text = escc_read_stream(file, &size);
  fclose(file);
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithOpts(text, &end, true);
  bool good = false;
  if (!root) {
    const char *at = cJSON_GetErrorPtr();
    escc_error(database_file, "not valid JSON (line %u)", line_of(text, at ? at : text + size));
  } else if (!cJSON_IsArray(root)) {
    escc_error(database_file, "not a compilation database: expected a list of entries");
  } else {
    good = true;
    int index = 0;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, root) {
      char *problem = entry_problem(entry);
      if (problem) {
        escc_error(database_file, "entry %d %s", index + 1, problem);
        free(problem);
        good = false;
        break;
      }
      index++;
    }
  }
  cJSON_Delete(root);
  free(text);
  return good;
}

/* Whether the database has an entry of its own for path (libclang infers a command for any
 * other file from a neighbour's). */
static bool has_entry(CXCompilationDatabase database, const char *path) {
  char wanted[PATH_MAX];
  if (!realpath(path, wanted))
    return false;
  CXCompileCommands commands = clang_CompilationDatabase_getAllCompileCommands(database);
  bool found = false;
  unsigned count = clang_CompileCommands_getSize(commands);
  for (unsigned i = 0; i < count && !found; i++) {
    CXCompileCommand command = clang_CompileCommands_getCommand(commands, i);
    char *file = take_string(clang_CompileCommand_getFilename(command));
    char *in_directory = take_string(clang_CompileCommand_getDirectory(command));
    char *joined = file[0] == '/' ? escc_xstrdup(file) : escc_format("%s/%s", in_directory, file);
    char real[PATH_MAX];
    found = realpath(joined, real) && !strcmp(real, wanted);
    free(file);
    free(in_directory);
    free(joined);
  }
  clang_CompileCommands_dispose(commands);
  return found;
}

int escc_compdb_lookup(const char *directory, escc_inputs *inputs) {
  char database_file[PATH_MAX + 32];
  snprintf(database_file, sizeof database_file, "%s/compile_commands.json", directory);
  if (!escc_check_input_file(database_file) || !check_database_shape(database_file))
    return ESCC_EXIT_USAGE;
  CXCompilationDatabase_Error error;
  CXCompilationDatabase database = clang_CompilationDatabase_fromDirectory(directory, &error);
  if (error != CXCompilationDatabase_NoError || !database) {
    escc_error(database_file, "cannot load the compilation database (not valid JSON, or not "
                              "a list of {directory, file, command|arguments} entries)");
    if (database)
      clang_CompilationDatabase_dispose(database);
    return ESCC_EXIT_USAGE;
  }
  int status = ESCC_EXIT_OK;
  if (inputs->count == 0) {
    CXCompileCommands commands = clang_CompilationDatabase_getAllCompileCommands(database);
    unsigned count = clang_CompileCommands_getSize(commands);
    for (unsigned i = 0; i < count; i++) {
      CXCompileCommand command = clang_CompileCommands_getCommand(commands, i);
      char *file = take_string(clang_CompileCommand_getFilename(command));
      char *in_directory = take_string(clang_CompileCommand_getDirectory(command));
      char *shown = file[0] == '/' ? escc_xstrdup(file) : escc_format("%s/%s", in_directory, file);
      escc_inputs_add(inputs, shown);
      apply_command(command, &inputs->items[inputs->count - 1]);
      free(file);
      free(in_directory);
      free(shown);
    }
    clang_CompileCommands_dispose(commands);
  } else {
    for (size_t i = 0; i < inputs->count; i++) {
      escc_input *input = &inputs->items[i];
      if (strcmp(escc_file_extension(input->path), "c"))
        continue;
      char absolute[PATH_MAX];
      if (!realpath(input->path, absolute))
        snprintf(absolute, sizeof absolute, "%s", input->path);
      CXCompileCommands commands = clang_CompilationDatabase_getCompileCommands(database, absolute);
      if (commands && clang_CompileCommands_getSize(commands) > 0) {
        if (!has_entry(database, input->path))
          escc_warning(input->path,
                       "no entry in %s; compiling with the flags of a neighbouring "
                       "entry",
                       database_file);
        apply_command(clang_CompileCommands_getCommand(commands, 0), input);
      } else {
        escc_warning(input->path, "no entry in %s; compiling with escc's own flags", database_file);
      }
      if (commands)
        clang_CompileCommands_dispose(commands);
    }
  }
  clang_CompilationDatabase_dispose(database);
  return status;
}
