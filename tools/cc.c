/*
 * cc.c — `escc cc`: a drop-in C compiler for existing build systems (make CC="escc cc",
 * ./configure CC="escc cc"). It reads clang's command line, compiles every C source (and .ll/.bc)
 * with escape analysis and promotion in-process, compiles other sources (assembler, ...) with
 * clang as they are, and links everything with the runtime.
 *
 * Invariants:
 *  - What promotion cannot affect goes to clang unchanged (exec): preprocessing (-E),
 *    dependency-only output (-M, -MM), -fsyntax-only, version/verbose/-print-* probes, "-###",
 *    stdin input, and a command line without inputs. So configure's probes see clang.
 *  - Link inputs keep the user's order (objects and -l/-L/-Wl flags interleaved); the runtime
 *    is appended last, and not at all for -shared, -r or -nostdlib links; a -shared library
 *    records a dependency on the runtime's shared library instead (one collector per process).
 *  - escc's own settings never reach clang: --escc-gc=, --escc-report=, --escc-report-dir=,
 *    --escc-whole-program= (or ESCC_GC, ESCC_CC_REPORT, ESCC_CC_REPORT_DIR,
 *    ESCC_WHOLE_PROGRAM).
 *  - Whole-program promotion never breaks a link: every object is native and per-file promoted
 *    (its bitcode from before promotion rides along in an excluded section); the link of an
 *    executable first links those native objects as a per-file build would, and only replaces
 *    that output by the whole program's when every step of it succeeded.
 */
#include "escc.h"

#include <errno.h>
#include <llvm-c/DebugInfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { INPUT_PROMOTED, INPUT_COMPILED, INPUT_LINKED } input_kind;

typedef struct {
  char *path;
  input_kind kind;
  char *language;       /* the -x in force, or NULL */
  size_t link_position; /* index in link_items where its object goes */
} cc_input;

typedef struct {
  escc_strings compile_flags; /* for every compile (C via clang -emit-llvm, assembler, ...) */
  escc_strings link_items;    /* objects and link flags, in the user's order */
  escc_strings passthrough;   /* the whole command line minus escc's own options */
  cc_input *inputs;
  size_t input_count;
  const char *output;
  bool compile_only;      /* -c */
  bool assembly;          /* -S */
  bool debug_info;        /* -g... */
  bool dependency_file;   /* -MD / -MMD */
  bool dependency_name;   /* -MF given */
  bool dependency_target; /* -MT / -MQ given */
  bool pass_through;
  bool no_runtime; /* -shared, -r, -nostdlib */
  bool shared;     /* -shared: without -r or -nostdlib, the library records a runtime dependency */
  bool bare;       /* -r, -nostdlib */
  const char *allocator_sanitizer; /* a -fsanitize= naming a sanitizer with its own malloc */
  int optimization;
  bool optimization_given; /* some -O on this command line */
  bool whole_program;      /* embed bitcode at -c, promote the whole program at the link */
  esc_runtime runtime;
  escc_format_kind report_format;
  bool write_report;
  const char *report_dir;
} cc_command;

/* ===== Reading clang's command line ========================================================== */

/* Flags whose value may be the next argument, and where they go. */
typedef enum { GOES_COMPILE, GOES_LINK, GOES_BOTH, GOES_NOWHERE } destination;
static const struct {
  const char *flag;
  destination goes;
} separate_value_flags[] = {
    {"-I", GOES_COMPILE},
    {"-D", GOES_COMPILE},
    {"-U", GOES_COMPILE},
    {"-include", GOES_COMPILE},
    {"-imacros", GOES_COMPILE},
    {"-isystem", GOES_COMPILE},
    {"-iquote", GOES_COMPILE},
    {"-idirafter", GOES_COMPILE},
    {"-isysroot", GOES_BOTH},
    {"--sysroot", GOES_BOTH},
    {"-MF", GOES_COMPILE},
    {"-MT", GOES_COMPILE},
    {"-MQ", GOES_COMPILE},
    {"-Xclang", GOES_COMPILE},
    {"-Xpreprocessor", GOES_COMPILE},
    {"-Xassembler", GOES_COMPILE},
    {"-Xlinker", GOES_LINK},
    {"-L", GOES_LINK},
    {"-l", GOES_LINK},
    {"-u", GOES_LINK},
    {"-T", GOES_LINK},
    {"-z", GOES_LINK},
    {"-e", GOES_LINK},
    {"-target", GOES_BOTH},
    {"-B", GOES_BOTH},
    {"-arch", GOES_BOTH},
};

static const char *const link_only_exact[] = {
    "-shared",        "-static",        "-rdynamic",      "-pie", "-no-pie",
    "-nostdlib",      "-nostartfiles",  "-nodefaultlibs", "-s",   "-r",
    "-static-libgcc", "-shared-libgcc", "-static-pie"};
static const char *const link_only_prefixes[] = {"-Wl,",      "-L",      "-l",
                                                 "-fuse-ld=", "-rtlib=", "--ld-path="};
static const char *const both_exact[] = {"-pthread", "-m32",  "-m64",  "-fPIC",
                                         "-fpic",    "-fPIE", "-fpie", "-fopenmp"};
static const char *const both_prefixes[] = {"--target=", "-fsanitize", "--sysroot=", "-B",
                                            "-march=",   "-mcpu=",     "-stdlib="};
/* Flags that make clang do something promotion has nothing to do with. */
static const char *const pass_through_exact[] = {
    "-E",        "-M",           "-MM",          "-fsyntax-only", "-###",  "--version", "-v", "-V",
    "-qversion", "-dumpversion", "-dumpmachine", "-dumpspecs",    "-help", "--help",    "-",  "-dM",
    "-P"};
static const char *const pass_through_prefixes[] = {"-print-", "--print-"};

#define COUNT(array) (sizeof(array) / sizeof *(array))

static bool matches(const char *argument, const char *const *list, size_t count, bool prefix) {
  for (size_t i = 0; i < count; i++)
    if (prefix ? !strncmp(argument, list[i], strlen(list[i])) : !strcmp(argument, list[i]))
      return true;
  return false;
}

static void route(cc_command *cc, destination goes, const char *argument) {
  if (goes == GOES_COMPILE || goes == GOES_BOTH)
    escc_strings_push(&cc->compile_flags, argument);
  if (goes == GOES_LINK || goes == GOES_BOTH)
    escc_strings_push(&cc->link_items, argument);
}

static input_kind classify_input(const char *path, const char *language) {
  const char *extension = escc_file_extension(path);
  if (language && strcmp(language, "none"))
    return !strcmp(language, "c") || !strcmp(language, "cpp-output") ? INPUT_PROMOTED
                                                                     : INPUT_COMPILED;
  if (!strcmp(extension, "c") || !strcmp(extension, "i") || !strcmp(extension, "ll") ||
      !strcmp(extension, "bc"))
    return INPUT_PROMOTED;
  const char *compiled[] = {"s", "S", "sx", "cc", "cpp", "cxx", "C", "c++", "cp", "CPP", "m", "mm"};
  for (size_t i = 0; i < COUNT(compiled); i++)
    if (!strcmp(extension, compiled[i]))
      return INPUT_COMPILED;
  return INPUT_LINKED;
}

/* ===== C++ sources ===========================================================================
 * escc's analysis runs on C and LLVM IR; a C++ source goes to clang unchanged. Say so once per
 * command, so a build log tells which objects have no promotion. */

static bool is_cplusplus(const cc_input *input) {
  if (input->language)
    return !strncmp(input->language, "c++", 3);
  const char *extension = escc_file_extension(input->path);
  const char *cplusplus[] = {"cc", "cpp", "cxx", "C", "c++", "cp", "CPP"};
  for (size_t i = 0; i < COUNT(cplusplus); i++)
    if (!strcmp(extension, cplusplus[i]))
      return true;
  return false;
}

static void note_cplusplus_once(const cc_input *input) {
  static bool noted;
  if (noted || !is_cplusplus(input))
    return;
  noted = true;
  escc_warning(input->path, "C++ is compiled by clang without promotion (escc analyses C and "
                            "LLVM IR only)");
}

static void add_input(cc_command *cc, const char *path, const char *language) {
  cc->inputs = escc_xrealloc(cc->inputs, (cc->input_count + 1) * sizeof *cc->inputs);
  cc_input *input = &cc->inputs[cc->input_count++];
  input->path = escc_xstrdup(path);
  input->kind = classify_input(path, language);
  input->language = language ? escc_xstrdup(language) : NULL;
  input->link_position = cc->link_items.count;
  escc_strings_push(&cc->link_items, input->kind == INPUT_LINKED ? path : "");
}

static int parse_optimization(const char *argument) {
  const char *level = argument + 2;
  if (!*level || !strcmp(level, "1") || !strcmp(level, "g"))
    return 1;
  if (!strcmp(level, "0"))
    return 0;
  if (!strcmp(level, "3") || !strcmp(level, "fast"))
    return 3;
  return 2; /* -O2, -Os, -Oz, -O4... */
}

/* Whether the comma-separated sanitizer LIST names one with its own malloc (ASan, HWASan, MSan,
 * TSan, LSan): escrt's malloc would replace it, and it would stop seeing heap errors. */
static bool names_allocator_sanitizer(const char *list) {
  static const char *const allocating[] = {"address", "hwaddress", "memory", "thread", "leak"};
  for (const char *item = list; *item;) {
    size_t length = strcspn(item, ",");
    for (size_t i = 0; i < COUNT(allocating); i++)
      if (length == strlen(allocating[i]) && !strncmp(item, allocating[i], length))
        return true;
    item += length + (item[length] == ',');
  }
  return false;
}

static bool parse_escc_option(cc_command *cc, const char *argument, int *status) {
  const char *value = strchr(argument, '=');
  value = value ? value + 1 : "";
  if (!strncmp(argument, "--escc-gc=", 10)) {
    if (!escc_parse_runtime(value, &cc->runtime)) {
      escc_error(NULL, "unknown runtime '%s' (expected escrt, boehm or none)", value);
      *status = ESCC_EXIT_USAGE;
    }
  } else if (!strncmp(argument, "--escc-report=", 14)) {
    cc->write_report = true;
    if (!strcmp(value, "text"))
      cc->report_format = ESCC_FORMAT_TEXT;
    else if (!strcmp(value, "json"))
      cc->report_format = ESCC_FORMAT_JSON;
    else if (!strcmp(value, "sarif"))
      cc->report_format = ESCC_FORMAT_SARIF;
    else {
      escc_error(NULL, "unknown report format '%s' (expected text, json or sarif)", value);
      *status = ESCC_EXIT_USAGE;
    }
  } else if (!strncmp(argument, "--escc-report-dir=", 18)) {
    cc->report_dir = value;
  } else if (!strncmp(argument, "--escc-whole-program=", 21)) {
    if (!strcmp(value, "on") || !strcmp(value, "off"))
      cc->whole_program = !strcmp(value, "on");
    else {
      escc_error(NULL, "unknown whole-program setting '%s' (expected on or off)", value);
      *status = ESCC_EXIT_USAGE;
    }
  } else {
    return false;
  }
  return true;
}

/* An environment variable that stands for one of escc's options (ESCC_CC_REPORT=json is
 * --escc-report=json). */
static int parse_environment_option(cc_command *cc, const char *variable, const char *option) {
  const char *value = getenv(variable);
  int status = ESCC_EXIT_OK;
  if (value && *value) {
    char *argument = escc_format("%s%s", option, value);
    parse_escc_option(cc, argument, &status);
    free(argument);
  }
  return status;
}

static int parse_command_line(cc_command *cc, int argc, char **argv, int first) {
  int status = ESCC_EXIT_OK;
  const char *language = NULL;
  const char *environment_gc = getenv("ESCC_GC");
  if (environment_gc && *environment_gc && !escc_parse_runtime(environment_gc, &cc->runtime)) {
    escc_error("ESCC_GC", "unknown runtime '%s' (expected escrt, boehm or none)", environment_gc);
    return ESCC_EXIT_USAGE;
  }
  status = parse_environment_option(cc, "ESCC_CC_REPORT", "--escc-report=");
  if (status == ESCC_EXIT_OK)
    status = parse_environment_option(cc, "ESCC_WHOLE_PROGRAM", "--escc-whole-program=");
  if (status != ESCC_EXIT_OK)
    return status;
  const char *environment_dir = getenv("ESCC_CC_REPORT_DIR");
  if (environment_dir && *environment_dir)
    cc->report_dir = environment_dir;
  escc_strings_push(&cc->passthrough, escc_clang_path());

  for (int i = first; i < argc && status == ESCC_EXIT_OK; i++) {
    const char *argument = argv[i];
    if (parse_escc_option(cc, argument, &status))
      continue;
    escc_strings_push(&cc->passthrough, argument);
    if (argument[0] != '-' || (argument[1] == '\0')) {
      if (argument[1] == '\0' && argument[0] == '-')
        cc->pass_through = true; /* stdin */
      add_input(cc, argument, language);
      continue;
    }
    if (matches(argument, pass_through_exact, COUNT(pass_through_exact), false) ||
        matches(argument, pass_through_prefixes, COUNT(pass_through_prefixes), true)) {
      cc->pass_through = true;
      continue;
    }
    /* A flag with its value in the next argument. */
    bool separate = false;
    for (size_t f = 0; f < COUNT(separate_value_flags); f++) {
      if (strcmp(argument, separate_value_flags[f].flag))
        continue;
      separate = true;
      if (i + 1 >= argc) {
        /* Let clang say what is missing. */
        cc->pass_through = true;
        break;
      }
      const char *value = argv[++i];
      escc_strings_push(&cc->passthrough, value);
      destination goes = separate_value_flags[f].goes;
      if (!strcmp(argument, "-MF"))
        cc->dependency_name = true;
      if (!strcmp(argument, "-MT") || !strcmp(argument, "-MQ"))
        cc->dependency_target = true;
      route(cc, goes, argument);
      route(cc, goes, value);
      break;
    }
    if (separate)
      continue;
    if (!strcmp(argument, "-o")) {
      if (i + 1 >= argc) {
        cc->pass_through = true;
        continue;
      }
      cc->output = argv[++i];
      escc_strings_push(&cc->passthrough, cc->output);
    } else if (!strncmp(argument, "-o", 2)) {
      cc->output = argument + 2;
    } else if (!strcmp(argument, "-x")) {
      if (i + 1 >= argc) {
        cc->pass_through = true;
        continue;
      }
      language = argv[++i];
      escc_strings_push(&cc->passthrough, language);
    } else if (!strncmp(argument, "-x", 2)) {
      language = argument + 2;
    } else if (!strcmp(argument, "-c")) {
      cc->compile_only = true;
    } else if (!strcmp(argument, "-S")) {
      cc->assembly = true;
    } else if (!strncmp(argument, "-O", 2)) {
      cc->optimization = parse_optimization(argument);
      cc->optimization_given = true;
    } else if (!strncmp(argument, "-g", 2)) {
      cc->debug_info = strcmp(argument, "-g0") != 0;
    } else if (!strcmp(argument, "-MD") || !strcmp(argument, "-MMD")) {
      cc->dependency_file = true;
      route(cc, GOES_COMPILE, argument);
    } else if (!strncmp(argument, "-MF", 3) || !strncmp(argument, "-MT", 3) ||
               !strncmp(argument, "-MQ", 3)) {
      if (argument[2] == 'F')
        cc->dependency_name = true;
      else
        cc->dependency_target = true;
      route(cc, GOES_COMPILE, argument);
    } else if (matches(argument, link_only_exact, COUNT(link_only_exact), false) ||
               matches(argument, link_only_prefixes, COUNT(link_only_prefixes), true)) {
      if (!strcmp(argument, "-shared") || !strcmp(argument, "-r") || !strcmp(argument, "-nostdlib"))
        cc->no_runtime = true;
      cc->shared |= !strcmp(argument, "-shared");
      cc->bare |= !strcmp(argument, "-r") || !strcmp(argument, "-nostdlib");
      route(cc, GOES_LINK, argument);
    } else if (matches(argument, both_exact, COUNT(both_exact), false) ||
               matches(argument, both_prefixes, COUNT(both_prefixes), true)) {
      if (!strncmp(argument, "-fsanitize=", 11) && names_allocator_sanitizer(argument + 11))
        cc->allocator_sanitizer = argument;
      route(cc, GOES_BOTH, argument);
    } else if (!strcmp(argument, "-flto") || !strncmp(argument, "-flto=", 6) ||
               !strcmp(argument, "-emit-llvm")) {
      /* escc emits native objects itself. */
    } else {
      route(cc, GOES_COMPILE, argument); /* -W..., -f..., -std=..., -m..., ... */
    }
  }
  if (cc->input_count == 0)
    cc->pass_through = true; /* clang answers "no input files" or the probe */
#ifndef ESCC_SANITIZED_RUNTIME
  /* Refused rather than let ASan (or another sanitizer with its own malloc) silently miss heap
   * errors; the sanitized build's escrt leaves malloc alone and may be combined. */
  if (!cc->pass_through && cc->allocator_sanitizer && cc->runtime == ESC_RUNTIME_ESCRT) {
    escc_error(NULL,
               "%s: escrt's malloc would replace the sanitizer's and hide heap errors; use "
               "--escc-gc=none or --escc-gc=boehm",
               cc->allocator_sanitizer);
    return ESCC_EXIT_USAGE;
  }
#endif
  return status;
}

/* ===== Compiling one translation unit ======================================================== */

static char *replace_extension(const char *path, const char *extension) {
  const char *base = escc_base_name(path);
  const char *dot = strrchr(base, '.');
  size_t stem = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  return escc_format("%.*s.%s", (int)stem, base, extension);
}

static void write_report(const cc_command *cc, const esc_analysis *analysis, const char *object) {
  static const char *const extensions[] = {"txt", "json", "sarif"};
  char *path;
  if (cc->report_dir)
    path = escc_format("%s/%s.escape.%s", cc->report_dir, escc_base_name(object),
                       extensions[cc->report_format]);
  else
    path = escc_format("%s.escape.%s", object, extensions[cc->report_format]);
  FILE *out = fopen(path, "w");
  if (!out) {
    escc_warning(path, "cannot write the escape report");
    free(path);
    return;
  }
  escc_options options = {.format = cc->report_format, .detail = 1};
  escc_write_report(&analysis, 1, &options, out, false, false);
  fclose(out);
  free(path);
}

/* Analyses module, writes its report (beside report_stem) when asked, promotes, optimises and
 * emits object; with embed, the object carries module's bitcode from before all that. */
static int promote_and_emit(const cc_command *cc, LLVMModuleRef module, const char *subject,
                            const char *object, const char *report_stem, int optimization,
                            bool debug_info, bool embed) {
  LLVMTargetMachineRef machine = escc_target_machine(module, subject, optimization);
  if (!machine)
    return ESCC_EXIT_FAILED;
  int status = embed ? escc_embed_bitcode(module, optimization, debug_info, subject) : ESCC_EXIT_OK;
  if (status == ESCC_EXIT_OK) {
    esc_analysis *analysis = esc_analyze_module(module, &(esc_analysis_options){0});
    if (!analysis) {
      escc_error(subject, "out of memory during the analysis");
      status = ESCC_EXIT_FAILED;
    } else {
      if (cc->write_report)
        write_report(cc, analysis, report_stem);
      esc_promote_module(module, analysis, &(esc_promote_options){.runtime = cc->runtime});
      esc_analysis_free(analysis);
      status = escc_verify(module, subject);
    }
  }
  if (status == ESCC_EXIT_OK && !debug_info)
    LLVMStripModuleDebugInfo(module);
  if (status == ESCC_EXIT_OK)
    status = escc_optimize(module, machine, optimization, subject);
  if (status == ESCC_EXIT_OK)
    status = escc_emit(module, machine, object, cc->assembly, subject);
  LLVMDisposeTargetMachine(machine);
  return status;
}

/* C (and .ll/.bc): clang -emit-llvm, analyse, promote, optimise, emit `object`. */
static int compile_promoted(const cc_command *cc, const cc_input *input, const char *object,
                            const char *report_stem) {
  escc_strings flags = {NULL, 0, 0};
  escc_strings_push(&flags, "-Qunused-arguments");
  escc_strings_push_all(&flags, &cc->compile_flags);
  if (cc->dependency_file && !cc->dependency_name) {
    /* clang's rule: the object's name with .d for its extension, beside it. */
    const char *dot = strrchr(escc_base_name(object), '.');
    int stem = dot ? (int)(dot - object) : (int)strlen(object);
    char *dependency = escc_format("%.*s.d", stem, object);
    escc_strings_push(&flags, "-MF");
    escc_strings_push(&flags, dependency);
    free(dependency);
  }
  if (cc->dependency_file && !cc->dependency_target) {
    escc_strings_push(&flags, "-MT");
    escc_strings_push(&flags, object);
  }
  const char *extension = escc_file_extension(input->path);
  bool is_ir = !input->language && (!strcmp(extension, "ll") || !strcmp(extension, "bc"));
  if (!is_ir && strcmp(extension, "c")) {
    escc_strings_push(&flags, "-x");
    escc_strings_push(&flags, input->language ? input->language : "c");
  }
  escc_input load = {.path = input->path, .source = input->path, .clang_flags = flags};
  LLVMContextRef context = LLVMContextCreate();
  escc_initialize_llvm();
  LLVMModuleRef module = NULL;
  int status;
  if (is_ir) {
    load.clang_flags = (escc_strings){NULL, 0, 0};
    status = escc_load_file(context, &load, NULL, &module);
  } else {
    /* escc_load_file picks clang by extension: compile here so -x c works for any name. */
    int compile_status;
    char *bitcode = escc_compile_c_to_bitcode(input->path, NULL, &flags, &compile_status);
    status = compile_status;
    if (bitcode) {
      escc_input bitcode_input = {.path = bitcode, .source = bitcode};
      status = escc_load_file(context, &bitcode_input, NULL, &module);
      free(bitcode);
    }
  }
  escc_strings_free(&flags);
  if (status == ESCC_EXIT_OK)
    status = promote_and_emit(cc, module, input->path, object, report_stem, cc->optimization,
                              cc->debug_info, cc->whole_program && !cc->assembly);
  if (module)
    LLVMDisposeModule(module);
  LLVMContextDispose(context);
  /* Loading errors are bad input for escc, but for a compiler a failed compile: status 1. */
  return status == ESCC_EXIT_OK ? ESCC_EXIT_OK : ESCC_EXIT_FAILED;
}

/* Assembler and other languages: clang compiles them as they are. */
static int compile_with_clang(const cc_command *cc, const cc_input *input, const char *object) {
  escc_strings argv = {NULL, 0, 0};
  escc_strings_push(&argv, escc_clang_path());
  escc_strings_push(&argv, "-Qunused-arguments");
  escc_strings_push_all(&argv, &cc->compile_flags);
  char level[8];
  snprintf(level, sizeof level, "-O%d", cc->optimization);
  escc_strings_push(&argv, level);
  if (cc->debug_info)
    escc_strings_push(&argv, "-g");
  if (input->language) {
    escc_strings_push(&argv, "-x");
    escc_strings_push(&argv, input->language);
  }
  escc_strings_push(&argv, cc->assembly ? "-S" : "-c");
  escc_strings_push(&argv, input->path);
  escc_strings_push(&argv, "-o");
  escc_strings_push(&argv, object);
  int status = escc_run_process(argv.items, NULL);
  escc_strings_free(&argv);
  return status == 0 ? ESCC_EXIT_OK : ESCC_EXIT_FAILED;
}

/* ===== Linking =============================================================================== */

/* The link line: the user's objects and flags in their order, except the inputs replaced[]
 * marks, whose place the whole program's object takes (at the front when only archive members
 * were replaced: the archives stay, and their used members' symbols are then defined). */
static void push_link_line(const cc_command *cc, const bool *replaced, const char *whole_object,
                           escc_strings *flags) {
  escc_strings_push(flags, "-Qunused-arguments");
  bool placed = whole_object == NULL;
  bool any_replaced = false;
  for (size_t k = 0; replaced && k < cc->input_count; k++)
    any_replaced |= replaced[k];
  if (!placed && !any_replaced) {
    escc_strings_push(flags, whole_object);
    placed = true;
  }
  for (size_t i = 0; i < cc->link_items.count; i++) {
    bool skip = false;
    for (size_t k = 0; replaced && k < cc->input_count; k++)
      skip |= cc->inputs[k].link_position == i && replaced[k];
    if (skip && !placed) {
      escc_strings_push(flags, whole_object);
      placed = true;
    }
    if (!skip && cc->link_items.items[i][0])
      escc_strings_push(flags, cc->link_items.items[i]);
  }
  if (cc->shared && !cc->bare)
    escc_runtime_dependency_flags(cc->runtime, flags);
}

/* Promotes the whole program again (whole_program.c) after output was linked from the per-file
 * objects, the linker's trace in trace_path (NULL: no archive member is read); output is
 * replaced only when every step succeeds.
 * A program of one module is skipped: its per-file object already is the whole program. */
static void link_whole_program(const cc_command *cc, const char *trace_path, const char *output) {
  escc_strings objects = {NULL, 0, 0};
  for (size_t k = 0; k < cc->input_count; k++)
    escc_strings_push(&objects, cc->link_items.items[cc->inputs[k].link_position]);
  escc_initialize_llvm();
  escc_whole_program program = {.context = LLVMContextCreate()};
  int status = escc_whole_program_load(&objects, trace_path, &program);
  bool promote = status == ESCC_EXIT_OK && program.module_count > 1;
  char *object = promote ? escc_temp_path("whole-program", "o") : NULL;
  if (promote && object) {
    int optimization = cc->optimization_given ? cc->optimization : program.optimization;
    status = promote_and_emit(cc, program.module, output, object, output, optimization,
                              cc->debug_info || program.debug_info, false);
  }
  char *linked = escc_format("%s.escc-whole-program", output);
  if (promote && object && status == ESCC_EXIT_OK) {
    escc_strings flags = {NULL, 0, 0};
    push_link_line(cc, program.replaced, object, &flags);
    escc_strings none = {NULL, 0, 0};
    status = escc_link(&none, &flags, cc->runtime, true, linked);
    escc_strings_free(&flags);
    if (status == ESCC_EXIT_OK && rename(linked, output) != 0) {
      escc_warning(linked, "cannot rename to %s: %s", output, strerror(errno));
      status = ESCC_EXIT_FAILED;
    }
  }
  if (promote && status != ESCC_EXIT_OK) {
    unlink(linked);
    escc_warning(output, "whole-program promotion failed, the per-file objects are linked");
  }
  free(linked);
  free(object);
  escc_whole_program_free(&program);
  LLVMContextDispose(program.context);
  escc_strings_free(&objects);
}

/* Links the objects into cc->output (a.out); an executable is then promoted whole-program. */
static int link_program(const cc_command *cc) {
  const char *output = cc->output ? cc->output : "a.out";
  bool whole_program = cc->whole_program && !cc->no_runtime;
  char *trace = whole_program ? escc_temp_path("link", "trace") : NULL;
  escc_strings link_flags = {NULL, 0, 0};
  push_link_line(cc, NULL, NULL, &link_flags);
  escc_strings none = {NULL, 0, 0};
  int status = escc_link_traced(&none, &link_flags, cc->runtime, !cc->no_runtime, output, trace);
  escc_strings_free(&link_flags);
  /* Only a regular file is replaced (never -o /dev/null). Under --whole-archive the linker
   * would load every member again beside the whole program's object: archives keep theirs. */
  struct stat linked;
  if (status == ESCC_EXIT_OK && trace && stat(output, &linked) == 0 && S_ISREG(linked.st_mode)) {
    bool whole_archive = false;
    for (size_t i = 0; i < cc->link_items.count; i++)
      whole_archive |= strstr(cc->link_items.items[i], "--whole-archive") != NULL;
    link_whole_program(cc, whole_archive ? NULL : trace, output);
  }
  free(trace);
  return status;
}

/* ===== The command =========================================================================== */

static void cc_free(cc_command *cc) {
  escc_strings_free(&cc->compile_flags);
  escc_strings_free(&cc->link_items);
  escc_strings_free(&cc->passthrough);
  for (size_t i = 0; i < cc->input_count; i++) {
    free(cc->inputs[i].path);
    free(cc->inputs[i].language);
  }
  free(cc->inputs);
}

int escc_command_cc(int argc, char **argv, int first) {
  cc_command cc = {.optimization = 0, .runtime = ESC_RUNTIME_ESCRT, .whole_program = true};
  int status = parse_command_line(&cc, argc, argv, first);
  if (status != ESCC_EXIT_OK) {
    cc_free(&cc);
    return status;
  }
  if (cc.pass_through) {
    status = escc_exec_process(cc.passthrough.items);
    cc_free(&cc);
    return status;
  }
  bool stop_before_link = cc.compile_only || cc.assembly;
  size_t compiled_count = 0;
  for (size_t i = 0; i < cc.input_count; i++)
    compiled_count += cc.inputs[i].kind != INPUT_LINKED;
  if (stop_before_link && cc.output && compiled_count > 1) {
    escc_error(cc.output, "cannot specify -o with -c or -S and several source files");
    cc_free(&cc);
    return ESCC_EXIT_FAILED;
  }
  for (size_t i = 0; i < cc.input_count && status == ESCC_EXIT_OK; i++) {
    cc_input *input = &cc.inputs[i];
    if (input->kind == INPUT_LINKED)
      continue;
    if (!escc_check_input_file(input->path)) {
      status = ESCC_EXIT_FAILED;
      break;
    }
    char *object;
    char *report_stem;
    if (stop_before_link) {
      object = cc.output ? escc_xstrdup(cc.output)
                         : replace_extension(input->path, cc.assembly ? "s" : "o");
      report_stem = escc_xstrdup(object);
    } else {
      object = escc_temp_path(escc_base_name(input->path), "o");
      char *object_name = replace_extension(input->path, "o");
      const char *output = cc.output ? cc.output : "a.out";
      const char *slash = strrchr(output, '/');
      report_stem = slash ? escc_format("%.*s/%s", (int)(slash - output), output, object_name)
                          : escc_xstrdup(object_name);
      free(object_name);
    }
    if (!object) {
      free(report_stem);
      status = ESCC_EXIT_FAILED;
      break;
    }
    if (input->kind == INPUT_COMPILED)
      note_cplusplus_once(input);
    status = input->kind == INPUT_PROMOTED ? compile_promoted(&cc, input, object, report_stem)
                                           : compile_with_clang(&cc, input, object);
    free(cc.link_items.items[input->link_position]);
    cc.link_items.items[input->link_position] = object;
    free(report_stem);
  }
  if (status == ESCC_EXIT_OK && !stop_before_link)
    status = link_program(&cc);
  cc_free(&cc);
  return status;
}
