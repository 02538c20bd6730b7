/*
 * audit_figures.c — the run-time figures of escrt's audit as the driver reads them back:
 * `escc run --audit --format=json|html` runs the program with ESC_AUDIT_OUTPUT pointing at a
 * temporary file, where escrt writes one tab-separated line per promotion site at exit
 * (runtime/audit.c): function, variable, file ("" without debug info), line, column, objects
 * allocated, objects that outlived their frame, the most alive at once.
 *
 * Invariant: a site is matched to an allocation of the report by function, variable, line and
 * column, the fields both sides take from the same analysis; a line that does not parse is
 * skipped, so a damaged file can only leave figures out, never attach them to the wrong site.
 */
#include "escc.h"

#include <stdlib.h>
#include <string.h>

/* The next tab-separated field of *cursor (which it advances), NUL-terminated in place. */
static char *next_field(char **cursor) {
  char *field = *cursor;
  if (!field)
    return NULL;
  char *tab = strchr(field, '\t');
  if (tab) {
    *tab = '\0';
    *cursor = tab + 1;
  } else {
    *cursor = NULL;
  }
  return field;
}

static bool parse_line(char *line, escc_audit_site *site) {
  line[strcspn(line, "\n")] = '\0';
  char *cursor = line;
  char *fields[8];
  for (int i = 0; i < 8; i++)
    if (!(fields[i] = next_field(&cursor)))
      return false;
  if (cursor)
    return false;
  char *end;
  unsigned long long numbers[5];
  for (int i = 0; i < 5; i++) {
    numbers[i] = strtoull(fields[3 + i], &end, 10);
    if (*end || !*fields[3 + i])
      return false;
  }
  *site = (escc_audit_site){.function = escc_xstrdup(fields[0]),
                            .variable = escc_xstrdup(fields[1]),
                            .line = (unsigned)numbers[0],
                            .column = (unsigned)numbers[1],
                            .allocated = numbers[2],
                            .outlived = numbers[3],
                            .most_alive = numbers[4]};
  return true;
}

bool escc_read_audit_figures(const char *path, escc_audit_figures *figures) {
  *figures = (escc_audit_figures){0};
  FILE *file = fopen(path, "r");
  if (!file)
    return false;
  char *line = NULL;
  size_t capacity = 0, allocated = 0;
  while (getline(&line, &capacity, file) > 0) {
    escc_audit_site site;
    if (!parse_line(line, &site))
      continue;
    if (figures->count == allocated)
      figures->items =
          escc_xrealloc(figures->items, (allocated = allocated * 2 + 8) * sizeof *figures->items);
    figures->items[figures->count++] = site;
  }
  free(line);
  fclose(file);
  return true;
}

const escc_audit_site *escc_audit_lookup(const escc_audit_figures *figures,
                                         const esc_allocation *allocation) {
  if (!figures)
    return NULL;
  for (size_t i = 0; i < figures->count; i++) {
    const escc_audit_site *site = &figures->items[i];
    if (site->line == allocation->place.line && site->column == allocation->place.column &&
        !strcmp(site->function, allocation->function) &&
        !strcmp(site->variable, allocation->variable))
      return site;
  }
  return NULL;
}

void escc_audit_figures_free(escc_audit_figures *figures) {
  for (size_t i = 0; i < figures->count; i++) {
    free(figures->items[i].function);
    free(figures->items[i].variable);
  }
  free(figures->items);
  *figures = (escc_audit_figures){0};
}
