/*
 * commands.c — the four commands over whole programs: `report` (analyse, print), `build`
 * (analyse, promote, optimise, emit, link), `run` (build into the temporary directory, run,
 * exit with the program's status) and `ir` (print the promoted module).
 *
 * Invariant: the analysis always sees the module exactly as loaded (all inputs linked, nothing
 * optimised); promotion happens before any optimisation; the report of build/run goes to
 * stderr so the program's own output on stdout stays clean.
 */
#include "escc.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  LLVMContextRef context;
  LLVMModuleRef *modules;  /* one per program (report may get several), else exactly one */
  esc_analysis **analyses; /* parallel to modules; NULL once promotion consumed them */
  size_t count;
  escc_inputs inputs;
} program;

static void program_free(program *p) {
  for (size_t i = 0; i < p->count; i++) {
    if (p->analyses && p->analyses[i])
      esc_analysis_free(p->analyses[i]);
    LLVMDisposeModule(p->modules[i]);
  }
  free(p->analyses);
  free(p->modules);
  if (p->context)
    LLVMContextDispose(p->context);
  escc_inputs_free(&p->inputs);
  *p = (program){0};
}

static int load_and_analyze(escc_options *options, bool separate_programs, program *p) {
  *p = (program){0};
  int status = escc_collect_inputs(options, &p->inputs);
  if (status != ESCC_EXIT_OK)
    return status;
  /* Where the HTML report looks for sources the debug info names relatively: the compile
   * directory of a database entry, and the input's own directory (Go-like IR beside its .go). */
  for (size_t i = 0; i < p->inputs.count; i++) {
    const escc_input *input = &p->inputs.items[i];
    if (input->directory)
      escc_strings_push(&options->source_directories, input->directory);
    const char *base = escc_base_name(input->path);
    char *directory = escc_format("%.*s", (int)(base - input->path), input->path);
    escc_strings_push(&options->source_directories, *directory ? directory : ".");
    free(directory);
  }
  if (p->inputs.count == 0) {
    escc_error(options->database, "no input files (the compilation database is empty)");
    return ESCC_EXIT_USAGE;
  }
  p->context = LLVMContextCreate();
  status =
      escc_load_program(p->context, &p->inputs, options, separate_programs, &p->modules, &p->count);
  if (status != ESCC_EXIT_OK)
    return status;
  p->analyses = escc_xmalloc(p->count * sizeof *p->analyses);
  esc_analysis_options analysis_options = {.promote_all = options->promote_all,
                                           .keep_graphs = options->format == ESCC_FORMAT_DOT ||
                                                          options->format == ESCC_FORMAT_HTML};
  escc_phase_begin(ESCC_PHASE_ANALYZE);
  for (size_t i = 0; i < p->count; i++)
    p->analyses[i] = esc_analyze_module(p->modules[i], &analysis_options);
  escc_phase_end(ESCC_PHASE_ANALYZE);
  for (size_t i = 0; i < p->count; i++) {
    if (!p->analyses[i]) {
      escc_error(p->inputs.items[0].path, "out of memory during the analysis");
      return ESCC_EXIT_FAILED;
    }
    escc_spell_source_files(p->analyses[i], &p->inputs);
  }
  return ESCC_EXIT_OK;
}

/* The report of build/run/report on stream: presented for a person when it is a terminal. */
static int write_report(const program *p, const escc_options *options, FILE *stream) {
  bool rich = options->format == ESCC_FORMAT_TEXT && escc_rich_output(options->color, stream);
  return escc_write_report((const esc_analysis *const *)p->analyses, p->count, options, stream,
                           rich, rich);
}

/* `escc run --audit` with a JSON or HTML report: the report waits for the run's figures. */
static bool report_after_run(const escc_options *options) {
  return options->audit && options->report_requested && options->format != ESCC_FORMAT_TEXT &&
         !strcmp(options->command, "run");
}

/* Promotes and verifies the one program; its analysis is consumed (the module changed), unless
 * the report comes after the run: reports read only its strings and numbers, which stay valid,
 * never its alloca handles, which do not. */
static int promote(program *p, const escc_options *options) {
  if (options->stats)
    escc_print_stats((const esc_analysis *const *)p->analyses, p->count, stderr);
  esc_promote_options promote_options = {.runtime = options->runtime, .audit = options->audit};
  escc_phase_begin(ESCC_PHASE_PROMOTE);
  esc_promote_module(p->modules[0], p->analyses[0], &promote_options);
  escc_phase_end(ESCC_PHASE_PROMOTE);
  if (!report_after_run(options)) {
    esc_analysis_free(p->analyses[0]);
    p->analyses[0] = NULL;
  }
  return escc_verify(p->modules[0], p->inputs.items[0].path);
}

/* Promote, optimise, emit an object and link it into output. */
static int build_program(program *p, const escc_options *options, const char *output) {
  const char *subject = p->inputs.items[0].path;
  bool go = escc_inputs_have_go(&p->inputs);
  if (go && options->runtime == ESC_RUNTIME_BOEHM) {
    escc_error(subject, "Go programs link with --gc=escrt or --gc=none (the Go runtime "
                        "allocates through escrt's esc_alloc)");
    return ESCC_EXIT_USAGE;
  }
  if (options->report_requested && !report_after_run(options))
    write_report(p, options, stderr);
  int status = promote(p, options);
  if (status != ESCC_EXIT_OK)
    return status;
  LLVMTargetMachineRef machine = escc_target_machine(p->modules[0], subject, options->optimization);
  if (!machine)
    return ESCC_EXIT_FAILED;
  status = escc_optimize(p->modules[0], machine, options->optimization, subject);
  char *object = NULL;
  if (status == ESCC_EXIT_OK) {
    object = escc_temp_path(escc_base_name(output), "o");
    status = object ? escc_emit(p->modules[0], machine, object, false, subject) : ESCC_EXIT_FAILED;
  }
  LLVMDisposeTargetMachine(machine);
  if (status == ESCC_EXIT_OK) {
    escc_strings objects = {NULL, 0, 0};
    escc_strings_push(&objects, object);
    escc_strings go_flags = {NULL, 0, 0};
    if (go)
      escc_go_link_flags(&go_flags);
    status = escc_link(&objects, go ? &go_flags : NULL, options->runtime, true, output);
    escc_strings_free(&go_flags);
    escc_strings_free(&objects);
  }
  free(object);
  return status;
}

int escc_command_report(escc_options *options) {
  program p;
  int status = load_and_analyze(options, true, &p);
  /* The build's objects are promoted per file, and its executables' links whole-program; the
   * database says nothing of which objects make up which program (docs/design.md,
   * "Whole-program promotion"). */
  if (status == ESCC_EXIT_OK && options->database)
    escc_note(options->database,
              "each translation unit is analysed alone, as escc cc -c promotes it; the link of "
              "an executable promotes the whole program again (its report: ESCC_CC_REPORT at "
              "the link)");
  if (status == ESCC_EXIT_OK) {
    status = write_report(&p, options, stdout);
    if (options->stats)
      escc_print_stats((const esc_analysis *const *)p.analyses, p.count, stderr);
  }
  program_free(&p);
  return status;
}

int escc_command_build(escc_options *options) {
  program p;
  int status = load_and_analyze(options, false, &p);
  if (status == ESCC_EXIT_OK)
    status = build_program(&p, options, options->output);
  program_free(&p);
  return status;
}

/* Runs the built program; with a report after the run, escrt writes its audit figures to a
 * temporary file (ESC_AUDIT_OUTPUT) and the report on stderr carries them. */
/* As a shell does: say which signal killed the program (its status is then 128+N). */
static void say_if_killed(const escc_options *options) {
  int killed_by = escc_last_child_signal();
  if (!killed_by)
    return;
  const char *name = sigabbrev_np(killed_by);
  const char *program = options->files.count ? options->files.items[0] : "the program";
  if (name)
    fprintf(stderr, "escc: %s: killed by SIG%s\n", program, name);
  else
    fprintf(stderr, "escc: %s: killed by signal %d\n", program, killed_by);
}

static int run_program(program *p, escc_options *options, const char *executable) {
  char *figures_path = report_after_run(options) ? escc_temp_path("audit", "tsv") : NULL;
  if (figures_path)
    setenv("ESC_AUDIT_OUTPUT", figures_path, 1);
  escc_strings argv = {NULL, 0, 0};
  escc_strings_push(&argv, executable);
  escc_strings_push_all(&argv, &options->program_arguments);
  int program_status = escc_run_process(argv.items, NULL);
  escc_strings_free(&argv);
  if (program_status >= 0)
    say_if_killed(options);
  if (figures_path) {
    unsetenv("ESC_AUDIT_OUTPUT");
    escc_audit_figures figures;
    if (escc_read_audit_figures(figures_path, &figures))
      options->audit_figures = &figures;
    else
      escc_warning(p->inputs.items[0].path, "the program wrote no audit figures");
    write_report(p, options, stderr);
    if (options->audit_figures)
      escc_audit_figures_free(&figures);
    options->audit_figures = NULL;
    free(figures_path);
  }
  return program_status < 0 ? ESCC_EXIT_FAILED : program_status;
}

int escc_command_run(escc_options *options) {
  program p;
  int status = load_and_analyze(options, false, &p);
  char *executable = NULL;
  if (status == ESCC_EXIT_OK) {
    executable = escc_temp_path(escc_base_name(p.inputs.items[0].path), "exe");
    status = executable ? build_program(&p, options, executable) : ESCC_EXIT_FAILED;
  }
  if (status == ESCC_EXIT_OK)
    status = run_program(&p, options, executable);
  program_free(&p);
  free(executable);
  return status;
}

int escc_command_ir(escc_options *options) {
  program p;
  int status = load_and_analyze(options, false, &p);
  if (status == ESCC_EXIT_OK && options->report_requested)
    write_report(&p, options, stderr);
  if (status == ESCC_EXIT_OK)
    status = promote(&p, options);
  if (status == ESCC_EXIT_OK && options->optimization >= 0) {
    LLVMTargetMachineRef machine =
        escc_target_machine(p.modules[0], p.inputs.items[0].path, options->optimization);
    status = machine ? escc_optimize(p.modules[0], machine, options->optimization,
                                     p.inputs.items[0].path)
                     : ESCC_EXIT_FAILED;
    if (machine)
      LLVMDisposeTargetMachine(machine);
  }
  if (status == ESCC_EXIT_OK) {
    char *text = LLVMPrintModuleToString(p.modules[0]);
    fputs(text, stdout);
    LLVMDisposeMessage(text);
  }
  program_free(&p);
  return status;
}
