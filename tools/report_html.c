/*
 * report_html.c — the report as one self-contained HTML page (`--format=html`): an index of the
 * files and functions with their counts, then each source file with every address-taken
 * variable highlighted (red: moved to heap, green: stays on the stack), the -m=2 flow that
 * explains a move shown on hover, focus or click, the parameters' leak tags beside the
 * signature, the audit's run-time figures beside each site when the report follows an audited
 * run, and each function's location graph as inline SVG when Graphviz's dot is installed.
 * With -p DIR (a project) the index and one page per source file go to DIR/escape-report/.
 *
 * Works for any input with debug info (C, Go, other front ends): places come from the
 * analysis, text from the source files they name. Allocations without a place are listed
 * after the files.
 *
 * Invariant: the page needs nothing from the network: CSS and the one small script are inline,
 * pictures are inline SVG; every text from the program or the sources is HTML-escaped.
 */
#include "escc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ===== What goes on the page ================================================================= */

typedef struct {
  unsigned line, column;
  size_t sequence;                  /* order found, for a stable sort */
  const esc_allocation *allocation; /* one of these two is set */
  const esc_parameter *parameter;
} annotation;

typedef struct {
  const char *path; /* as the debug info spells it */
  annotation *items;
  size_t count, capacity;
  size_t moved, stayed, leaking; /* counts for the index */
  unsigned long long outlived;   /* audit: objects that outlived their frame */
} source_file;

typedef struct {
  const char *name;
  size_t file;   /* index into files */
  unsigned line; /* its first annotation's line */
  size_t moved, stayed, leaking;
  const esc_function_graph *graph; /* NULL without edges or nodes */
} function_entry;

typedef struct {
  const escc_options *options;
  source_file *files;
  size_t file_count, file_capacity;
  function_entry *functions;
  size_t function_count, function_capacity;
  const esc_allocation **placeless; /* allocations without debug info */
  size_t placeless_count, placeless_capacity;
  esc_summary summary;
  bool have_dot;
} page;

static size_t file_index(page *p, const char *path) {
  for (size_t i = 0; i < p->file_count; i++)
    if (!strcmp(p->files[i].path, path))
      return i;
  if (p->file_count == p->file_capacity)
    p->files =
        escc_xrealloc(p->files, (p->file_capacity = p->file_capacity * 2 + 4) * sizeof *p->files);
  p->files[p->file_count] = (source_file){.path = path};
  return p->file_count++;
}

/* Functions are told apart by name and file: `escc report` may show several programs, each
 * with its own main. */
static function_entry *function_for(page *p, const char *name, size_t file, unsigned line) {
  for (size_t i = 0; i < p->function_count; i++)
    if (!strcmp(p->functions[i].name, name) && p->functions[i].file == file)
      return &p->functions[i];
  if (p->function_count == p->function_capacity)
    p->functions = escc_xrealloc(
        p->functions, (p->function_capacity = p->function_capacity * 2 + 8) * sizeof *p->functions);
  p->functions[p->function_count] = (function_entry){.name = name, .file = file, .line = line};
  return &p->functions[p->function_count++];
}

static void add_annotation(page *p, esc_source_place place, const char *function, annotation item) {
  size_t index = file_index(p, place.file);
  source_file *file = &p->files[index];
  if (file->count == file->capacity)
    file->items =
        escc_xrealloc(file->items, (file->capacity = file->capacity * 2 + 8) * sizeof *file->items);
  item.line = place.line;
  item.column = place.column;
  item.sequence = file->count;
  file->items[file->count++] = item;
  function_entry *entry = function_for(p, function, index, place.line);
  if (item.allocation && item.allocation->decision == ESC_DECISION_HEAP) {
    file->moved++;
    entry->moved++;
    const escc_audit_site *figures = escc_audit_lookup(p->options->audit_figures, item.allocation);
    if (figures)
      file->outlived += figures->outlived;
  } else if (item.allocation) {
    file->stayed++;
    entry->stayed++;
  } else if (item.parameter->heap_derefs != ESC_NO_LEAK ||
             item.parameter->result_derefs != ESC_NO_LEAK) {
    file->leaking++;
    entry->leaking++;
  }
}

static int compare_annotations(const void *left_pointer, const void *right_pointer) {
  const annotation *left = left_pointer, *right = right_pointer;
  if (left->line != right->line)
    return left->line < right->line ? -1 : 1;
  if (left->column != right->column)
    return left->column < right->column ? -1 : 1;
  return left->sequence < right->sequence ? -1 : (left->sequence > right->sequence);
}

static void collect(page *p, const esc_analysis *const *analyses, size_t count) {
  for (size_t a = 0; a < count; a++) {
    const esc_analysis *analysis = analyses[a];
    size_t first_function = p->function_count; /* this program's functions come from here on */
    for (size_t i = 0; i < esc_analysis_allocation_count(analysis); i++) {
      const esc_allocation *allocation = esc_analysis_allocation(analysis, i);
      if (!allocation->address_taken && allocation->decision != ESC_DECISION_HEAP)
        continue;
      if (!allocation->place.file) {
        if (p->placeless_count == p->placeless_capacity)
          p->placeless =
              escc_xrealloc(p->placeless, (p->placeless_capacity = p->placeless_capacity * 2 + 8) *
                                              sizeof *p->placeless);
        p->placeless[p->placeless_count++] = allocation;
        continue;
      }
      add_annotation(p, allocation->place, allocation->function,
                     (annotation){.allocation = allocation});
    }
    for (size_t i = 0; i < esc_analysis_parameter_count(analysis); i++) {
      const esc_parameter *parameter = esc_analysis_parameter(analysis, i);
      if (parameter->carries_pointer && parameter->place.file)
        add_annotation(p, parameter->place, parameter->function,
                       (annotation){.parameter = parameter});
    }
    for (size_t i = 0; i < esc_analysis_graph_count(analysis); i++) {
      const esc_function_graph *graph = esc_analysis_graph(analysis, i);
      for (size_t f = first_function; f < p->function_count; f++)
        if (!strcmp(p->functions[f].name, graph->function) && graph->edge_count > 0)
          p->functions[f].graph = graph;
    }
    esc_summary more = esc_analysis_summary(analysis);
    p->summary.functions += more.functions;
    p->summary.allocas += more.allocas;
    p->summary.address_taken += more.address_taken;
    p->summary.promoted += more.promoted;
  }
  for (size_t i = 0; i < p->file_count; i++)
    qsort(p->files[i].items, p->files[i].count, sizeof *p->files[i].items, compare_annotations);
}

/* ===== HTML pieces ============================================================================ */

static void put_html(FILE *out, const char *text, size_t length) {
  for (size_t i = 0; i < length && text[i]; i++) {
    switch (text[i]) {
    case '&':
      fputs("&amp;", out);
      break;
    case '<':
      fputs("&lt;", out);
      break;
    case '>':
      fputs("&gt;", out);
      break;
    case '"':
      fputs("&quot;", out);
      break;
    default:
      fputc(text[i], out);
    }
  }
}

static void put_text(FILE *out, const char *text) { put_html(out, text, strlen(text)); }

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;"
    "color:#1d1d1f}\n"
    "h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}\n"
    "table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .8rem;text-align:left;"
    "border-bottom:1px solid #eee}td.n,th.n{text-align:right}\n"
    "pre.source{background:#fafafa;border:1px solid #e3e3e3;padding:.5rem "
    "0;overflow:visible;tab-size:4;"
    "font:13px/1.5 ui-monospace,monospace}\n"
    ".line{display:block;padding-right:1rem}.line.marked{background:#fff8e6}\n"
    ".ln{display:inline-block;width:3.5em;color:#999;text-align:right;margin-right:1em;"
    "user-select:none}\n"
    ".var{position:relative;border-radius:3px;padding:0 2px;cursor:pointer}\n"
    ".var.heap{background:#ffd5cc;color:#8e1b0e;font-weight:bold;outline:1px solid #e0705c}\n"
    ".var.stack{background:#d8f3dc;color:#1b5e20}\n"
    ".flow{display:none;position:absolute;left:0;top:1.4em;z-index:2;white-space:pre;"
    "background:#fff;color:#1d1d1f;font-weight:normal;border:1px solid #bbb;border-radius:4px;"
    "padding:.4rem .6rem;box-shadow:0 2px 8px rgba(0,0,0,.15)}\n"
    ".var:hover .flow,.var:focus .flow,.var.pinned .flow{display:block}\n"
    ".tag{margin-left:1.5em;font:12px system-ui,sans-serif;padding:0 .4em;border-radius:3px}\n"
    ".tag.heap{color:#8e1b0e;background:#ffe9e4}.tag.stack{color:#1b5e20;background:#e9f7eb}\n"
    ".tag.param{color:#444;background:#eef}.tag.leak{color:#7a3d00;background:#fdebd0}\n"
    ".tag.audit{color:#fff;background:#6a4c93}.tag.audit.unneeded{background:#2e7d32}\n"
    "details.graph{margin:.5rem 0}details.graph svg{max-width:100%;height:auto}\n"
    ".muted{color:#777}\n";

/* Clicking a variable keeps its flow open (hover and keyboard focus show it as well); a link
 * ending in #pin=NAME opens the flows of the variables called NAME. */
static const char script[] =
    "document.addEventListener('click',function(e){var v=e.target.closest('.var');"
    "if(v)v.classList.toggle('pinned');});\n"
    "var pin=decodeURIComponent(location.hash).match(/^#pin=(.+)$/);\n"
    "if(pin)document.querySelectorAll('.var').forEach(function(v){"
    "if(v.dataset.variable===pin[1])v.classList.add('pinned');});\n";

static void put_head(FILE *out, const char *title) {
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
  put_text(out, title);
  fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}

static void put_tail(FILE *out) {
  fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", script);
}

/* The link to a file's section: an anchor on the one page, its own page with -p. */
static void put_file_link(FILE *out, const page *p, size_t index, bool multi_page) {
  if (multi_page)
    fprintf(out, "<a href=\"file-%zu.html\">", index);
  else
    fprintf(out, "<a href=\"#file-%zu\">", index);
  put_text(out, p->files[index].path);
  fputs("</a>", out);
}

static void put_index(FILE *out, const page *p, bool multi_page) {
  bool audited = p->options->audit_figures != NULL;
  fputs("<header>\n<h1>escc escape report</h1>\n", out);
  fprintf(out,
          "<p id=\"summary\">%zu functions, %zu allocas, %zu address-taken, "
          "<strong>%zu moved to heap</strong>%s</p>\n</header>\n",
          p->summary.functions, p->summary.allocas, p->summary.address_taken, p->summary.promoted,
          audited ? "; run-time figures from an audited run" : "");
  fputs("<nav id=\"index\">\n<h2>Files</h2>\n<table>\n<tr><th>file</th><th class=\"n\">moved to "
        "heap</th><th class=\"n\">stay on stack</th><th class=\"n\">leaking params</th>",
        out);
  if (audited)
    fputs("<th class=\"n\">objects that outlived their frame</th>", out);
  fputs("</tr>\n", out);
  for (size_t i = 0; i < p->file_count; i++) {
    const source_file *file = &p->files[i];
    fputs("<tr><td>", out);
    put_file_link(out, p, i, multi_page);
    fprintf(out, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>",
            file->moved, file->stayed, file->leaking);
    if (audited)
      fprintf(out, "<td class=\"n\">%llu</td>", file->outlived);
    fputs("</tr>\n", out);
  }
  fputs("</table>\n<h2>Functions</h2>\n<table>\n<tr><th>function</th><th>file</th><th "
        "class=\"n\">moved to heap</th><th class=\"n\">stay on stack</th><th class=\"n\">leaking "
        "params</th></tr>\n",
        out);
  for (size_t i = 0; i < p->function_count; i++) {
    const function_entry *function = &p->functions[i];
    fputs("<tr><td>", out);
    put_text(out, function->name);
    fputs("</td><td>", out);
    put_file_link(out, p, function->file, multi_page);
    fprintf(out,
            ":%u</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
            "</tr>\n",
            function->line, function->moved, function->stayed, function->leaking);
  }
  fputs("</table>\n</nav>\n", out);
}

/* ===== One source file ======================================================================== */

/* The -m=2 flow, grouped as Go prints it: "flow: DST = SRC:" then the steps of the group. */
static void put_flow(FILE *out, const esc_allocation *allocation) {
  fputs("<span class=\"flow\" role=\"tooltip\"><b>", out);
  put_text(out, allocation->variable);
  fputs(" escapes to heap</b> (", out);
  put_text(out, esc_reason_id(allocation->reason));
  fputs(")", out);
  size_t group_start = 0;
  for (size_t i = 0; i < allocation->flow_count; i++) {
    const esc_flow_step *step = &allocation->flow[i];
    if (!step->flow_to && i + 1 < allocation->flow_count)
      continue;
    fputs("\nflow: ", out);
    put_text(out, step->flow_to ? step->flow_to : "{heap}");
    fputs(" = ", out);
    put_text(out, step->flow_from ? step->flow_from : allocation->variable);
    fputs(":", out);
    for (size_t j = group_start; j <= i; j++) {
      const esc_flow_step *member = &allocation->flow[j];
      fputs("\n    from ", out);
      put_text(out, member->note);
      if (member->place.file) {
        fputs(" at ", out);
        put_text(out, member->place.file);
        fprintf(out, ":%u:%u", member->place.line, member->place.column);
      }
    }
    group_start = i + 1;
  }
  fputs("</span>", out);
}

static void put_variable(FILE *out, const esc_allocation *allocation, const char *text,
                         size_t length) {
  bool heap = allocation->decision == ESC_DECISION_HEAP;
  fprintf(out, "<span class=\"var %s\" tabindex=\"0\" data-variable=\"", heap ? "heap" : "stack");
  put_text(out, allocation->variable);
  fputs("\" title=\"", out);
  put_text(out, heap ? "moved to heap" : "does not escape");
  fputs("\">", out);
  put_html(out, text, length);
  if (heap)
    put_flow(out, allocation);
  fputs("</span>", out);
}

static void put_parameter_tag(FILE *out, const esc_parameter *parameter) {
  int derefs;
  const char *leak = escc_parameter_leak(parameter, &derefs);
  bool none = !strcmp(leak, "none");
  fprintf(out, "<span class=\"tag param%s\">", none ? "" : " leak");
  if (none) {
    put_text(out, parameter->parameter);
    fputs(" does not escape", out);
  } else if (!strcmp(leak, "heap")) {
    fputs(derefs == 0 ? "leaking param: " : "leaking param content: ", out);
    put_text(out, parameter->parameter);
  } else {
    fputs("leaking param: ", out);
    put_text(out, parameter->parameter);
    fprintf(out, " to result ~r0 level=%d", derefs);
  }
  fputs("</span>", out);
}

static void put_allocation_tags(FILE *out, const page *p, const esc_allocation *allocation,
                                bool highlighted) {
  bool heap = allocation->decision == ESC_DECISION_HEAP;
  fprintf(out, "<span class=\"tag %s\">", heap ? "heap" : "stack");
  fputs(heap ? "moved to heap: " : "stays on stack: ", out);
  put_text(out, allocation->variable);
  if (heap && !highlighted) /* the flow hangs on the tag when the name was not found */
    put_flow(out, allocation);
  fputs("</span>", out);
  const escc_audit_site *figures =
      heap ? escc_audit_lookup(p->options->audit_figures, allocation) : NULL;
  if (figures)
    fprintf(out,
            "<span class=\"tag audit%s\" data-outlived=\"%llu\">run: %llu allocated, %llu "
            "outlived its frame, at most %llu alive at once</span>",
            figures->outlived == 0 ? " unneeded" : "", figures->outlived, figures->allocated,
            figures->outlived, figures->most_alive);
}

static bool is_identifier_character(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* How many characters at offset of the line stand for the variable: its name as a whole
 * identifier, else (an allocation site such as Go's "&node{...}", whose name is not in the
 * text) the token there: leading operators such as & then an identifier. 0 when none. */
static size_t variable_extent(const char *line, size_t length, size_t offset, const char *name) {
  size_t name_length = strlen(name);
  if (offset + name_length <= length && !strncmp(line + offset, name, name_length) &&
      (offset + name_length == length || !is_identifier_character(line[offset + name_length])))
    return name_length;
  if (is_identifier_character(name[0]))
    return 0;
  size_t end = offset;
  while (end < length && line[end] && strchr("&*[]", line[end]))
    end++;
  while (end < length && is_identifier_character(line[end]))
    end++;
  return end > offset && is_identifier_character(line[end - 1]) ? end - offset : 0;
}

/* One source line: the text with its variables highlighted, then the tags of its annotations. */
static void put_line(FILE *out, const page *p, unsigned number, const char *text, size_t length,
                     const annotation *items, size_t count) {
  fprintf(out, "<span class=\"line%s\" id=\"L%u\"><span class=\"ln\">%u</span>",
          count ? " marked" : "", number, number);
  size_t written = 0;
  bool *highlighted = escc_xmalloc((count + 1) * sizeof *highlighted);
  for (size_t i = 0; i < count; i++) {
    highlighted[i] = false;
    const esc_allocation *allocation = items[i].allocation;
    size_t offset = items[i].column ? items[i].column - 1 : 0;
    size_t extent = allocation && offset >= written
                        ? variable_extent(text, length, offset, allocation->variable)
                        : 0;
    if (!extent)
      continue;
    put_html(out, text + written, offset - written);
    put_variable(out, allocation, text + offset, extent);
    written = offset + extent;
    highlighted[i] = true;
  }
  put_html(out, text + written, length - written);
  for (size_t i = 0; i < count; i++) {
    if (items[i].allocation)
      put_allocation_tags(out, p, items[i].allocation, highlighted[i]);
    else
      put_parameter_tag(out, items[i].parameter);
  }
  free(highlighted);
  fputs("</span>", out);
}

/* `dot -Tsvg` of one function's graph, without the XML prologue; NULL when dot fails. */
static char *graph_svg(const esc_function_graph *graph) {
  char *dot_path = escc_temp_path("graph", "dot"), *svg_path = escc_temp_path("graph", "svg");
  char *svg = NULL;
  FILE *file = dot_path && svg_path ? fopen(dot_path, "w") : NULL;
  if (file) {
    escc_write_dot_header(file);
    escc_write_dot_graph(graph, 0, file);
    fputs("}\n", file);
    fclose(file);
    char *argv[] = {"dot", "-Tsvg", "-o", svg_path, dot_path, NULL};
    if (escc_run_process(argv, NULL) == 0)
      svg = escc_read_text_file(svg_path);
  }
  char *start = svg ? strstr(svg, "<svg") : NULL;
  char *result = start ? escc_xstrdup(start) : NULL;
  free(svg);
  free(svg_path);
  free(dot_path);
  return result;
}

static void put_graphs(FILE *out, const page *p, size_t file_index) {
  for (size_t i = 0; i < p->function_count; i++) {
    const function_entry *function = &p->functions[i];
    if (function->file != file_index || !function->graph)
      continue;
    char *svg = p->have_dot ? graph_svg(function->graph) : NULL;
    fputs("<details class=\"graph\" open><summary>location graph of <code>", out);
    put_text(out, function->name);
    fputs("</code></summary>\n", out);
    if (svg)
      fputs(svg, out);
    else
      fputs("<p class=\"muted\">(install Graphviz for the picture; <code>escc report "
            "--format=dot</code> gives its source)</p>\n",
            out);
    fputs("</details>\n", out);
    free(svg);
  }
}

/* The source as the debug info names it: from here, else (a relative name from a compilation
 * database) from the directory its command ran in. */
static char *read_source(const page *p, const char *path) {
  char *contents = escc_read_text_file(path);
  const escc_strings *directories = &p->options->source_directories;
  for (size_t i = 0; !contents && path[0] != '/' && i < directories->count; i++) {
    char *candidate = escc_format("%s/%s", directories->items[i], path);
    contents = escc_read_text_file(candidate);
    free(candidate);
  }
  return contents;
}

static void put_file(FILE *out, const page *p, size_t index) {
  const source_file *file = &p->files[index];
  fprintf(out, "<section class=\"file\" id=\"file-%zu\">\n<h2>", index);
  put_text(out, file->path);
  fputs("</h2>\n", out);
  char *contents = read_source(p, file->path);
  if (!contents) {
    fputs("<p class=\"muted\">(source not readable from here)</p>\n<ul>\n", out);
    for (size_t i = 0; i < file->count; i++) {
      fprintf(out, "<li>line %u: ", file->items[i].line);
      if (file->items[i].allocation)
        put_allocation_tags(out, p, file->items[i].allocation, false);
      else
        put_parameter_tag(out, file->items[i].parameter);
      fputs("</li>\n", out);
    }
    fputs("</ul>\n", out);
  } else {
    fputs("<pre class=\"source\">", out);
    const char *line = contents;
    size_t next = 0;
    for (unsigned number = 1; *line; number++) {
      size_t length = strcspn(line, "\n");
      while (next < file->count && file->items[next].line < number) /* line 0: no line */
        next++;
      size_t first = next;
      while (next < file->count && file->items[next].line == number)
        next++;
      put_line(out, p, number, line, length, file->items + first, next - first);
      line += length + (line[length] == '\n');
    }
    fputs("</pre>\n", out);
  }
  free(contents);
  put_graphs(out, p, index);
  fputs("</section>\n", out);
}

static void put_placeless(FILE *out, const page *p) {
  if (!p->placeless_count)
    return;
  fputs("<section id=\"no-debug-info\">\n<h2>Without debug info</h2>\n<ul>\n", out);
  for (size_t i = 0; i < p->placeless_count; i++) {
    fputs("<li><code>", out);
    put_text(out, p->placeless[i]->function);
    fputs("</code>: ", out);
    put_allocation_tags(out, p, p->placeless[i], false);
    fputs("</li>\n", out);
  }
  fputs("</ul>\n</section>\n", out);
}

/* ===== Pages ================================================================================== */

static int write_pages(const page *p, const char *database) {
  char *directory = escc_format("%s/escape-report", database);
  if (mkdir(directory, 0777) != 0 && errno != EEXIST) {
    escc_error(directory, "cannot create the report directory: %s", strerror(errno));
    free(directory);
    return ESCC_EXIT_FAILED;
  }
  int status = ESCC_EXIT_OK;
  for (size_t i = 0; i <= p->file_count && status == ESCC_EXIT_OK; i++) {
    char *path = i == p->file_count ? escc_format("%s/index.html", directory)
                                    : escc_format("%s/file-%zu.html", directory, i);
    FILE *out = fopen(path, "w");
    if (!out) {
      escc_error(path, "cannot write: %s", strerror(errno));
      status = ESCC_EXIT_FAILED;
    } else {
      put_head(out, i == p->file_count ? "escc escape report" : p->files[i].path);
      if (i == p->file_count) {
        put_index(out, p, true);
        put_placeless(out, p);
      } else {
        fputs("<p><a href=\"index.html\">&larr; index</a></p>\n", out);
        put_file(out, p, i);
      }
      put_tail(out);
      fclose(out);
    }
    if (i == p->file_count && status == ESCC_EXIT_OK)
      printf("%s\n", path);
    free(path);
  }
  free(directory);
  return status;
}

int escc_report_html(const esc_analysis *const *analyses, size_t count, const escc_options *options,
                     FILE *out) {
  page p = {.options = options, .have_dot = escc_find_program("dot")};
  collect(&p, analyses, count);
  int status = ESCC_EXIT_OK;
  if (options->database && !strcmp(options->command, "report")) {
    status = write_pages(&p, options->database);
  } else {
    put_head(out, "escc escape report");
    put_index(out, &p, false);
    for (size_t i = 0; i < p.file_count; i++)
      put_file(out, &p, i);
    put_placeless(out, &p);
    put_tail(out);
  }
  for (size_t i = 0; i < p.file_count; i++)
    free(p.files[i].items);
  free(p.files);
  free(p.functions);
  free(p.placeless);
  return status;
}
