/*
 * report_sarif.c — the SARIF 2.1.0 log (`--format=sarif`) for code-scanning tools: one rule per
 * escape reason (rule id = the reason id of docs/reports.md) plus one for parameter leaks, one
 * result per promoted variable at its declaration (level note) and one per leaking parameter
 * (rule leaking-param, level note), and each explanation as a codeFlow whose threadFlow visits
 * each step.
 *
 * Invariants: every rule is listed whether or not it fired, so ruleIndex is the reason's
 * position and stable across runs; every rule has a helpUri to its entry in docs/reports.md.
 * Every result has a physical location: a file under the current directory is a relative URI
 * with uriBaseId %SRCROOT% (the current directory, given in originalUriBaseIds), any other an
 * absolute file: URI; a place without debug info is the input file that defined the function
 * (else the module's), without a region, plus the function as a logical location. URIs are
 * percent-encoded. Built with cJSON.
 */
#include "escc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SARIF_SCHEMA                                                                               \
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* RFC 3986: keep unreserved characters and '/', percent-encode the rest. */
static char *uri_reference(const char *path) {
  char *uri = escc_xmalloc(3 * strlen(path) + 1);
  char *out = uri;
  for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
    if (isalnum(*c) || strchr("-._~/", *c))
      *out++ = (char)*c;
    else
      out += sprintf(out, "%%%02X", *c);
  }
  *out = '\0';
  return uri;
}

/* ===== Files as URIs ========================================================================= */

#define SOURCE_ROOT_ID "%SRCROOT%"

/* The current directory as an absolute path ending in '/' (originalUriBaseIds wants that). */
static const char *source_root(void) {
  static char root[PATH_MAX + 1];
  if (!root[0]) {
    if (!getcwd(root, sizeof root - 1))
      strcpy(root, "/");
    if (root[strlen(root) - 1] != '/')
      strcat(root, "/");
  }
  return root;
}

/* Fills an artifactLocation for path: relative to %SRCROOT% when it is relative or lies under
 * the current directory, else an absolute file: URI. */
static void add_artifact_uri(cJSON *artifact, const char *path) {
  const char *root = source_root();
  size_t root_length = strlen(root);
  bool relative = path[0] != '/';
  if (!relative && !strncmp(path, root, root_length)) {
    path += root_length;
    relative = true;
  }
  while (relative && !strncmp(path, "./", 2))
    path += 2;
  char *encoded = uri_reference(path);
  if (relative) {
    cJSON_AddStringToObject(artifact, "uri", encoded);
    cJSON_AddStringToObject(artifact, "uriBaseId", SOURCE_ROOT_ID);
  } else {
    char *uri = escc_format("file://%s", encoded);
    cJSON_AddStringToObject(artifact, "uri", uri);
    free(uri);
  }
  free(encoded);
}

static cJSON *original_uri_base_ids(void) {
  cJSON *bases = cJSON_CreateObject();
  cJSON *root = cJSON_AddObjectToObject(bases, SOURCE_ROOT_ID);
  char *encoded = uri_reference(source_root());
  char *uri = escc_format("file://%s", encoded);
  cJSON_AddStringToObject(root, "uri", uri);
  free(uri);
  free(encoded);
  return bases;
}

/* ===== Rules ================================================================================== */

static char *rule_name(const char *id) {
  /* "stored-to-global" → "StoredToGlobal" (SARIF's convention for rule names). */
  char *name = escc_xmalloc(strlen(id) + 1);
  char *out = name;
  bool upper = true;
  for (const char *c = id; *c; c++) {
    if (*c == '-') {
      upper = true;
      continue;
    }
    *out++ = upper ? (char)toupper((unsigned char)*c) : *c;
    upper = false;
  }
  *out = '\0';
  return name;
}

static cJSON *message(const char *text) {
  cJSON *object = cJSON_CreateObject();
  cJSON_AddStringToObject(object, "text", text);
  return object;
}

/* A location: the place in the source, else the module's own file (IR without debug info),
 * and the function as a logical location. */
static cJSON *location(esc_source_place place, const char *function, const char *module_file) {
  cJSON *object = cJSON_CreateObject();
  const char *file = place.file ? place.file : escc_function_file(function);
  if (!file)
    file = module_file;
  if (file) {
    cJSON *physical = cJSON_AddObjectToObject(object, "physicalLocation");
    add_artifact_uri(cJSON_AddObjectToObject(physical, "artifactLocation"), file);
    if (place.file && place.line > 0) {
      cJSON *region = cJSON_AddObjectToObject(physical, "region");
      cJSON_AddNumberToObject(region, "startLine", place.line);
      if (place.column > 0)
        cJSON_AddNumberToObject(region, "startColumn", place.column);
    }
  }
  cJSON *logical = cJSON_AddArrayToObject(object, "logicalLocations");
  cJSON *function_location = cJSON_CreateObject();
  cJSON_AddStringToObject(function_location, "name", function);
  cJSON_AddStringToObject(function_location, "kind", "function");
  cJSON_AddItemToArray(logical, function_location);
  return object;
}

/* Parameter leaks are a rule of their own, after the reasons: its index is ESC_REASON_COUNT-1. */
#define LEAKING_PARAMETER_RULE "leaking-param"
enum { LEAKING_PARAMETER_RULE_INDEX = ESC_REASON_COUNT - 1 };

static cJSON *rule(const char *id, const char *sentence, const char *help) {
  cJSON *object = cJSON_CreateObject();
  cJSON_AddStringToObject(object, "id", id);
  char *name = rule_name(id);
  cJSON_AddStringToObject(object, "name", name);
  free(name);
  cJSON_AddItemToObject(object, "shortDescription", message(sentence));
  cJSON_AddItemToObject(object, "help", message(help));
  /* docs/reports.md has an anchor per reason id (and one for parameter leaks). */
  char *uri = escc_format("file://%s/reports.md#%s", ESCC_DOCS_DIR, id);
  cJSON_AddStringToObject(object, "helpUri", uri);
  free(uri);
  cJSON *configuration = cJSON_AddObjectToObject(object, "defaultConfiguration");
  cJSON_AddStringToObject(configuration, "level", "note");
  return object;
}

static cJSON *rules_array(void) {
  cJSON *rules = cJSON_CreateArray();
  for (int reason = ESC_REASON_NONE + 1; reason < ESC_REASON_COUNT; reason++) {
    const char *id = esc_reason_id((esc_reason)reason);
    char *sentence = escc_format("Moved to heap: %s.", esc_reason_description((esc_reason)reason));
    char *help = escc_format("escc moves the variable to the collected heap. The reason '%s' is "
                             "documented, with an example, in escc's docs/reports.md.",
                             id);
    cJSON_AddItemToArray(rules, rule(id, sentence, help));
    free(sentence);
    free(help);
  }
  cJSON_AddItemToArray(
      rules, rule(LEAKING_PARAMETER_RULE,
                  "Leaking parameter: an address passed here reaches the heap or the result.",
                  "A caller's variable whose address is passed for this parameter moves to the "
                  "heap (or, for a leak to the result, wherever the result goes). Go prints the "
                  "same tag as 'leaking param'."));
  return rules;
}

/* ===== Results ================================================================================ */

static cJSON *code_flow(const esc_allocation *allocation, const char *module_file) {
  cJSON *flows = cJSON_CreateArray();
  cJSON *flow = cJSON_CreateObject();
  cJSON *threads = cJSON_AddArrayToObject(flow, "threadFlows");
  cJSON *thread = cJSON_CreateObject();
  cJSON *steps = cJSON_AddArrayToObject(thread, "locations");
  for (size_t i = 0; i < allocation->flow_count; i++) {
    const esc_flow_step *step = &allocation->flow[i];
    cJSON *step_location = location(step->place, allocation->function, module_file);
    cJSON_AddItemToObject(step_location, "message", message(step->note ? step->note : ""));
    cJSON *thread_location = cJSON_CreateObject();
    cJSON_AddItemToObject(thread_location, "location", step_location);
    cJSON_AddItemToArray(steps, thread_location);
  }
  cJSON_AddItemToArray(threads, thread);
  cJSON_AddItemToArray(flows, flow);
  return flows;
}

static cJSON *result(const esc_allocation *allocation, const char *module_file) {
  cJSON *object = cJSON_CreateObject();
  cJSON_AddStringToObject(object, "ruleId", esc_reason_id(allocation->reason));
  cJSON_AddNumberToObject(object, "ruleIndex", (int)allocation->reason - 1);
  cJSON_AddStringToObject(object, "level", "note");
  char *text = escc_format("moved to heap: %s (%s)", allocation->variable,
                           esc_reason_description(allocation->reason));
  cJSON_AddItemToObject(object, "message", message(text));
  free(text);
  cJSON *locations = cJSON_AddArrayToObject(object, "locations");
  cJSON_AddItemToArray(locations, location(allocation->place, allocation->function, module_file));
  if (allocation->flow_count > 0)
    cJSON_AddItemToObject(object, "codeFlows", code_flow(allocation, module_file));
  return object;
}

static cJSON *parameter_result(const esc_parameter *parameter, const char *text,
                               const char *module_file) {
  cJSON *object = cJSON_CreateObject();
  cJSON_AddStringToObject(object, "ruleId", LEAKING_PARAMETER_RULE);
  cJSON_AddNumberToObject(object, "ruleIndex", LEAKING_PARAMETER_RULE_INDEX);
  cJSON_AddStringToObject(object, "level", "note");
  cJSON_AddItemToObject(object, "message", message(text));
  cJSON *locations = cJSON_AddArrayToObject(object, "locations");
  cJSON_AddItemToArray(locations, location(parameter->place, parameter->function, module_file));
  return object;
}

/* One result per "leaking param" line of the text report (a leak to the heap and one to the
 * result are two lines there, two results here). */
static void add_parameter_results(cJSON *results, const esc_parameter *parameter,
                                  const char *module_file) {
  if (!parameter->carries_pointer)
    return;
  if (parameter->heap_derefs != ESC_NO_LEAK) {
    char *text =
        escc_format(parameter->heap_derefs == 0 ? "leaking param: %s" : "leaking param content: %s",
                    parameter->parameter);
    cJSON_AddItemToArray(results, parameter_result(parameter, text, module_file));
    free(text);
  }
  if (parameter->result_derefs != ESC_NO_LEAK && parameter->result_has_pointer) {
    char *text = escc_format("leaking param: %s to result ~r0 level=%d", parameter->parameter,
                             parameter->result_derefs);
    cJSON_AddItemToArray(results, parameter_result(parameter, text, module_file));
    free(text);
  }
}

char *escc_report_sarif(const esc_analysis *const *analyses, size_t count) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
  cJSON_AddStringToObject(root, "version", "2.1.0");
  cJSON *runs = cJSON_AddArrayToObject(root, "runs");
  cJSON *run = cJSON_CreateObject();
  cJSON_AddItemToArray(runs, run);
  cJSON *tool = cJSON_AddObjectToObject(run, "tool");
  cJSON *driver = cJSON_AddObjectToObject(tool, "driver");
  cJSON_AddStringToObject(driver, "name", "escc");
  cJSON_AddStringToObject(driver, "version", ESCC_VERSION);
  cJSON_AddStringToObject(driver, "semanticVersion", ESCC_VERSION);
  cJSON_AddItemToObject(driver, "rules", rules_array());
  cJSON_AddItemToObject(run, "originalUriBaseIds", original_uri_base_ids());
  cJSON *results = cJSON_AddArrayToObject(run, "results");
  /* SARIF lists findings: the promoted variables, then the leaking parameters. */
  for (size_t a = 0; a < count; a++) {
    const char *module_file = esc_analysis_module_name(analyses[a]);
    for (size_t i = 0; i < esc_analysis_allocation_count(analyses[a]); i++) {
      const esc_allocation *allocation = esc_analysis_allocation(analyses[a], i);
      if (allocation->decision == ESC_DECISION_HEAP && allocation->reason != ESC_REASON_NONE)
        cJSON_AddItemToArray(results, result(allocation, module_file));
    }
    for (size_t i = 0; i < esc_analysis_parameter_count(analyses[a]); i++)
      add_parameter_results(results, esc_analysis_parameter(analyses[a], i), module_file);
  }
  return escc_json_text(root);
}
