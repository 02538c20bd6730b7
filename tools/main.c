/*
 * main.c — escc's entry point: picks the command and maps every outcome to the exit status
 * of docs/design.md, "Driver: exit status and errors" (0 ok, 1 compile/program failed or the
 * program's own status for `run`, 2 bad usage or input).
 *
 * Invariant: every path out of main has printed either nothing (success), the program's or
 * clang's own output, or exactly one "escc: error: ..." line; no command aborts.
 */
#include "escc.h"

#include <string.h>

static bool is_help_flag(const char *argument) {
  return !strcmp(argument, "--help") || !strcmp(argument, "-h") || !strcmp(argument, "-help");
}

static int help_command(int argc, char **argv) {
  if (argc < 3) {
    escc_print_usage(stdout);
    return ESCC_EXIT_OK;
  }
  if (!escc_print_command_help(argv[2], stdout)) {
    escc_error(argv[2], "unknown command (expected report, build, run, ir, cc or help)");
    return ESCC_EXIT_USAGE;
  }
  return ESCC_EXIT_OK;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    escc_print_usage(stderr);
    return ESCC_EXIT_USAGE;
  }
  const char *command = argv[1];
  if (is_help_flag(command))
    return help_command(1, argv);
  if (!strcmp(command, "--version") || !strcmp(command, "version")) {
    escc_print_version(stdout);
    return ESCC_EXIT_OK;
  }
  if (!strcmp(command, "--print-plugin-command")) {
    escc_print_plugin_commands(stdout);
    return ESCC_EXIT_OK;
  }
  if (!strcmp(command, "help"))
    return help_command(argc, argv);
  if (!strcmp(command, "cc"))
    return escc_command_cc(argc, argv, 2);

  int (*run)(escc_options *) = NULL;
  if (!strcmp(command, "report"))
    run = escc_command_report;
  else if (!strcmp(command, "build"))
    run = escc_command_build;
  else if (!strcmp(command, "run"))
    run = escc_command_run;
  else if (!strcmp(command, "ir"))
    run = escc_command_ir;
  if (!run) {
    escc_error(command, "unknown command (expected report, build, run, ir, cc or help; see "
                        "'escc --help')");
    return ESCC_EXIT_USAGE;
  }
  for (int i = 2; i < argc && strcmp(argv[i], "--"); i++) {
    if (is_help_flag(argv[i])) {
      escc_print_command_help(command, stdout);
      return ESCC_EXIT_OK;
    }
  }
  escc_options options;
  int status = escc_parse_options(command, argc, argv, 2, &options);
  if (status == ESCC_EXIT_OK)
    status = run(&options);
  escc_options_free(&options);
  return status;
}
