/*
 * presentation.c — how reports and progress look to a person: the Go-style text turned into
 * clang-like diagnostics on a terminal (bold place, the source line, a caret under the
 * variable, colours), the progress line for many files, and --stats (counts and phase times).
 *
 * Invariant: nothing here changes what is reported, only how: with --color=never or when the
 * stream is not a terminal the text is byte-for-byte the Go-style report (`go build
 * -gcflags=-m` phrasing), which tests and scripts compare against.
 */
#include "escc.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define COLOR_RESET "\033[0m"
#define COLOR_BOLD "\033[1m"
#define COLOR_HEAP "\033[1;35m"
#define COLOR_PARAMETER "\033[1;36m"
#define COLOR_CARET "\033[1;32m"
#define COLOR_FLOW "\033[2m"

bool escc_rich_output(escc_color_mode mode, FILE *stream) {
  if (mode == ESCC_COLOR_ALWAYS)
    return true;
  if (mode == ESCC_COLOR_NEVER)
    return false;
  const char *term = getenv("TERM");
  if (getenv("NO_COLOR") || (term && !strcmp(term, "dumb")))
    return false;
  return isatty(fileno(stream));
}

/* ===== Source lines ========================================================================== */

/* The text of line LINE (1-based) of PATH, without its newline; NULL when unavailable. One
 * file is cached: reports are sorted by file, so this reads each file about once. */
static char *source_line(const char *path, unsigned line) {
  static char *cached_path;
  static char *contents;
  if (!cached_path || strcmp(cached_path, path)) {
    free(cached_path);
    free(contents);
    cached_path = escc_xstrdup(path);
    contents = escc_read_text_file(path);
  }
  if (!contents || line == 0)
    return NULL;
  const char *start = contents;
  for (unsigned current = 1; current < line; current++) {
    start = strchr(start, '\n');
    if (!start)
      return NULL;
    start++;
  }
  size_t length = strcspn(start, "\n");
  char *text = escc_xmalloc(length + 1);
  memcpy(text, start, length);
  text[length] = '\0';
  return text;
}

/* "  int number = 7;" + "      ^~~~~~": the caret under COLUMN, tildes under the identifier. */
static void print_caret(FILE *out, const char *path, unsigned line, unsigned column, bool colours) {
  char *text = source_line(path, line);
  if (!text)
    return;
  fprintf(out, "%5u | %s\n      | ", line, text);
  size_t length = strlen(text);
  for (unsigned i = 0; i + 1 < column && i < length; i++)
    fputc(text[i] == '\t' ? '\t' : ' ', out);
  if (colours)
    fputs(COLOR_CARET, out);
  fputc('^', out);
  for (size_t i = column;
       i < length && (text[i] == '_' || (text[i] >= 'a' && text[i] <= 'z') ||
                      (text[i] >= 'A' && text[i] <= 'Z') || (text[i] >= '0' && text[i] <= '9'));
       i++)
    fputc('~', out);
  if (colours)
    fputs(COLOR_RESET, out);
  fputc('\n', out);
  free(text);
}

/* One Go-style line "FILE:LINE:COLUMN: MESSAGE" presented clang-style. */
static void present_line(const char *line, FILE *out, bool colours) {
  char *file = NULL;
  unsigned line_number = 0, column = 0;
  int consumed = 0;
  const char *colon = strstr(line, ": ");
  if (colon) {
    /* The place ends at the first ": " preceded by "LINE:COLUMN". */
    file = escc_xmalloc((size_t)(colon - line) + 1);
    memcpy(file, line, (size_t)(colon - line));
    file[colon - line] = '\0';
    char *second = strrchr(file, ':');
    char *first = NULL;
    if (second) {
      *second = '\0';
      first = strrchr(file, ':');
      *second = ':';
    }
    if (first && sscanf(first + 1, "%u:%u%n", &line_number, &column, &consumed) == 2 &&
        first[1 + consumed] == '\0')
      *first = '\0';
    else
      line_number = 0;
  }
  if (!colon) {
    fprintf(out, "%s\n", line);
    free(file);
    return;
  }
  const char *message = colon + 2;
  bool flow = message[0] == ' ' || strstr(message, "escapes to heap:") != NULL;
  const char *color = flow                                     ? COLOR_FLOW
                      : !strncmp(message, "moved to heap", 13) ? COLOR_HEAP
                                                               : COLOR_PARAMETER;
  if (colours)
    fprintf(out, COLOR_BOLD "%.*s" COLOR_RESET " %s%s" COLOR_RESET "\n", (int)(colon - line + 1),
            line, color, message);
  else
    fprintf(out, "%s\n", line);
  if (!flow && line_number > 0)
    print_caret(out, file, line_number, column, colours);
  free(file);
}

void escc_present_text(const char *text, FILE *out, bool colours) {
  char *copy = escc_xstrdup(text);
  for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n"))
    present_line(line, out, colours);
  free(copy);
}

int escc_write_report(const esc_analysis *const *analyses, size_t count,
                      const escc_options *options, FILE *out, bool rich, bool colours) {
  char *text = NULL;
  switch (options->format) {
  case ESCC_FORMAT_JSON:
    text = escc_report_json(analyses, count, options->all_allocas, options->audit_figures);
    fprintf(out, "%s\n", text);
    break;
  case ESCC_FORMAT_SARIF:
    text = escc_report_sarif(analyses, count);
    fprintf(out, "%s\n", text);
    break;
  case ESCC_FORMAT_DOT: {
    int status = escc_report_dot(analyses, count, options->function, out);
    fflush(out);
    return status;
  }
  case ESCC_FORMAT_HTML:
    fflush(out);
    return escc_report_html(analyses, count, options, out);
  case ESCC_FORMAT_TEXT: {
    size_t size = 0;
    FILE *buffer = rich ? open_memstream(&text, &size) : NULL;
    for (size_t i = 0; i < count; i++)
      esc_report_text(analyses[i], buffer ? buffer : out, options->detail);
    if (!buffer)
      break;
    fclose(buffer);
    escc_present_text(text, out, colours);
    break;
  }
  }
  free(text);
  fflush(out);
  return ESCC_EXIT_OK;
}

/* ===== Progress ============================================================================== */

static bool progress_shown;

void escc_progress(size_t done, size_t total, const char *what, const char *subject) {
  if (total < 2 || !isatty(fileno(stderr)))
    return;
  fprintf(stderr, "\r\033[K[%zu/%zu] %s %s", done + 1, total, what, subject);
  fflush(stderr);
  progress_shown = true;
}

void escc_progress_end(void) {
  if (!progress_shown)
    return;
  fputs("\r\033[K", stderr);
  fflush(stderr);
  progress_shown = false;
}

/* ===== --stats =============================================================================== */

static double phase_seconds[ESCC_PHASE_COUNT];
static struct timespec phase_start[ESCC_PHASE_COUNT];
static const char *const phase_names[ESCC_PHASE_COUNT] = {"load",     "analyze", "promote",
                                                          "optimize", "emit",    "link"};

void escc_phase_begin(escc_phase phase) { clock_gettime(CLOCK_MONOTONIC, &phase_start[phase]); }

void escc_phase_end(escc_phase phase) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  phase_seconds[phase] += (double)(now.tv_sec - phase_start[phase].tv_sec) +
                          (double)(now.tv_nsec - phase_start[phase].tv_nsec) / 1e9;
}

void escc_print_stats(const esc_analysis *const *analyses, size_t count, FILE *out) {
  esc_summary summary = {0, 0, 0, 0};
  for (size_t i = 0; i < count; i++) {
    esc_summary more = esc_analysis_summary(analyses[i]);
    summary.functions += more.functions;
    summary.allocas += more.allocas;
    summary.address_taken += more.address_taken;
    summary.promoted += more.promoted;
  }
  fprintf(out, "escc: stats: %zu functions, %zu allocas, %zu address-taken, %zu moved to heap\n",
          summary.functions, summary.allocas, summary.address_taken, summary.promoted);
  fputs("escc: stats: time", out);
  for (int phase = 0; phase < ESCC_PHASE_COUNT; phase++)
    if (phase_seconds[phase] > 0)
      fprintf(out, " %s %.1f ms", phase_names[phase], phase_seconds[phase] * 1e3);
  fputc('\n', out);
}
