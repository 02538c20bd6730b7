/*
 * report_dot.c — the location graph as Graphviz DOT (`--format=dot`): one cluster per function
 * (or only the one --function names), a node per named location — variables, parameters, ~r0,
 * {heap}, {hidden} — and an edge "source -> destination" labelled the way Go's -m=2 writes a
 * flow: &x (address, derefs -1), x (copy, 0), *x (load, 1), with the derefs beside it.
 * Variables moved to the heap and leaking parameters are drawn in red.
 *
 *   escc report --format=dot examples/c/seed.c | dot -Tsvg > seed.svg
 *
 * Invariant: the output is one `digraph` that Graphviz accepts for any names (quotes and
 * backslashes escaped), and depends only on the analysis, so it is stable across runs.
 */
#include "escc.h"

#include <string.h>

/* A DOT string body: quotes and backslashes escaped, newlines as DOT's centred line break. */
static void put_escaped(FILE *out, const char *text) {
  for (; *text; text++) {
    if (*text == '"' || *text == '\\')
      fputc('\\', out);
    if (*text == '\n')
      fputs("\\n", out);
    else
      fputc(*text, out);
  }
}

static void put_place(FILE *out, esc_source_place place) {
  if (!place.file)
    return;
  fputs("\\n", out);
  put_escaped(out, escc_base_name(place.file));
  fprintf(out, ":%u:%u", place.line, place.column);
}

static const char *node_style(const esc_graph_node *node) {
  switch (node->kind) {
  case ESC_NODE_HEAP:
    return "shape=box, style=filled, fillcolor=\"#f6d5d1\", color=\"#b03a2e\"";
  case ESC_NODE_RESULT:
    return "shape=box, style=filled, fillcolor=\"#dbe7f6\"";
  case ESC_NODE_HIDDEN:
    return "shape=box, style=dashed";
  case ESC_NODE_PARAMETER:
    return node->escapes ? "shape=house, color=\"#b03a2e\", fontcolor=\"#b03a2e\"" : "shape=house";
  case ESC_NODE_VARIABLE:
    break;
  }
  return node->escapes ? "shape=ellipse, style=\"filled,bold\", fillcolor=\"#fdecea\", "
                         "color=\"#b03a2e\", penwidth=2"
                       : "shape=ellipse";
}

static void put_node(FILE *out, size_t graph_index, size_t index, const esc_graph_node *node) {
  fprintf(out, "    g%zu_n%zu [%s, label=\"", graph_index, index, node_style(node));
  if (node->kind == ESC_NODE_PARAMETER)
    fputs("param ", out);
  put_escaped(out, node->name);
  if (node->kind == ESC_NODE_VARIABLE && node->escapes)
    fputs("\\nmoved to heap", out);
  else if (node->kind == ESC_NODE_PARAMETER && node->escapes)
    fputs("\\nleaks", out);
  put_place(out, node->place);
  fputs("\"];\n", out);
}

/* Whether name is a plain identifier (a variable), not an allocation site such as a Go front
 * end's "&node{...}". */
static bool is_identifier(const char *name) {
  for (; *name; name++)
    if (!(*name == '_' || *name == '.' || (*name >= 'a' && *name <= 'z') ||
          (*name >= 'A' && *name <= 'Z') || (*name >= '0' && *name <= '9')))
      return false;
  return true;
}

/* "&x", "x", "*x", "**x": the source as the destination receives it; the address of an
 * allocation site reads as Go writes it, "&{storage for &node{...}}". */
static void put_flow_expression(FILE *out, const char *name, int derefs) {
  if (derefs < 0 && !is_identifier(name)) {
    fputs("&{storage for ", out);
    put_escaped(out, name);
    fputc('}', out);
    return;
  }
  if (derefs < 0)
    fputc('&', out);
  for (int i = 0; i < derefs && i < 8; i++)
    fputc('*', out);
  put_escaped(out, name);
}

void escc_write_dot_graph(const esc_function_graph *graph, size_t graph_index, FILE *out) {
  fprintf(out, "  subgraph cluster_%zu {\n    label=\"", graph_index);
  put_escaped(out, graph->function);
  fputs("\";\n", out);
  for (size_t i = 0; i < graph->node_count; i++)
    put_node(out, graph_index, i, &graph->nodes[i]);
  for (size_t i = 0; i < graph->edge_count; i++) {
    const esc_graph_edge *edge = &graph->edges[i];
    const esc_graph_node *source = &graph->nodes[edge->source];
    bool escaping = graph->nodes[edge->destination].kind == ESC_NODE_HEAP ||
                    graph->nodes[edge->destination].kind == ESC_NODE_RESULT;
    fprintf(out, "    g%zu_n%zu -> g%zu_n%zu [label=\"", graph_index, edge->source, graph_index,
            edge->destination);
    put_flow_expression(out, source->name, edge->derefs);
    fprintf(out, " (derefs %d)\"%s];\n", edge->derefs,
            escaping && edge->derefs < 0 ? ", color=\"#b03a2e\", fontcolor=\"#b03a2e\"" : "");
  }
  fputs("  }\n", out);
}

void escc_write_dot_header(FILE *out) {
  fputs("digraph escape {\n  rankdir=LR;\n  graph [fontname=\"Helvetica\", fontsize=12];\n"
        "  node [fontname=\"Helvetica\", fontsize=11];\n"
        "  edge [fontname=\"Helvetica\", fontsize=10];\n",
        out);
}

int escc_report_dot(const esc_analysis *const *analyses, size_t count, const char *function,
                    FILE *out) {
  size_t written = 0;
  escc_write_dot_header(out);
  for (size_t a = 0; a < count; a++) {
    for (size_t i = 0; i < esc_analysis_graph_count(analyses[a]); i++) {
      const esc_function_graph *graph = esc_analysis_graph(analyses[a], i);
      if (function ? strcmp(graph->function, function) : graph->node_count == 0)
        continue;
      escc_write_dot_graph(graph, written++, out);
    }
  }
  fputs("}\n", out);
  if (function && written == 0) {
    escc_error(function, "no such function in the program (--function)");
    return ESCC_EXIT_USAGE;
  }
  return ESCC_EXIT_OK;
}
