/*
 * report_sarif.c — the SARIF 2.1.0 log (`--format=sarif`) for code-scanning tools: one rule per
 * escape reason (rule id = the reason id of docs/reports.md), one result per promoted variable
 * at its declaration, and the explanation as a codeFlow whose threadFlow visits each step.
 *
 * Invariants: every rule of every reason is listed (whether or not it fired), so ruleIndex is
 * the reason's position and stable across runs; a place without debug info becomes a logical
 * location (the function) instead of a physical one; URIs are percent-encoded relative
 * references exactly as the debug info spells the file. Built with cJSON.
 */
#include "escc.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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

static cJSON *location(esc_source_place place, const char *function) {
  cJSON *object = cJSON_CreateObject();
  if (place.file) {
    cJSON *physical = cJSON_AddObjectToObject(object, "physicalLocation");
    cJSON *artifact = cJSON_AddObjectToObject(physical, "artifactLocation");
    char *uri = uri_reference(place.file);
    cJSON_AddStringToObject(artifact, "uri", uri);
    free(uri);
    if (place.line > 0) {
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

static cJSON *rules_array(void) {
  cJSON *rules = cJSON_CreateArray();
  for (int reason = ESC_REASON_NONE + 1; reason < ESC_REASON_COUNT; reason++) {
    const char *id = esc_reason_id((esc_reason)reason);
    cJSON *rule = cJSON_CreateObject();
    cJSON_AddStringToObject(rule, "id", id);
    char *name = rule_name(id);
    cJSON_AddStringToObject(rule, "name", name);
    free(name);
    char *sentence = escc_format("Moved to heap: %s.", esc_reason_description((esc_reason)reason));
    cJSON_AddItemToObject(rule, "shortDescription", message(sentence));
    free(sentence);
    char *help = escc_format("escc moves the variable to the collected heap. The reason '%s' is "
                             "documented, with an example, in escc's docs/reports.md.",
                             id);
    cJSON_AddItemToObject(rule, "help", message(help));
    free(help);
    cJSON *configuration = cJSON_AddObjectToObject(rule, "defaultConfiguration");
    cJSON_AddStringToObject(configuration, "level", "note");
    cJSON_AddItemToArray(rules, rule);
  }
  return rules;
}

static cJSON *code_flow(const esc_allocation *allocation) {
  cJSON *flows = cJSON_CreateArray();
  cJSON *flow = cJSON_CreateObject();
  cJSON *threads = cJSON_AddArrayToObject(flow, "threadFlows");
  cJSON *thread = cJSON_CreateObject();
  cJSON *steps = cJSON_AddArrayToObject(thread, "locations");
  for (size_t i = 0; i < allocation->flow_count; i++) {
    const esc_flow_step *step = &allocation->flow[i];
    cJSON *step_location = location(step->place, allocation->function);
    cJSON_AddItemToObject(step_location, "message", message(step->note ? step->note : ""));
    cJSON *thread_location = cJSON_CreateObject();
    cJSON_AddItemToObject(thread_location, "location", step_location);
    cJSON_AddItemToArray(steps, thread_location);
  }
  cJSON_AddItemToArray(threads, thread);
  cJSON_AddItemToArray(flows, flow);
  return flows;
}

static cJSON *result(const esc_allocation *allocation) {
  cJSON *object = cJSON_CreateObject();
  cJSON_AddStringToObject(object, "ruleId", esc_reason_id(allocation->reason));
  cJSON_AddNumberToObject(object, "ruleIndex", (int)allocation->reason - 1);
  cJSON_AddStringToObject(object, "level", "note");
  char *text = escc_format("moved to heap: %s (%s)", allocation->variable,
                           esc_reason_description(allocation->reason));
  cJSON_AddItemToObject(object, "message", message(text));
  free(text);
  cJSON *locations = cJSON_AddArrayToObject(object, "locations");
  cJSON_AddItemToArray(locations, location(allocation->place, allocation->function));
  if (allocation->flow_count > 0)
    cJSON_AddItemToObject(object, "codeFlows", code_flow(allocation));
  return object;
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
  cJSON *results = cJSON_AddArrayToObject(run, "results");
  /* SARIF lists findings: the promoted variables. */
  for (size_t a = 0; a < count; a++) {
    for (size_t i = 0; i < esc_analysis_allocation_count(analyses[a]); i++) {
      const esc_allocation *allocation = esc_analysis_allocation(analyses[a], i);
      if (allocation->decision == ESC_DECISION_HEAP && allocation->reason != ESC_REASON_NONE)
        cJSON_AddItemToArray(results, result(allocation));
    }
  }
  return escc_json_text(root);
}
