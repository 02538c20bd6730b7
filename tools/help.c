/*
 * help.c — `escc --help`, `escc help CMD`, `escc --version`: the user-facing description of
 * every command and option.
 *
 * Invariant: this text names exactly the commands and options that main.c, options.c and cc.c
 * accept (test/driver/help.test checks the list), so the help never lies.
 */
#include "escc.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: escc COMMAND [options] FILE...\n"
    "\n"
    "escc moves C (and LLVM IR) variables whose address outlives their function to a\n"
    "garbage-collected heap, as Go does, and reports each decision in Go's words.\n"
    "\n"
    "commands:\n"
    "  report [opts] FILE...            escape report, no output files\n"
    "  build  [opts] FILE... -o OUT     compile + promote + link\n"
    "  run    [opts] FILE... [-- ARGS]  build to a temporary directory, run, exit with its "
    "status\n"
    "  ir     [opts] FILE               print the promoted LLVM IR\n"
    "  cc     CLANG-ARGS...             compiler wrapper: make CC=\"escc cc\", ./configure "
    "CC=\"escc cc\"\n"
    "  help   [COMMAND]                 this text, or one command's\n"
    "\n"
    "options:\n"
    "  -m, -m -m, -mm, -m=N   Go-style detail level: each -m adds one, as with go build\n"
    "                         -gcflags (level 2 adds the flow that explains each move)\n"
    "  --format=text|json|sarif|html|dot  report format (text is Go's -gcflags=-m phrasing;\n"
    "                         html one self-contained page, dot the location graph)\n"
    "  --function=NAME        dot: draw only this function's graph\n"
    "  --all-allocas          JSON: list every alloca, not only address-taken ones\n"
    "  -p DIR                 take C flags from DIR/compile_commands.json (no FILE: every entry;\n"
    "                         report analyses each file alone, as escc cc -c compiles it;\n"
    "                         a note says an executable's link promotes the whole program)\n"
    "  --gc=escrt|boehm|none  runtime for promoted variables (default escrt)\n"
    "  -O0 .. -O3             LLVM pipeline after promotion (default -O2)\n"
    "  -I DIR, -D NAME[=VAL], -U NAME, -std=STD, -include FILE   passed to clang\n"
    "  --color=auto|always|never  clang-like source carets and colours (auto: on a terminal)\n"
    "  --stats                counts and phase times on stderr\n"
    "  --promote-all          move every address-taken variable to the heap (testing)\n"
    "  --audit                build/run: count at run time, per promoted variable, the objects\n"
    "                         allocated and those still reachable after their frame returned\n"
    "  --help, --version, --print-plugin-command (opt and clang lines for this build's plugin)\n"
    "\n"
    "inputs: .c (compiled by clang -O2 -Xclang -disable-llvm-passes -g), .go (all .go files\n"
    "are one package, lowered by escc-go; programs link libescgo.a), .ll, .bc, or - for\n"
    "standard input (C, IR or bitcode, named <stdin>); several files are linked and analysed\n"
    "together. A file LLVM's reader crashes on, or is still reading after ESCC_READ_TIMEOUT\n"
    "seconds (default 60 + 10 per MiB; 0: no limit), is bad input. exit status: 0 ok, 1\n"
    "compile or program failed (run: the program's own status, 128+N when killed by signal N),\n"
    "2 bad usage or input.\n";

static const struct {
  const char *command;
  const char *text;
} command_help[] = {
    {"report",
     "usage: escc report [-m|-m=2] [--format=text|json|sarif|html|dot] [--all-allocas] [-p DIR]\n"
     "                   [--function=NAME] [--color=WHEN]\n"
     "                   [--stats] [-I DIR] [-D NAME] [-std=STD] FILE...\n"
     "Analyse FILE... together and print the escape report on stdout: one line per variable\n"
     "moved to heap and per pointer parameter, e.g.\n"
     "  t.c:4:7: moved to heap: number\n"
     "  t.c:8:14: leaking param: p to result ~r0 level=0\n"
     "  t.c:7:14: p does not escape\n"
     "-m=2 adds Go's flow lines; --format=json prints the document of docs/report.schema.json,\n"
     "--format=sarif a SARIF 2.1.0 log, --format=html one self-contained page (with -p DIR:\n"
     "DIR/escape-report/index.html and a page per file), --format=dot the location graph\n"
     "for Graphviz (escc report --format=dot t.c | dot -Tsvg > t.svg). On a terminal the\n"
     "text shows the source line and a caret (--color=never for Go's plain lines).\n"},
    {"build",
     "usage: escc build [options] FILE... -o OUT\n"
     "Compile, analyse and promote FILE... together, run the -O pipeline (default -O2), emit\n"
     "one object and link it with the runtime (--gc=escrt: libescrt.a -lpthread, boehm: -lgc,\n"
     "none: never-freed calloc) into OUT. With -m or --format the report goes to stderr.\n"},
    {"run",
     "usage: escc run [options] FILE... [-- ARGS...]\n"
     "Build FILE... like 'escc build' into a temporary directory, run it with ARGS, and exit\n"
     "with the program's status; killed by signal N, it says so (escc: FILE: killed by SIGSEGV)\n"
     "and exits with 128+N. With -m the report goes to stderr first. With --audit the program\n"
     "prints, at exit, one line per promoted variable:\n"
     "  t.c:9:7: number: 2 allocated, 1 outlived its frame, at most 2 alive at once\n"
     "and with --audit --format=json the report follows the run and carries those figures.\n"},
    {"ir",
     "usage: escc ir [options] FILE\n"
     "Print FILE's LLVM IR after promotion (escaping allocas replaced by runtime allocations).\n"
     "With -O0..-O3 the pipeline runs before printing; with -m the report goes to stderr.\n"},
    {"cc",
     "usage: escc cc CLANG-ARGS...\n"
     "A drop-in C compiler: understands clang's -c -o -S -I -D -U -O -g -l -L -Wl, -std -M*\n"
     "flags, compiles every C source with promotion and links the runtime, so existing\n"
     "projects build with  make CC=\"escc cc\"  or  ./configure CC=\"escc cc\".\n"
     "Preprocessing (-E), dependency-only (-M, -MM), version and -print-* probes, assembler\n"
     "and other non-C inputs go to clang unchanged; C++ sources are compiled by clang without\n"
     "promotion (one warning says so). A -shared library records a dependency on the\n"
     "runtime's shared library (escrt: libescrt.so, with a run path to it). With escrt,\n"
     "-fsanitize=address (hwaddress, memory, thread, leak) is refused: escrt's malloc would\n"
     "replace the sanitizer's.\n"
     "Whole-program promotion (on by default): each object is promoted per file and also\n"
     "carries its bitcode (section .llvm.escc, dropped by every final link); the link of an\n"
     "executable promotes again the code of all objects and used archive members that carry\n"
     "it, so a local passed to a function of another file that keeps nothing stays on the\n"
     "stack. Objects without it (plain clang, assembler) stay as they are; if the modules do\n"
     "not link, one warning and the per-file objects are linked. -shared, -r and -nostdlib\n"
     "links stay per file. With ESCC_CC_REPORT, the link writes OUT.escape.txt (.json...) too.\n"
     "escc's own settings (not clang flags), as environment variables or options:\n"
     "  ESCC_GC=escrt|boehm|none       or --escc-gc=...      runtime (default escrt)\n"
     "  ESCC_CC_REPORT=text|json|sarif or --escc-report=...  write each translation unit's\n"
     "      report next to its object: foo.o -> foo.o.escape.txt|.json|.sarif\n"
     "  ESCC_CC_REPORT_DIR=DIR                              put those reports in DIR instead\n"
     "  ESCC_WHOLE_PROGRAM=on|off      or --escc-whole-program=...  off: per file only, and no\n"
     "      bitcode in the objects\n"},
    {"help", "usage: escc help [COMMAND]\nPrint the usage, or one command's help.\n"},
};

void escc_print_usage(FILE *out) { fputs(usage, out); }

bool escc_print_command_help(const char *command, FILE *out) {
  for (size_t i = 0; i < sizeof command_help / sizeof *command_help; i++) {
    if (!strcmp(command_help[i].command, command)) {
      fputs(command_help[i].text, out);
      return true;
    }
  }
  return false;
}

/* The opt and clang command lines for this build's plugin and runtime, with full paths: plain
 * `opt`/`clang` on Debian 12 are LLVM 14, which cannot load a plugin built for LLVM 19 or 22. */
void escc_print_plugin_commands(FILE *out) {
  char library[PATH_MAX];
  if (!realpath(escc_library_dir(), library))
    snprintf(library, sizeof library, "%s", escc_library_dir());
  const char *clang = escc_clang_path();
  const char *slash = strrchr(clang, '/');
  int tools_length = slash ? (int)(slash - clang + 1) : 0;
  fprintf(out,
          "%.*sopt -load-pass-plugin %s/libEscapePass.so -passes='print<escape>' "
          "-disable-output FILE.ll\n",
          tools_length, clang, library);
  fprintf(out, "%s -O2 -fpass-plugin=%s/libEscapePass.so FILE.c %s/libescrt.a -lpthread\n", clang,
          library, library);
}

void escc_print_version(FILE *out) {
  fprintf(out, "escc %s (LLVM %s, clang %s)\n", ESCC_VERSION, esc_llvm_version(),
          escc_clang_path());
}
