/*
 * standard_input.c — `-` as an input file (`cat t.c | escc report -`): standard input is saved
 * to a file in the temporary directory, named after what it holds, and reported as <stdin>;
 * C is then handed to clang on standard input again, so clang too names it <stdin>.
 *
 * Go is saved as a .go file and lowered by escc-go like any .go input, its positions reported
 * as <stdin> too.
 *
 * Invariant: standard input is read once, whole, before anything is compiled; what it holds is
 * decided from its first bytes only: LLVM bitcode by its magic number, textual IR by a first
 * line that only IR starts with (a ';' comment, source_filename, target, define, declare, a
 * global or metadata), Go by a first word `package` after comments (a Go file must start so;
 * a C file cannot: a type name would have to be declared first), C otherwise — as clang would
 * take `-x c -`.
 */
#include "escc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The text after leading white space and comments (line comments and block comments). */
static const char *after_comments(const char *text) {
  for (;;) {
    text += strspn(text, " \t\r\n\f\v");
    if (!strncmp(text, "//", 2))
      text += strcspn(text, "\n");
    else if (!strncmp(text, "/*", 2)) {
      const char *close = strstr(text + 2, "*/");
      if (!close)
        return text + strlen(text);
      text = close + 2;
    } else
      return text;
  }
}

static const char *stdin_kind(const char *bytes, size_t size) {
  static const unsigned char raw[] = {'B', 'C', 0xC0, 0xDE};
  static const unsigned char wrapper[] = {0xDE, 0xC0, 0x17, 0x0B};
  if (size >= 4 && (!memcmp(bytes, raw, 4) || !memcmp(bytes, wrapper, 4)))
    return "bc";
  size_t start = strspn(bytes, " \t\r\n");
  const char *line = bytes + start;
  const char *ir_openings[] = {";", "source_filename", "target ", "define ", "declare ", "@",
                               "!", "attributes "};
  for (size_t i = 0; i < sizeof ir_openings / sizeof *ir_openings; i++)
    if (!strncmp(line, ir_openings[i], strlen(ir_openings[i])))
      return "ll";
  const char *word = after_comments(bytes);
  if (!strncmp(word, "package", 7) && isspace((unsigned char)word[7]))
    return "go";
  return "c";
}

int escc_read_standard_input(escc_inputs *inputs) {
  size_t size;
  char *bytes = escc_read_stream(stdin, &size);
  if (ferror(stdin)) {
    escc_error("<stdin>", "cannot read: %s", strerror(errno));
    free(bytes);
    return ESCC_EXIT_USAGE;
  }
  const char *kind = stdin_kind(bytes, size);
  char *saved = escc_temp_path("stdin", kind);
  FILE *file = saved ? fopen(saved, "wb") : NULL;
  bool written = file && fwrite(bytes, 1, size, file) == size;
  if (file && fclose(file) != 0)
    written = false;
  free(bytes);
  if (!written) {
    escc_error("<stdin>", "cannot save it in the temporary directory: %s", strerror(errno));
    free(saved);
    return ESCC_EXIT_FAILED;
  }
  escc_inputs_add(inputs, "<stdin>");
  escc_input *input = &inputs->items[inputs->count - 1];
  free(input->source);
  input->source = saved;
  if (!strcmp(kind, "c")) {
    /* clang reads it from standard input (`-x c -`), so its diagnostics and the debug info
     * name the file <stdin>, as for any `clang -x c -`. */
    if (!freopen(saved, "rb", stdin)) {
      escc_error("<stdin>", "cannot reopen it: %s", strerror(errno));
      return ESCC_EXIT_FAILED;
    }
    input->standard_input = true;
    escc_strings_push(&input->clang_flags, "-x");
    escc_strings_push(&input->clang_flags, "c");
  }
  return ESCC_EXIT_OK;
}
