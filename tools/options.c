/*
 * options.c — the command line of `escc report|build|run|ir`: the Go-style detail level, the
 * report format, the runtime, the optimisation level, and the clang flags for C inputs.
 *
 * Invariant: parsing never exits; an unknown or malformed option yields one error line naming
 * it and ESCC_EXIT_USAGE. Everything after "--" belongs to the program (`escc run`).
 */
#include "escc.h"

#include <stdlib.h>
#include <string.h>

/* Flags handed to clang unchanged, with their argument either attached or next. */
static const char *const clang_flags_with_argument[] = {
    "-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter"};

static bool starts_with(const char *text, const char *prefix) {
  return strncmp(text, prefix, strlen(prefix)) == 0;
}

static bool parse_clang_flag(const char *argument, int argc, char **argv, int *index,
                             escc_options *options, int *status) {
  for (size_t i = 0; i < sizeof clang_flags_with_argument / sizeof *clang_flags_with_argument;
       i++) {
    const char *flag = clang_flags_with_argument[i];
    if (!starts_with(argument, flag))
      continue;
    escc_strings_push(&options->clang_flags, flag);
    if (argument[strlen(flag)] != '\0') {
      /* -Ifoo, but not -includefoo: only the one-letter flags take an attached value. */
      if (strlen(flag) > 2) {
        escc_error(NULL, "unknown option '%s'", argument);
        *status = ESCC_EXIT_USAGE;
        return true;
      }
      escc_strings_push(&options->clang_flags, argument + strlen(flag));
    } else if (*index + 1 < argc) {
      escc_strings_push(&options->clang_flags, argv[++*index]);
    } else {
      escc_error(NULL, "option '%s' needs an argument", flag);
      *status = ESCC_EXIT_USAGE;
    }
    return true;
  }
  if (starts_with(argument, "-std=")) {
    escc_strings_push(&options->clang_flags, argument);
    return true;
  }
  return false;
}

/* ===== -m: Go's spellings of the detail level ================================================
 * As with `go build -gcflags`, each -m raises the level by one (-m -m is level 2, -mm too) and
 * -m=N sets it; the level is at least 1 when any is given. escc has two levels: 1 (decisions)
 * and 2 (with the flow that explains each); Go's higher levels print what 2 prints. */

static int parse_detail_level(const char *argument, escc_options *options) {
  options->report_requested = true;
  if (starts_with(argument, "-m=")) {
    const char *value = argument + 3;
    char *end;
    long level = strtol(value, &end, 10);
    if (!*value || *end || level < 0 || level > 9) {
      escc_error(NULL, "unknown detail level '%s' (expected -m, -m -m, -mm or -m=N)", argument);
      return ESCC_EXIT_USAGE;
    }
    options->detail = level < 1 ? 1 : (int)level;
    options->detail_given = true;
    return ESCC_EXIT_OK;
  }
  int repeated = (int)strlen(argument) - 1; /* "-m" → 1, "-mm" → 2, "-mmm" → 3 */
  options->detail = options->detail_given ? options->detail + repeated : repeated;
  options->detail_given = true;
  return ESCC_EXIT_OK;
}

static bool is_repeated_m(const char *argument) {
  if (argument[0] != '-' || argument[1] != 'm')
    return false;
  for (const char *letter = argument + 1; *letter; letter++)
    if (*letter != 'm')
      return false;
  return true;
}

static int parse_value_option(const char *argument, escc_options *options) {
  const char *value = strchr(argument, '=') + 1;
  if (starts_with(argument, "--format=")) {
    options->report_requested = true;
    if (!strcmp(value, "text"))
      options->format = ESCC_FORMAT_TEXT;
    else if (!strcmp(value, "json"))
      options->format = ESCC_FORMAT_JSON;
    else if (!strcmp(value, "sarif"))
      options->format = ESCC_FORMAT_SARIF;
    else if (!strcmp(value, "html"))
      options->format = ESCC_FORMAT_HTML;
    else if (!strcmp(value, "dot"))
      options->format = ESCC_FORMAT_DOT;
    else {
      escc_error(NULL, "unknown report format '%s' (expected text, json, sarif, html or dot)",
                 value);
      return ESCC_EXIT_USAGE;
    }
  } else if (starts_with(argument, "--function=")) {
    options->function = value; /* --format=dot: one function's graph */
  } else if (starts_with(argument, "--gc=")) {
    if (!escc_parse_runtime(value, &options->runtime)) {
      escc_error(NULL, "unknown runtime '%s' (expected escrt, boehm or none)", value);
      return ESCC_EXIT_USAGE;
    }
  } else if (starts_with(argument, "--color=")) {
    if (!strcmp(value, "auto"))
      options->color = ESCC_COLOR_AUTO;
    else if (!strcmp(value, "always"))
      options->color = ESCC_COLOR_ALWAYS;
    else if (!strcmp(value, "never"))
      options->color = ESCC_COLOR_NEVER;
    else {
      escc_error(NULL, "unknown colour mode '%s' (expected auto, always or never)", value);
      return ESCC_EXIT_USAGE;
    }
  } else if (starts_with(argument, "-m=")) {
    return parse_detail_level(argument, options);
  } else {
    escc_error(NULL, "unknown option '%s'", argument);
    return ESCC_EXIT_USAGE;
  }
  return ESCC_EXIT_OK;
}

int escc_parse_options(const char *command, int argc, char **argv, int first,
                       escc_options *options) {
  *options = (escc_options){.command = command,
                            .detail = 1,
                            .format = ESCC_FORMAT_TEXT,
                            .color = ESCC_COLOR_AUTO,
                            .runtime = ESC_RUNTIME_ESCRT,
                            .optimization = -1};
  int status = ESCC_EXIT_OK;
  for (int i = first; i < argc && status == ESCC_EXIT_OK; i++) {
    const char *argument = argv[i];
    if (!strcmp(argument, "--")) {
      if (strcmp(command, "run")) {
        escc_error(NULL, "'--' (program arguments) is only accepted by 'escc run'");
        return ESCC_EXIT_USAGE;
      }
      for (i++; i < argc; i++)
        escc_strings_push(&options->program_arguments, argv[i]);
      break;
    }
    if (argument[0] != '-' || !strcmp(argument, "-")) {
      escc_strings_push(&options->files, argument);
    } else if (is_repeated_m(argument)) {
      status = parse_detail_level(argument, options);
    } else if (!strcmp(argument, "--all-allocas")) {
      options->all_allocas = true;
    } else if (!strcmp(argument, "--all")) {
      escc_error(NULL, "'--all' is ambiguous: --all-allocas lists every alloca in the report, "
                       "--promote-all moves every address-taken variable to the heap");
      status = ESCC_EXIT_USAGE;
    } else if (!strcmp(argument, "--stats")) {
      options->stats = true;
    } else if (!strcmp(argument, "--promote-all")) {
      options->promote_all = true;
    } else if (!strcmp(argument, "--audit")) {
      options->audit = true;
    } else if (strlen(argument) == 3 && argument[1] == 'O' && argument[2] >= '0' &&
               argument[2] <= '3') {
      options->optimization = argument[2] - '0';
    } else if (!strcmp(argument, "-o") || !strcmp(argument, "-p")) {
      if (i + 1 >= argc) {
        escc_error(NULL, "option '%s' needs an argument", argument);
        return ESCC_EXIT_USAGE;
      }
      if (argument[1] == 'o')
        options->output = argv[++i];
      else
        options->database = argv[++i];
    } else if (starts_with(argument, "-o")) {
      options->output = argument + 2;
    } else if (parse_clang_flag(argument, argc, argv, &i, options, &status)) {
      /* handled (status set on error) */
    } else if (strchr(argument, '=')) {
      status = parse_value_option(argument, options);
    } else {
      escc_error(NULL, "unknown option '%s' (see 'escc help %s')", argument, command);
      status = ESCC_EXIT_USAGE;
    }
  }
  if (status != ESCC_EXIT_OK)
    return status;

  if (options->output && strcmp(command, "build")) {
    escc_error(NULL, "'-o' is only accepted by 'escc build'");
    return ESCC_EXIT_USAGE;
  }
  /* --audit: the run-time figures need a program that runs, on the collector that counts them. */
  if (options->audit && !strcmp(command, "report")) {
    escc_error(NULL, "'--audit' is accepted by 'escc build', 'run' and 'ir', not 'report'");
    return ESCC_EXIT_USAGE;
  }
  if (options->audit && options->runtime != ESC_RUNTIME_ESCRT) {
    escc_error(NULL, "'--audit' needs the escrt runtime (not --gc=%s)",
               escc_runtime_name(options->runtime));
    return ESCC_EXIT_USAGE;
  }
  if (!strcmp(command, "build") && !options->output) {
    escc_error(NULL, "'escc build' needs an output: -o OUT");
    return ESCC_EXIT_USAGE;
  }
  if (options->files.count == 0 && !options->database) {
    escc_error(NULL, "no input files (see 'escc help %s')", command);
    return ESCC_EXIT_USAGE;
  }
  if (!strcmp(command, "ir") && options->files.count > 1) {
    escc_error(NULL, "'escc ir' takes one input file, got %zu", options->files.count);
    return ESCC_EXIT_USAGE;
  }
  return ESCC_EXIT_OK;
}

void escc_options_free(escc_options *options) {
  escc_strings_free(&options->clang_flags);
  escc_strings_free(&options->files);
  escc_strings_free(&options->program_arguments);
  escc_strings_free(&options->source_directories);
}
