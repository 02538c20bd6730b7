/*
 * link.c — linking objects with the runtime the user chose, through clang (which knows the
 * system's crt files, libc and linker): escrt (<lib>/libescrt.a -lpthread), Boehm's libgc
 * (-lgc, Debian's libgc-dev) or none (promoted objects come from calloc and are never freed).
 *
 * Invariant: the runtime goes after the user's objects and libraries, so their references to
 * esc_alloc are resolved by the archive whatever order the user wrote.
 */
#include "escc.h"

#include <stdlib.h>
#include <string.h>

bool escc_parse_runtime(const char *name, esc_runtime *runtime) {
  if (!strcmp(name, "escrt"))
    *runtime = ESC_RUNTIME_ESCRT;
  else if (!strcmp(name, "boehm"))
    *runtime = ESC_RUNTIME_BOEHM;
  else if (!strcmp(name, "none"))
    *runtime = ESC_RUNTIME_NONE;
  else
    return false;
  return true;
}

const char *escc_runtime_name(esc_runtime runtime) {
  switch (runtime) {
  case ESC_RUNTIME_BOEHM:
    return "boehm";
  case ESC_RUNTIME_NONE:
    return "none";
  default:
    return "escrt";
  }
}

void escc_runtime_link_flags(esc_runtime runtime, escc_strings *flags) {
  switch (runtime) {
  case ESC_RUNTIME_ESCRT: {
    /* One collector per process lives in the executable; shared objects built by escc cc
     * (-shared, no runtime) call into it, so the executable keeps and exports the runtime's
     * entry points even when it promotes nothing itself (gawk's dlopen'ed extensions). */
    escc_strings_push(flags, "-Wl,--undefined=esc_alloc,--undefined=esc_alloc_pinned,"
                             "--undefined=esc_collect,--undefined=esc_stats");
    escc_strings_push(flags, "-Wl,--export-dynamic-symbol=esc_*");
    char *archive = escc_format("%s/libescrt.a", escc_library_dir());
    escc_strings_push(flags, archive);
    free(archive);
    escc_strings_push(flags, "-lpthread");
    escc_strings_push(flags, "-ldl");
#ifdef ESCC_SANITIZED_RUNTIME
    /* An ESCC_SANITIZE build's libescrt.a is instrumented: link the sanitizer runtimes too. */
    escc_strings_push(flags, "-fsanitize=address,undefined");
#endif
    break;
  }
  case ESC_RUNTIME_BOEHM:
    escc_strings_push(flags, "-lgc");
    escc_strings_push(flags, "-lpthread");
    break;
  case ESC_RUNTIME_NONE:
    break;
  }
}

void escc_runtime_dependency_flags(esc_runtime runtime, escc_strings *flags) {
  switch (runtime) {
  case ESC_RUNTIME_ESCRT: {
    /* The shared runtime, found through the library's run path. In a program linked by escc
     * cc the executable's own escrt answers (its esc_* come first) and this copy stays idle; in
     * a program that was not, this copy is the collector (runtime/process_role.c). */
    char *shared = escc_format("%s/libescrt.so", escc_library_dir());
    escc_strings_push(flags, shared);
    free(shared);
    char *run_path = escc_format("-Wl,-rpath,%s", escc_library_dir());
    escc_strings_push(flags, run_path);
    free(run_path);
    break;
  }
  case ESC_RUNTIME_BOEHM:
    escc_strings_push(flags, "-lgc");
    break;
  case ESC_RUNTIME_NONE:
    break;
  }
}

int escc_link(const escc_strings *objects, const escc_strings *link_flags, esc_runtime runtime,
              bool add_runtime, const char *output) {
  return escc_link_traced(objects, link_flags, runtime, add_runtime, output, NULL);
}

int escc_link_traced(const escc_strings *objects, const escc_strings *link_flags,
                     esc_runtime runtime, bool add_runtime, const char *output,
                     const char *trace_path) {
  escc_strings argv = {NULL, 0, 0};
  escc_strings_push(&argv, escc_clang_path());
  escc_strings_push_all(&argv, objects);
  if (link_flags)
    escc_strings_push_all(&argv, link_flags);
  if (add_runtime)
    escc_runtime_link_flags(runtime, &argv);
  /* Twice: GNU ld then names every archive member it loads, not only the archive. */
  if (trace_path)
    escc_strings_push(&argv, "-Wl,-t,-t");
  escc_strings_push(&argv, "-o");
  escc_strings_push(&argv, output);
  escc_phase_begin(ESCC_PHASE_LINK);
  int status = escc_run_process_to(argv.items, NULL, trace_path);
  escc_phase_end(ESCC_PHASE_LINK);
  escc_strings_free(&argv);
  /* The linker printed its own diagnostics; -1: it did not start (error printed). */
  return status == 0 ? ESCC_EXIT_OK : ESCC_EXIT_FAILED;
}
