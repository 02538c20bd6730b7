/*
 * escape.h — the public interface of escc's escape analysis and promotion.
 *
 * This is the only header other components (the plugin, the escc driver, tests) include. It
 * owns the vocabulary shared by the analysis, the reports and the rewrite: decisions, reason
 * ids, source places, flow steps and parameter leak tags.
 *
 * Invariant: every object returned by esc_analyze_module stays valid until esc_analysis_free,
 * and holds only plain data (strings it owns, numbers) plus the alloca handle the rewrite needs;
 * nothing in it points into another analysis.
 */
#ifndef ESCC_ESCAPE_H
#define ESCC_ESCAPE_H

#include <llvm-c/Core.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Where an allocation ends up. */
typedef enum { ESC_DECISION_STACK = 0, ESC_DECISION_HEAP = 1 } esc_decision;

/*
 * Why an alloca escapes: one value per kind of sink, each with a stable kebab-case id
 * (esc_reason_id) documented in docs/reports.md. ESC_REASON_NONE is "does not escape".
 */
typedef enum {
  ESC_REASON_NONE = 0,
  ESC_REASON_RETURNED,               /* "returned": reaches the function's result */
  ESC_REASON_STORED_TO_GLOBAL,       /* "stored-to-global" */
  ESC_REASON_STORED_TO_PARAMETER,    /* "stored-to-parameter": into caller memory */
  ESC_REASON_STORED_THROUGH_POINTER, /* "stored-through-pointer": into unknown memory */
  ESC_REASON_CALLEE_LEAKS_PARAMETER, /* "callee-leaks-parameter": a defined callee's summary */
  ESC_REASON_UNKNOWN_CALLEE,         /* "unknown-callee": declared, no model, may capture */
  ESC_REASON_VARIADIC_ARGUMENT,      /* "variadic-argument": extra argument of a callee */
  ESC_REASON_INDIRECT_CALL,          /* "indirect-call": call through a function pointer */
  ESC_REASON_INLINE_ASM,             /* "inline-asm" */
  ESC_REASON_THREAD_ARGUMENT,        /* "thread-argument": handed to another thread */
  ESC_REASON_CAPTURED_BY_LIBRARY,    /* "captured-by-library": kept by a modelled function */
  ESC_REASON_EXCEPTION,              /* "exception": thrown/resumed or EH pad operand */
  ESC_REASON_PROMOTE_ALL,            /* "promote-all": forced by the `all` option */
  ESC_REASON_STORED_IN_OUTER_SCOPE,  /* "stored-in-outer-scope": kept by a variable of the same
                                        function that outlives it (Go's loop-depth rule) */
  ESC_REASON_TOO_LARGE,              /* "too-large": over gc's stack size limits (Go) */
  ESC_REASON_OUTLIVES_ITERATION,     /* "outlives-iteration": a loop's per-iteration object
                                        whose address outlives the iteration (Go) */
  ESC_REASON_COUNT
} esc_reason;

const char *esc_reason_id(esc_reason reason);          /* "returned", ... ("" for NONE) */
const char *esc_reason_description(esc_reason reason); /* one human sentence */

/* A place in the source, from debug info; file is NULL when unknown (no debug info). file is
 * the DIFile's name as the compiler wrote it (relative to directory, unless absolute), until
 * esc_analysis_spell_files respells it. */
typedef struct {
  const char *file;
  unsigned line;
  unsigned column;
  const char *directory; /* the DIFile's directory; NULL when none */
} esc_source_place;

/*
 * One step of the chain that explains a decision, from the alloca towards the sink. Steps
 * come in groups, as Go's -m=2 prints them: a group ends at a step whose flow_to is set, and
 * reads "flow: <flow_to> = <flow_from>:" followed by the notes of the group's steps.
 */
typedef struct {
  esc_source_place place; /* where the step happens (the instruction's location) */
  const char *note;       /* e.g. "return &number (return)", "store to global g (assign)" */
  const char *flow_to;    /* NULL inside a group; at its end the named destination: "~r0",
                             "{heap}", a variable's name */
  const char *flow_from;  /* at a group's end: what flows there, e.g. "&number", "p", "*p" */
} esc_flow_step;

typedef struct {
  LLVMValueRef alloca;    /* the alloca instruction, or the byval/sret parameter moved to the
                             heap (docs/design.md); valid while the module is unchanged */
  const char *function;   /* the function's IR name */
  const char *variable;   /* source name, else IR name, else "%N" */
  esc_source_place place; /* declaration; file NULL without debug info */
  uint64_t size;          /* allocated bytes; 0 for a dynamic alloca (see is_dynamic) */
  unsigned alignment;
  bool is_dynamic;      /* VLA / alloca(): size known only at run time */
  bool address_taken;   /* address used other than as the address of a plain load/store */
  bool address_hidden;  /* address turned into data the collector cannot trace: pin it */
  bool declared;        /* has a debug declare: a source variable or allocation site */
  bool allocation_site; /* Go: an allocation site (`new(int)`, DIFlagArtificial), not a
                           variable: reported as "escapes to heap" / "does not escape" */
  esc_decision decision;
  esc_reason reason; /* ESC_REASON_NONE when decision is STACK */
  size_t flow_count;
  const esc_flow_step *flow;
} esc_allocation;

/* What a parameter's value can reach. ESC_NO_LEAK means "never". */
#define ESC_NO_LEAK INT32_MAX
/* Results told apart in parameter tags (gc's numEscResults); a leak to a later one is a leak to
 * the heap, as in gc. */
#define ESC_MAX_RESULTS 7
typedef struct {
  const char *function;
  const char *parameter; /* source name, else IR name, else "%N" */
  esc_source_place place;
  unsigned index;
  bool carries_pointer;    /* the parameter's type can hold an address */
  int32_t heap_derefs;     /* min derefs with which it reaches {heap}, or ESC_NO_LEAK */
  int32_t result_derefs;   /* min derefs with which it reaches the result, or ESC_NO_LEAK */
  bool result_has_pointer; /* the function's result type holds a pointer (or it returns a
                              struct through sret): only then does the text report, like Go,
                              show a leak to the result */
  bool declared;           /* has a source variable (debug info) */
  bool moved_to_heap;      /* its own slot is decided heap (Go then reports only that) */
  unsigned result_count;   /* results told apart: the Go function's, else 1 (~r0) */
  int32_t result_derefs_of[ESC_MAX_RESULTS]; /* min derefs to result K, or ESC_NO_LEAK */
  const char *result_names[ESC_MAX_RESULTS]; /* gc's names of the results ("~r0", "err") */
} esc_parameter;

/* Whether the report says PARAMETER leaks: its type can hold an address, and it reaches {heap},
 * or a result that holds a pointer. The text report prints those leaks; the location graph draws
 * those parameters as leaking. */
bool esc_parameter_leaks(const esc_parameter *parameter);

typedef struct {
  size_t functions;     /* defined functions analysed */
  size_t allocas;       /* every alloca */
  size_t address_taken; /* allocas whose address is used beyond plain load/store */
  size_t promoted;      /* allocas decided ESC_DECISION_HEAP */
} esc_summary;

typedef struct {
  bool promote_all; /* every address-taken alloca is decided heap (reason promote-all) */
  bool keep_graphs; /* keep each function's location graph (esc_analysis_graph): dot, html */
} esc_analysis_options;

/*
 * A function's location graph as a reader wants it (Go's model, docs/design.md): only the
 * locations the source names — variables, parameters, the result ~r0, {heap} (and {hidden},
 * where addresses turn into untraceable data) — with an edge "destination <- source" wherever
 * source's value, dereferenced derefs times, reaches destination through unnamed SSA values:
 * -1 for an address (&x), 0 for a copy, 1 for a load (*x); the fewest along any path.
 */
typedef enum {
  ESC_NODE_HEAP,
  ESC_NODE_RESULT,
  ESC_NODE_HIDDEN,
  ESC_NODE_PARAMETER,
  ESC_NODE_VARIABLE
} esc_node_kind;

typedef struct {
  esc_node_kind kind;
  const char *name;       /* "{heap}", "~r0", "{hidden}", or the source name */
  esc_source_place place; /* variables and parameters; file NULL otherwise or without debug info */
  bool escapes;           /* variable moved to heap; parameter leaking to heap or result */
} esc_graph_node;

typedef struct {
  size_t source, destination; /* indices into the graph's nodes */
  int derefs;
} esc_graph_edge;

typedef struct {
  const char *function; /* IR name */
  size_t node_count;
  const esc_graph_node *nodes;
  size_t edge_count;
  const esc_graph_edge *edges;
} esc_function_graph;

typedef struct esc_analysis esc_analysis;

/* Analyse every defined function of M. Never fails on valid IR; returns NULL only when out of
 * memory. Does not change M (debug-info format is restored before returning). */
esc_analysis *esc_analyze_module(LLVMModuleRef module, const esc_analysis_options *options);
void esc_analysis_free(esc_analysis *analysis);

size_t esc_analysis_allocation_count(const esc_analysis *analysis);
const esc_allocation *esc_analysis_allocation(const esc_analysis *analysis, size_t index);
size_t esc_analysis_parameter_count(const esc_analysis *analysis);
const esc_parameter *esc_analysis_parameter(const esc_analysis *analysis, size_t index);
esc_summary esc_analysis_summary(const esc_analysis *analysis);
/* Whether the module came from the Go front end (!"escc.source-language" = !"go"): the text
 * report then follows gc's conventions (docs/go.md). */
bool esc_analysis_is_go(const esc_analysis *analysis);
/* Each analysed function's graph, when the analysis ran with keep_graphs (else count 0). */
size_t esc_analysis_graph_count(const esc_analysis *analysis);
const esc_function_graph *esc_analysis_graph(const esc_analysis *analysis, size_t index);
/* The module's source file name (for places without debug info). */
const char *esc_analysis_module_name(const esc_analysis *analysis);

/* Replaces every place's file by spell(file, directory, context) (NULL: left as is), so a
 * driver can name files as its user did. The returned text is copied. */
void esc_analysis_spell_files(esc_analysis *analysis,
                              const char *(*spell)(const char *file, const char *directory,
                                                   void *context),
                              void *context);

/* Go-style text report. level 1 = -m, level 2 = -m=2 (adds flow lines). */
void esc_report_text(const esc_analysis *analysis, FILE *out, int level);

/* Which allocator the rewrite calls. */
typedef enum {
  ESC_RUNTIME_ESCRT = 0, /* esc_alloc / esc_alloc_pinned from escrt */
  ESC_RUNTIME_BOEHM,     /* GC_malloc (collector initialised first) */
  ESC_RUNTIME_NONE       /* a never-freeing allocator */
} esc_runtime;

typedef struct {
  esc_runtime runtime;
  bool audit; /* escrt only: instrument for escrt's audit (runtime/audit.c, pass/audit.h) */
} esc_promote_options;

/* Rewrite every alloca decided ESC_DECISION_HEAP in analysis (which must describe module, and
 * module must be unchanged since). Returns the number of allocas rewritten. The module passes
 * the verifier afterwards. */
size_t esc_promote_module(LLVMModuleRef module, const esc_analysis *analysis,
                          const esc_promote_options *options);

/* Version string of the LLVM escc was built against, e.g. "19.1.7". */
const char *esc_llvm_version(void);

#ifdef __cplusplus
}
#endif

#endif /* ESCC_ESCAPE_H */
