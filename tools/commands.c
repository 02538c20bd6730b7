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

static int load_and_analyze(const escc_options *options, bool separate_programs, program *p) {
  *p = (program){0};
  int status = escc_collect_inputs(options, &p->inputs);
  if (status != ESCC_EXIT_OK)
    return status;
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
  esc_analysis_options analysis_options = {.promote_all = options->promote_all};
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
static void write_report(const program *p, const escc_options *options, FILE *stream) {
  bool rich = options->format == ESCC_FORMAT_TEXT && escc_rich_output(options->color, stream);
  escc_write_report((const esc_analysis *const *)p->analyses, p->count, options, stream, rich,
                    rich);
}

/* Promotes and verifies the one program; its analysis is consumed (the module changed). */
static int promote(program *p, const escc_options *options) {
  if (options->stats)
    escc_print_stats((const esc_analysis *const *)p->analyses, p->count, stderr);
  esc_promote_options promote_options = {.runtime = options->runtime};
  escc_phase_begin(ESCC_PHASE_PROMOTE);
  esc_promote_module(p->modules[0], p->analyses[0], &promote_options);
  escc_phase_end(ESCC_PHASE_PROMOTE);
  esc_analysis_free(p->analyses[0]);
  p->analyses[0] = NULL;
  return escc_verify(p->modules[0], p->inputs.items[0].path);
}

/* Promote, optimise, emit an object and link it into output. */
static int build_program(program *p, const escc_options *options, const char *output) {
  const char *subject = p->inputs.items[0].path;
  if (options->report_requested)
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
    status = escc_link(&objects, NULL, options->runtime, true, output);
    escc_strings_free(&objects);
  }
  free(object);
  return status;
}

int escc_command_report(escc_options *options) {
  program p;
  int status = load_and_analyze(options, true, &p);
  if (status == ESCC_EXIT_OK) {
    write_report(&p, options, stdout);
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

int escc_command_run(escc_options *options) {
  program p;
  int status = load_and_analyze(options, false, &p);
  char *executable = NULL;
  if (status == ESCC_EXIT_OK) {
    executable = escc_temp_path(escc_base_name(p.inputs.items[0].path), "exe");
    status = executable ? build_program(&p, options, executable) : ESCC_EXIT_FAILED;
  }
  program_free(&p);
  if (status != ESCC_EXIT_OK) {
    free(executable);
    return status;
  }
  escc_strings argv = {NULL, 0, 0};
  escc_strings_push(&argv, executable);
  escc_strings_push_all(&argv, &options->program_arguments);
  int program_status = escc_run_process(argv.items, NULL);
  escc_strings_free(&argv);
  free(executable);
  if (program_status < 0)
    return ESCC_EXIT_FAILED;
  /* As a shell does: say which signal killed the program, and exit with 128+N. */
  int killed_by = escc_last_child_signal();
  if (killed_by) {
    const char *name = sigabbrev_np(killed_by);
    const char *program = options->files.count ? options->files.items[0] : "the program";
    if (name)
      fprintf(stderr, "escc: %s: killed by SIG%s\n", program, name);
    else
      fprintf(stderr, "escc: %s: killed by signal %d\n", program, killed_by);
  }
  return program_status;
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
