// plugin.cpp — the only C++ in escc: registers the escape passes with LLVM's new pass manager
// so opt and clang can load libEscapePass.so. Everything else happens in C (escape.h); this
// file only parses pass parameters and hands the module over with llvm::wrap.
//
//   opt -load-pass-plugin libEscapePass.so -passes='print<escape>'        report on stderr
//   opt ... -passes='print<escape><m=2>'                                  with flow lines
//   opt ... -passes='print<escape><promote-all>'    what escape-promote<promote-all> would do
//   opt ... -passes='escape-promote<runtime=boehm;promote-all>'           rewrite
//   opt ... -passes='escape-promote<audit>'   rewrite + escrt's audit (runtime/audit.c)
//   clang -fpass-plugin=libEscapePass.so ...        escape-promote at pipeline start
//
// Invariant: the passes never leave the module in a state the verifier rejects; print<escape>
// never changes it.
#include "escape.h"

#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#if ESC_LLVM_VERSION_MAJOR >= 22
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <string>

namespace {

struct PromoteOptions {
  esc_runtime Runtime = ESC_RUNTIME_ESCRT;
  bool All = false;
  bool Audit = false; // instrument for escrt's audit (escrt only)
};

// Parses "runtime=escrt|boehm|none", "promote-all" (every address-taken alloca goes to the
// heap; the name is escc's --promote-all) and "audit", separated by ';'. Reports the first bad
// word, and "audit" with another runtime than escrt (only escrt can audit).
bool parsePromoteOptions(llvm::StringRef Params, PromoteOptions &Out) {
  while (!Params.empty()) {
    llvm::StringRef Word;
    std::tie(Word, Params) = Params.split(';');
    if (Word == "promote-all") {
      Out.All = true;
    } else if (Word == "audit") {
      Out.Audit = true;
    } else if (Word == "runtime=escrt") {
      Out.Runtime = ESC_RUNTIME_ESCRT;
    } else if (Word == "runtime=boehm") {
      Out.Runtime = ESC_RUNTIME_BOEHM;
    } else if (Word == "runtime=none") {
      Out.Runtime = ESC_RUNTIME_NONE;
    } else {
      llvm::errs() << "escape-promote: error: unknown parameter '" << Word
                   << "' (expected runtime=escrt|boehm|none, promote-all or audit)\n";
      return false;
    }
  }
  if (Out.Audit && Out.Runtime != ESC_RUNTIME_ESCRT) {
    llvm::errs() << "escape-promote: error: audit needs runtime=escrt\n";
    return false;
  }
  return true;
}

struct ReportOptions {
  int Level = 1;
  bool All = false; // report what escape-promote<promote-all> would promote
};

// Parses print<escape>'s parameters, separated by ';': "m" or "m=1" (level 1), "m=2" (level 2
// with flow lines), "promote-all".
bool parseReportOptions(llvm::StringRef Params, ReportOptions &Out) {
  while (!Params.empty()) {
    llvm::StringRef Word;
    std::tie(Word, Params) = Params.split(';');
    if (Word == "m" || Word == "m=1") {
      Out.Level = 1;
    } else if (Word == "m=2") {
      Out.Level = 2;
    } else if (Word == "promote-all") {
      Out.All = true;
    } else {
      llvm::errs() << "print<escape>: error: unknown parameter '" << Word
                   << "' (expected m, m=1, m=2 or promote-all)\n";
      return false;
    }
  }
  return true;
}

class EscapePromotePass : public llvm::PassInfoMixin<EscapePromotePass> {
public:
  explicit EscapePromotePass(PromoteOptions Options) : Options(Options) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &) {
    esc_analysis_options AnalysisOptions = {};
    AnalysisOptions.promote_all = Options.All;
    esc_analysis *Analysis = esc_analyze_module(llvm::wrap(&M), &AnalysisOptions);
    if (!Analysis)
      llvm::report_fatal_error("escape-promote: out of memory");
    esc_promote_options Promote = {};
    Promote.runtime = Options.Runtime;
    Promote.audit = Options.Audit;
    size_t Rewritten = esc_promote_module(llvm::wrap(&M), Analysis, &Promote);
    esc_analysis_free(Analysis);
    return Rewritten ? llvm::PreservedAnalyses::none() : llvm::PreservedAnalyses::all();
  }

  static bool isRequired() { return true; } // runs at -O0 too: promotion is for correctness

private:
  PromoteOptions Options;
};

class EscapePrinterPass : public llvm::PassInfoMixin<EscapePrinterPass> {
public:
  explicit EscapePrinterPass(ReportOptions Options) : Options(Options) {}

  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &) {
    esc_analysis_options AnalysisOptions = {};
    AnalysisOptions.promote_all = Options.All;
    esc_analysis *Analysis = esc_analyze_module(llvm::wrap(&M), &AnalysisOptions);
    if (!Analysis)
      llvm::report_fatal_error("print<escape>: out of memory");
    llvm::errs().flush();
    esc_report_text(Analysis, stderr, Options.Level);
    fflush(stderr);
    esc_analysis_free(Analysis);
    return llvm::PreservedAnalyses::all();
  }

  static bool isRequired() { return true; }

private:
  ReportOptions Options;
};

bool parseModulePipelineElement(llvm::StringRef Name, llvm::ModulePassManager &MPM,
                                llvm::ArrayRef<llvm::PassBuilder::PipelineElement>) {
  if (llvm::PassBuilder::checkParametrizedPassName(Name, "escape-promote")) {
    llvm::StringRef Params = Name.drop_front(strlen("escape-promote"));
    Params.consume_front("<");
    Params.consume_back(">");
    PromoteOptions Options;
    if (!parsePromoteOptions(Params, Options))
      return false;
    MPM.addPass(EscapePromotePass(Options));
    return true;
  }
  if (llvm::PassBuilder::checkParametrizedPassName(Name, "print<escape>")) {
    llvm::StringRef Params = Name.drop_front(strlen("print<escape>"));
    Params.consume_front("<");
    Params.consume_back(">");
    ReportOptions Options;
    if (!parseReportOptions(Params, Options))
      return false;
    MPM.addPass(EscapePrinterPass(Options));
    return true;
  }
  return false;
}

void registerEscapePasses(llvm::PassBuilder &PB) {
  PB.registerPipelineParsingCallback(parseModulePipelineElement);
  // clang -fpass-plugin: promote before SROA and inlining see the allocas. The options come
  // from ESCC_PROMOTE (same syntax as the pass parameters) so build systems can set them.
  PB.registerPipelineStartEPCallback([](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
    PromoteOptions Options;
    if (const char *Env = getenv("ESCC_PROMOTE"))
      if (!parsePromoteOptions(Env, Options))
        llvm::report_fatal_error("escape-promote: bad ESCC_PROMOTE", false);
    MPM.addPass(EscapePromotePass(Options));
  });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK ::llvm::PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "EscapePass", ESCC_VERSION_STRING, registerEscapePasses};
}
