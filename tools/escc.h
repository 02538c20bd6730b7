/*
 * escc.h — the driver's internal interface: the parsed command line, the loaded program, and
 * the steps each command strings together (load → analyse → promote → optimise → emit → link).
 * Only files in tools/ include it; the analysis itself is reached through pass/escape.h.
 *
 * Invariant: every function here either succeeds or has already printed exactly one
 * "escc: error: ..." line (or passed clang's own diagnostics through) and returns the exit
 * status to use: ESCC_EXIT_FAILED for a failed compile/program, ESCC_EXIT_USAGE for bad usage
 * or input. Nothing here aborts the process.
 */
#ifndef ESCC_TOOLS_ESCC_H
#define ESCC_TOOLS_ESCC_H

#include "escape.h"

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { ESCC_EXIT_OK = 0, ESCC_EXIT_FAILED = 1, ESCC_EXIT_USAGE = 2 };

/* ===== Diagnostics (diagnostics.c) ============================================================ */

/* Prints "escc: error: SUBJECT: MESSAGE" (or "escc: error: MESSAGE" when subject is NULL). */
void escc_error(const char *subject, const char *format, ...) __attribute__((format(printf, 2, 3)));
void escc_warning(const char *subject, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* "escc: note: SUBJECT: MESSAGE": what a run did that its output does not show. */
void escc_note(const char *subject, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* malloc/realloc/strdup that exit with status 1 and one line when memory runs out. */
void *escc_xmalloc(size_t size);
void *escc_xrealloc(void *pointer, size_t size);
char *escc_xstrdup(const char *text);
char *escc_format(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* A growable array of owned strings (argument vectors, file lists). Always NULL-terminated. */
typedef struct {
  char **items;
  size_t count;
  size_t capacity;
} escc_strings;
void escc_strings_push(escc_strings *strings, const char *text); /* copies text */
void escc_strings_push_all(escc_strings *strings, const escc_strings *more);
void escc_strings_free(escc_strings *strings);

/* ===== Audit figures (audit_figures.c) ======================================================= */

/* One promotion site's run-time figures, as escrt's audit wrote them (runtime/audit.c). */
typedef struct {
  char *function;
  char *variable;
  unsigned line, column;
  unsigned long long allocated;  /* objects allocated */
  unsigned long long outlived;   /* of those, still reachable after their frame returned */
  unsigned long long most_alive; /* the most alive at once */
} escc_audit_site;

typedef struct {
  escc_audit_site *items;
  size_t count;
} escc_audit_figures;

/* Reads the file ESC_AUDIT_OUTPUT named; false when it cannot be opened. */
bool escc_read_audit_figures(const char *path, escc_audit_figures *figures);
/* The figures of allocation's site, or NULL (no figures, not promoted, or never audited). */
const escc_audit_site *escc_audit_lookup(const escc_audit_figures *figures,
                                         const esc_allocation *allocation);
void escc_audit_figures_free(escc_audit_figures *figures);

/* ===== Command line (options.c) =============================================================== */

typedef enum {
  ESCC_FORMAT_TEXT,
  ESCC_FORMAT_JSON,
  ESCC_FORMAT_SARIF,
  ESCC_FORMAT_HTML, /* report_html.c */
  ESCC_FORMAT_DOT   /* report_dot.c */
} escc_format_kind;
typedef enum { ESCC_COLOR_AUTO, ESCC_COLOR_ALWAYS, ESCC_COLOR_NEVER } escc_color_mode;

typedef struct {
  const char *command;             /* "report", "build", "run", "ir" */
  int detail;                      /* -m level: 1 (default), 2 or more (-m -m, -mm, -m=N) */
  bool detail_given;               /* some -m was given (repetitions add up) */
  escc_format_kind format;         /* --format */
  bool all_allocas;                /* --all-allocas: every alloca in JSON */
  bool report_requested;           /* -m or --format given (build/run then report on stderr) */
  bool stats;                      /* --stats */
  bool promote_all;                /* --promote-all: every address-taken alloca goes to the heap */
  bool audit;                      /* --audit (build/run/ir): instrument for escrt's audit */
  const char *function;            /* --function=NAME: the one function --format=dot draws */
  escc_strings source_directories; /* the inputs' directories and -p compile directories, where
                                      the HTML report looks for sources the debug info names
                                      relatively (filled by the commands, not an option) */
  const escc_audit_figures *audit_figures; /* escc run --audit: the run's figures, for the
                                              report written after it (not an option) */
  escc_color_mode color;                   /* --color */
  esc_runtime runtime;                     /* --gc */
  int optimization;                        /* -O0..-O3; -1 when not given */
  const char *output;                      /* -o */
  const char *database;                    /* -p DIR */
  escc_strings clang_flags;       /* -I -D -U -std -include ... handed to clang for C inputs */
  escc_strings files;             /* inputs */
  escc_strings program_arguments; /* after "--" (run) */
} escc_options;

/* Parses argv[first..] for COMMAND. Returns ESCC_EXIT_OK or ESCC_EXIT_USAGE (error printed). */
int escc_parse_options(const char *command, int argc, char **argv, int first,
                       escc_options *options);
void escc_options_free(escc_options *options);

/* ===== Help (help.c) ========================================================================== */

void escc_print_usage(FILE *out);
/* Help for one command; false when the command is unknown. */
bool escc_print_command_help(const char *command, FILE *out);
void escc_print_version(FILE *out);
/* `escc --print-plugin-command`: the opt and clang lines that load this build's plugin. */
void escc_print_plugin_commands(FILE *out);

/* ===== Processes and files (process.c, paths.c) =============================================== */

/* Runs argv (argv[0] is a path or a PATH name); returns its exit status, 128+N for a signal,
 * or -1 when it could not be started (error printed). directory may be NULL. */
int escc_run_process(char *const argv[], const char *directory);
/* The same with the child's standard output written to output_path (NULL: escc's own). */
int escc_run_process_to(char *const argv[], const char *directory, const char *output_path);
/* The signal that killed the last process escc_run_process waited for; 0 when it exited. */
int escc_last_child_signal(void);
/* Replaces the process with argv (for pass-through); returns only on failure (error printed). */
int escc_exec_process(char *const argv[]);

/* A private temporary directory, removed with everything in it by escc_temp_cleanup (also at
 * exit and on SIGINT/SIGTERM/SIGHUP; safe to call from a signal handler). Returns NULL (error
 * printed) when it cannot be made. */
const char *escc_temp_dir(void);
char *escc_temp_path(const char *stem, const char *extension); /* unique path inside it */
void escc_temp_cleanup(void);

const char *escc_clang_path(void);  /* ${ESCC_CLANG}, or $ESCC_CLANG from the environment */
const char *escc_library_dir(void); /* <dir of escc>/../lib if it holds libescrt.a, else
                                       ESCC_LIB_DIR */
/* The directory of the running escc executable; false when /proc/self/exe is unreadable. */
bool escc_executable_dir(char *directory, size_t size);
/* Checks that PATH names a readable regular file; prints the error line when not. */
bool escc_check_input_file(const char *path);
const char *escc_file_extension(const char *path); /* "c", "ll", "bc", ... or "" */
/* Everything left in stream, NUL-terminated (size excludes the NUL); check ferror after. */
char *escc_read_stream(FILE *stream, size_t *size);
const char *escc_base_name(const char *path);
/* The whole file, NUL-terminated (size excludes the NUL; caller frees); NULL when it cannot be
 * read. */
char *escc_read_file(const char *path, size_t *size);
/* The whole file as a NUL-terminated string (caller frees); NULL when it cannot be read. */
char *escc_read_text_file(const char *path);
/* Whether PATH's directories hold an executable NAME (for optional helpers such as dot). */
bool escc_find_program(const char *name);

/* ===== Loading a program (inputs.c, compdb.c) ================================================= */

/* Sets up LLVM's native target once. */
void escc_initialize_llvm(void);
/* Keeps LLVM's errors in context (the bitcode reader's, the IR linker's) instead of letting LLVM
 * print them and exit; escc_take_llvm_error returns the last one's text (or fallback). */
void escc_capture_llvm_diagnostics(LLVMContextRef context);
const char *escc_take_llvm_error(const char *fallback);

typedef struct {
  char *path;               /* as the user named it (for messages) */
  char *source;             /* as handed to clang (the database's spelling), else path */
  char *directory;          /* directory to compile in (compilation database), or NULL */
  escc_strings clang_flags; /* extra flags (from the compilation database) */
  bool standard_input;      /* C read by clang from standard input (`-`), saved in source */
} escc_input;

typedef struct {
  escc_input *items;
  size_t count;
} escc_inputs;

/* `-`: saves standard input in the temporary directory and adds it as the input "<stdin>"
 * (C, textual IR or bitcode, by its first bytes). */
int escc_read_standard_input(escc_inputs *inputs);

/* Turns options->files (and -p DIR) into the list of inputs to load. */
int escc_collect_inputs(const escc_options *options, escc_inputs *inputs);
void escc_inputs_free(escc_inputs *inputs);

/* Fills each input's clang_flags/directory/source from DIR/compile_commands.json (read with
 * libclang) when it has an entry; with no inputs at all, adds every entry of the database. */
int escc_compdb_lookup(const char *directory, escc_inputs *inputs);
void escc_inputs_add(escc_inputs *inputs, const char *path);

/* Compiles one C file to bitcode through clang (-O2 -Xclang -disable-llvm-passes -g
 * -emit-llvm) with the given flags; returns the bitcode's path or NULL (status in *status). */
char *escc_compile_c_to_bitcode(const char *source, const char *directory,
                                const escc_strings *flags, int *status);

/* Loads one .c/.ll/.bc file into context. Returns ESCC_EXIT_OK and *module, or the status. */
int escc_load_file(LLVMContextRef context, const escc_input *input, const escc_strings *flags,
                   LLVMModuleRef *module);
/* Reads one textual IR or bitcode file (a front end's output) as escc_load_file reads a .ll,
 * naming subject in its messages. */
int escc_read_ir_file(LLVMContextRef context, const char *subject, const char *path,
                      LLVMModuleRef *module);

/* ===== Go inputs (go.c) ======================================================================= */

bool escc_is_go_input(const char *path);
bool escc_inputs_have_go(const escc_inputs *inputs);
/* Lowers every .go input (one package) through escc-go and reads the module it writes. */
int escc_load_go_package(LLVMContextRef context, const escc_inputs *inputs, LLVMModuleRef *module);
/* The Go runtime library (libescgo.a) and what it needs, for the link line. */
void escc_go_link_flags(escc_strings *flags);

/* Loads every input and links them into one module (so summaries cross files). With
 * separate_programs (escc report), an input that defines a symbol another already defines
 * (a second `main`) starts a new program instead of failing, and with a compilation database
 * (-p) every input is analysed alone, as the build compiles it: *count modules are returned. */
int escc_load_program(LLVMContextRef context, const escc_inputs *inputs,
                      const escc_options *options, bool separate_programs, LLVMModuleRef **modules,
                      size_t *count);

/* Names every file in analysis's places as the user named it (file_names.c). */
void escc_spell_source_files(esc_analysis *analysis, const escc_inputs *inputs);
/* Remembers that module's functions without debug info come from file (before linking), and
 * answers which file defined such a function (NULL when unknown). */
void escc_note_function_files(LLVMModuleRef module, const char *file);
const char *escc_function_file(const char *function);

/* ===== Code generation (compile.c, link.c) ==================================================== */

/* The target machine for module's triple (the host's when the module has none); sets the
 * module's triple and data layout when missing. NULL with the error printed on failure. */
LLVMTargetMachineRef escc_target_machine(LLVMModuleRef module, const char *subject,
                                         int optimization);
/* Runs default<O0..3> over module. */
int escc_optimize(LLVMModuleRef module, LLVMTargetMachineRef machine, int optimization,
                  const char *subject);
/* Emits an object (or assembly) file. */
int escc_emit(LLVMModuleRef module, LLVMTargetMachineRef machine, const char *path, bool assembly,
              const char *subject);
/* Verifies module; prints the verifier's message as one error line when it fails. */
int escc_verify(LLVMModuleRef module, const char *subject);

/* Links objects (plus extra linker arguments) with the runtime into output through clang. */
int escc_link(const escc_strings *objects, const escc_strings *link_flags, esc_runtime runtime,
              bool add_runtime, const char *output);
/* The same, with the linker's trace of every file and archive member it loads (GNU ld's and
 * lld's -t -t, on its standard output) written to trace_path. */
int escc_link_traced(const escc_strings *objects, const escc_strings *link_flags,
                     esc_runtime runtime, bool add_runtime, const char *output,
                     const char *trace_path);
/* The linker arguments the runtime needs (libescrt.a -lpthread, -lgc, or none). */
void escc_runtime_link_flags(esc_runtime runtime, escc_strings *flags);
/* What a shared library built by escc cc -shared records it needs: the runtime's shared library
 * (escrt: libescrt.so and a run path to it; boehm: libgc), so that a program linked without escc
 * still finds esc_alloc. */
void escc_runtime_dependency_flags(esc_runtime runtime, escc_strings *flags);
bool escc_parse_runtime(const char *name, esc_runtime *runtime);
const char *escc_runtime_name(esc_runtime runtime);

/* ===== Whole-program promotion at the link (embedded_bitcode.c, archive.c, whole_program.c) ====
 */

/* Adds to module (as it was loaded, before analysis) a copy of its own bitcode in the object's
 * excluded section .llvm.escc, with the compile's optimisation level and debug-info setting;
 * nothing for non-ELF targets. */
int escc_embed_bitcode(LLVMModuleRef module, int optimization, bool debug_info,
                       const char *subject);

/* The modules an object's .llvm.escc section holds (one per record; several after ld -r). */
typedef struct {
  LLVMModuleRef *modules;
  size_t count;
  int optimization; /* the highest level the records were compiled at */
  bool debug_info;  /* some record was compiled with -g */
} escc_embedded_bitcode;
/* Reads the object in data (ELF); false (nothing kept) when it has no readable bitcode. */
bool escc_read_embedded_bitcode(LLVMContextRef context, const char *data, size_t size,
                                escc_embedded_bitcode *bitcode);
void escc_embedded_bitcode_free(escc_embedded_bitcode *bitcode);

/* A static library's members (names and contents, in the archive's order). */
typedef struct {
  char *name;
  const char *data; /* inside the archive's data */
  size_t size;
} escc_archive_member;
typedef struct {
  char *data;
  escc_archive_member *members;
  size_t count;
} escc_archive;
/* false when path is not a readable regular ar archive (thin archives included). */
bool escc_archive_read(const char *path, escc_archive *archive);
void escc_archive_free(escc_archive *archive);

/* The program the link's bitcode makes (context set by the caller). */
typedef struct {
  LLVMContextRef context;
  LLVMModuleRef module; /* NULL when no object or used member carries bitcode */
  bool *replaced;       /* parallel to the objects: its code is in module */
  size_t module_count;  /* modules linked into module */
  size_t object_count;  /* objects and archive members whose code is in module */
  size_t member_count;
  int optimization; /* the highest level the parts were compiled at */
  bool debug_info;
} escc_whole_program;
/* Links the bitcode of objects and of the archive members the linker's trace (its -t -t output
 * in trace_path; NULL: none) names. ESCC_EXIT_FAILED, with one warning printed, when they do not
 * link. */
int escc_whole_program_load(const escc_strings *objects, const char *trace_path,
                            escc_whole_program *program);
void escc_whole_program_free(escc_whole_program *program);

/* ===== Reports (report_json.c, report_sarif.c, presentation.c) ================================ */

/* One JSON document (docs/design.md, "Reports") for the analyses of one run (every alloca with
 * all_allocas), with the audit's figures on the promoted allocations when audit is not NULL;
 * caller frees the text. */
char *escc_report_json(const esc_analysis *const *analyses, size_t count, bool all_allocas,
                       const escc_audit_figures *audit);
/* One SARIF 2.1.0 log (one run) for the analyses of one run; caller frees the text. */
char *escc_report_sarif(const esc_analysis *const *analyses, size_t count);
/* The location graphs as one Graphviz digraph (all functions with a graph, or only FUNCTION,
 * which must exist: else the error line and ESCC_EXIT_USAGE). */
int escc_report_dot(const esc_analysis *const *analyses, size_t count, const char *function,
                    FILE *out);
/* The HTML report (one page on out; with -p DIR on `escc report`, DIR/escape-report/index.html
 * and one page per file, the index's path printed on stdout). */
int escc_report_html(const esc_analysis *const *analyses, size_t count, const escc_options *options,
                     FILE *out);
/* The pieces: the digraph's opening lines, and one function's cluster (closing "}" is the
 * caller's). graph_index keeps node names unique within the digraph. */
void escc_write_dot_header(FILE *out);
void escc_write_dot_graph(const esc_function_graph *graph, size_t graph_index, FILE *out);
/* A finished cJSON document as indented text; frees the document; caller frees the text. */
struct cJSON;
char *escc_json_text(struct cJSON *root);
/* The parameter's leak tag ("none", "result", "heap") and the derefs that go with it. */
const char *escc_parameter_leak(const esc_parameter *parameter, int *derefs);

/* Writes the report in the chosen format to out; text is presented clang-style (source line,
 * caret, colours) when rich. */
int escc_write_report(const esc_analysis *const *analyses, size_t count,
                      const escc_options *options, FILE *out, bool rich, bool colours);
/* Decides presentation for a stream from --color and the terminal. */
bool escc_rich_output(escc_color_mode mode, FILE *stream);
/* Post-processes Go-style text into clang-like diagnostics with carets. */
void escc_present_text(const char *text, FILE *out, bool colours);

/* A progress line on stderr (only on a terminal, only for more than one file). */
void escc_progress(size_t done, size_t total, const char *what, const char *subject);
void escc_progress_end(void);

/* Phase timings for --stats. */
typedef enum {
  ESCC_PHASE_LOAD,
  ESCC_PHASE_ANALYZE,
  ESCC_PHASE_PROMOTE,
  ESCC_PHASE_OPTIMIZE,
  ESCC_PHASE_EMIT,
  ESCC_PHASE_LINK,
  ESCC_PHASE_COUNT
} escc_phase;
void escc_phase_begin(escc_phase phase);
void escc_phase_end(escc_phase phase);
void escc_print_stats(const esc_analysis *const *analyses, size_t count, FILE *out);

/* ===== Commands (commands.c, cc.c) ============================================================ */

int escc_command_report(escc_options *options);
int escc_command_build(escc_options *options);
int escc_command_run(escc_options *options);
int escc_command_ir(escc_options *options);
int escc_command_cc(int argc, char **argv, int first);

#endif /* ESCC_TOOLS_ESCC_H */
