/*
 * whole_program.c — what `escc cc` promotes again at the final link: the bitcode embedded in
 * every object of the link (embedded_bitcode.c) and in every archive member the linker really
 * used, linked into one module, so that a call into another file is a call to a function with a
 * summary instead of an unknown callee (docs/design.md, "Whole-program promotion").
 *
 * Which archive members the linker used is not guessed: the native link runs first with
 * `-t -t` (every input file and archive member it loads, one a line: GNU ld prints
 * "(ARCHIVE)MEMBER", lld "ARCHIVE(MEMBER)"), and only the members named there are read.
 *
 * Invariants:
 *  - An object or member contributes all of its code or none: one without bitcode (plain clang,
 *    assembler, C++, the system's libraries, a record that does not parse) stays native on the
 *    link line and is unknown code to the analysis, exactly as in a per-file build.
 *  - The modules are linked in the order of the link line; when they do not link (conflicting
 *    definitions), nothing is promoted whole-program and the caller keeps the native link.
 */
#include "escc.h"

#include <llvm-c/Linker.h>
#include <stdlib.h>
#include <string.h>

/* ===== The linker's trace ==================================================================== */

typedef struct {
  char *archive; /* the archive's real path */
  char *member;
} used_member;

/* Splits one trace line into an archive and a member name; false for any other line. */
static bool parse_trace_line(const char *line, char **archive, char **member) {
  size_t length = strlen(line);
  if (length > 2 && line[0] == '(') { /* GNU ld: (ARCHIVE)MEMBER */
    const char *close = strchr(line, ')');
    if (!close || !close[1])
      return false;
    *archive = escc_format("%.*s", (int)(close - line - 1), line + 1);
    *member = escc_xstrdup(close + 1);
    return true;
  }
  if (length > 3 && line[length - 1] == ')') { /* lld: ARCHIVE(MEMBER) */
    const char *open = strrchr(line, '(');
    if (!open || open == line)
      return false;
    *archive = escc_format("%.*s", (int)(open - line), line);
    *member = escc_format("%.*s", (int)(length - (size_t)(open - line) - 2), open + 1);
    return true;
  }
  return false;
}

/* The archive members the trace names, each once, their archives by real path. */
static used_member *read_trace(const char *trace_path, size_t *count) {
  *count = 0;
  used_member *members = NULL;
  char *text = escc_read_text_file(trace_path);
  if (!text)
    return NULL;
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    char *archive, *member;
    if (!parse_trace_line(line, &archive, &member))
      continue;
    char *real = realpath(archive, NULL);
    free(archive);
    bool seen = !real;
    for (size_t i = 0; i < *count && !seen; i++)
      seen = !strcmp(members[i].archive, real) && !strcmp(members[i].member, member);
    if (seen) {
      free(real);
      free(member);
      continue;
    }
    members = escc_xrealloc(members, (*count + 1) * sizeof *members);
    members[(*count)++] = (used_member){.archive = real, .member = member};
  }
  free(text);
  return members;
}

/* ===== Collecting and linking the modules ==================================================== */

/* Links bitcode's modules into program->module (the first becomes it); false when they do not
 * link, with the linker's message in *why. */
static bool add_modules(escc_whole_program *program, escc_embedded_bitcode *bitcode,
                        const char *subject, char **why) {
  for (size_t i = 0; i < bitcode->count; i++) {
    LLVMModuleRef module = bitcode->modules[i];
    bitcode->modules[i] = NULL;
    program->module_count++;
    if (!program->module) {
      program->module = module;
      continue;
    }
    if (LLVMLinkModules2(program->module, module)) {
      *why = escc_format("%s does not link with the other objects: %s", subject,
                         escc_take_llvm_error("link error"));
      escc_embedded_bitcode_free(bitcode);
      return false;
    }
  }
  if (bitcode->optimization > program->optimization)
    program->optimization = bitcode->optimization;
  program->debug_info |= bitcode->debug_info;
  escc_embedded_bitcode_free(bitcode);
  return true;
}

/* The bitcode of one object file on the link line; false when it has none. */
static bool read_object(LLVMContextRef context, const char *path, escc_embedded_bitcode *bitcode) {
  size_t size;
  char *data = escc_read_file(path, &size);
  bool found = data && escc_read_embedded_bitcode(context, data, size, bitcode);
  free(data);
  return found;
}

/* Adds the bitcode of the used members of one archive (those of members[] naming it). */
static bool add_archive_members(escc_whole_program *program, const used_member *members,
                                size_t count, size_t first, char **why) {
  escc_archive archive;
  if (!escc_archive_read(members[first].archive, &archive))
    return true;
  bool ok = true;
  for (size_t i = first; i < count && ok; i++) {
    if (strcmp(members[i].archive, members[first].archive))
      continue;
    /* Two members of one name: the trace cannot tell which was used; both stay native. */
    const escc_archive_member *found = NULL;
    size_t matches = 0;
    for (size_t m = 0; m < archive.count; m++)
      if (!strcmp(archive.members[m].name, members[i].member)) {
        found = &archive.members[m];
        matches++;
      }
    escc_embedded_bitcode bitcode;
    if (matches != 1 ||
        !escc_read_embedded_bitcode(program->context, found->data, found->size, &bitcode))
      continue;
    char *subject = escc_format("%s(%s)", members[i].archive, members[i].member);
    ok = add_modules(program, &bitcode, subject, why);
    free(subject);
    program->member_count += ok;
  }
  escc_archive_free(&archive);
  return ok;
}

int escc_whole_program_load(const escc_strings *objects, const char *trace_path,
                            escc_whole_program *program) {
  program->replaced = escc_xmalloc((objects->count + 1) * sizeof *program->replaced);
  escc_capture_llvm_diagnostics(program->context);
  char *why = NULL;
  bool ok = true;
  for (size_t i = 0; i < objects->count && ok; i++) {
    escc_embedded_bitcode bitcode;
    program->replaced[i] = read_object(program->context, objects->items[i], &bitcode);
    if (program->replaced[i]) {
      ok = add_modules(program, &bitcode, objects->items[i], &why);
      program->object_count++;
    }
  }
  size_t member_count = 0;
  used_member *members = ok && trace_path ? read_trace(trace_path, &member_count) : NULL;
  for (size_t i = 0; ok && i < member_count; i++) {
    bool first_of_archive = true;
    for (size_t j = 0; j < i && first_of_archive; j++)
      first_of_archive = strcmp(members[j].archive, members[i].archive) != 0;
    if (first_of_archive)
      ok = add_archive_members(program, members, member_count, i, &why);
  }
  for (size_t i = 0; members && i < member_count; i++) {
    free(members[i].archive);
    free(members[i].member);
  }
  free(members);
  if (ok)
    return ESCC_EXIT_OK;
  escc_warning(NULL, "whole-program promotion skipped, the per-file objects are linked: %s", why);
  free(why);
  return ESCC_EXIT_FAILED;
}

void escc_whole_program_free(escc_whole_program *program) {
  if (program->module)
    LLVMDisposeModule(program->module);
  free(program->replaced);
  program->module = NULL;
  program->replaced = NULL;
}
