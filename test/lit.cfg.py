# The escc lit suite. Substitutions a RUN line may use:
#   %opt %clang %llvm-as %llvm-dis   this build's LLVM tools
#   %plugin      the opt/clang plugin (libEscapePass.so)
#   %loadplugin  "-load-pass-plugin <plugin>" for opt
#   %escc        the driver          %escrt / %escrt_so  the runtime libraries
#   %escc_go     the Go front end, for this build's LLVM (escc-go --llvm=N)
#   %escrt_none  the never-freeing runtime               %escrt_libdir  their directory
#   %escrt_inc   -I for escrt.h      %python             Debian's python3
#   %cc_escrt    clang + runtime flags to build a C test program against escrt
#   %sarif_schema  the official SARIF 2.1.0 schema (fetched by scripts/fetch-sarif-schema)
#   %srcroot     the source tree          %buildroot   this build (bin/escc, bin/escc-go)
# Features: llvm19 / llvm22 (exact major), sanitized (ASan+UBSan build), gdb, valgrind.
import os
import lit.formats

config.name = "escc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.escc_binary_root, "test")

tools = config.llvm_tools_dir
lib = os.path.join(config.escc_binary_root, "lib")
plugin = os.path.join(lib, "libEscapePass.so")
escrt = os.path.join(lib, "libescrt.a")
escrt_inc = "-I" + os.path.join(config.escc_source_root, "runtime")

config.environment["PATH"] = os.pathsep.join([tools, config.environment.get("PATH", "/usr/bin:/bin")])
for passthrough in ["HOME", "TMPDIR", "ESCC_CACHE", "XDG_CACHE_HOME"]:
    if passthrough in os.environ:
        config.environment[passthrough] = os.environ[passthrough]

# Before %escc, which is a prefix of it.
config.substitutions.append(("%escc_go", "%s --llvm=%d" % (os.path.join(config.escc_binary_root, "bin", "escc-go"), config.llvm_version_major)))
config.substitutions.append(("%loadplugin", "-load-pass-plugin " + plugin))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%opt", os.path.join(tools, "opt")))
config.substitutions.append(("%clang", os.path.join(tools, "clang")))
config.substitutions.append(("%llvm-as", os.path.join(tools, "llvm-as")))
config.substitutions.append(("%llvm-dis", os.path.join(tools, "llvm-dis")))
config.substitutions.append(("%escc", os.path.join(config.escc_binary_root, "bin", "escc")))
config.substitutions.append(("%escrt_so", os.path.join(lib, "libescrt.so")))
config.substitutions.append(("%escrt_none", os.path.join(lib, "libescrt_none.a")))
config.substitutions.append(("%escrt_libdir", lib))
config.substitutions.append(("%escrt_inc", escrt_inc))
config.substitutions.append(("%escrt", escrt))
sanitize = " -fsanitize=address,undefined" if config.sanitized else ""
config.substitutions.append(("%cc_escrt", "%s %s -g -pthread%s" % (os.path.join(tools, "clang"), escrt_inc, sanitize)))
config.substitutions.append(("%python", config.python_executable))
sarif_cache = os.environ.get("ESCC_CACHE") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "escc")
config.substitutions.append(("%sarif_schema", os.path.join(sarif_cache, "sarif-2.1.0-rtm.5.json")))
config.substitutions.append(("%srcroot", config.escc_source_root))
config.substitutions.append(("%buildroot", config.escc_binary_root))

import shutil
config.available_features.add("llvm%d" % config.llvm_version_major)
for tool in ["gdb", "valgrind"]:
    if shutil.which(tool):
        config.available_features.add(tool)
if config.sanitized:
    config.available_features.add("sanitized")
    # ASan+UBSan build (scripts/check-sanitized; docs/reliability.md, Sanitizers). The
    # instrumented plugin runs inside the uninstrumented opt/clang, so %opt, %clang and
    # %cc_escrt become wrappers (written here) that preload clang's shared ASan runtime; the
    # clang wrapper also links the sanitizer runtimes into programs, which the instrumented
    # libescrt.a needs. Test programs themselves stay uninstrumented, like the ones escc builds
    # (runtime/sanitizers.c instruments both).
    import subprocess
    asan_runtime = subprocess.check_output(
        [os.path.join(tools, "clang"), "-print-file-name=libclang_rt.asan-x86_64.so"], text=True).strip()
    wrappers = os.path.join(config.test_exec_root, "sanitized-bin")
    os.makedirs(wrappers, exist_ok=True)
    # A link gets the shared runtime as its first input: a link-only -fsanitize would also
    # instrument the sources of a compile-and-link command.
    runtime_link = "%s -Wl,-rpath,%s" % (asan_runtime, os.path.dirname(asan_runtime))
    for tool, link_flags in [("opt", ""), ("clang", runtime_link)]:
        with open(os.path.join(wrappers, tool), "w") as script:
            script.write("""#!/bin/sh
# Written by test/lit.cfg.py (sanitized build): %s with the ASan runtime preloaded.
unset link
for argument; do
  case $argument in
    -c | -S | -E | -M | -MM | -fsyntax-only | -emit-llvm | -print* | --version | -v | -shared | -fsanitize=*) link= ;;
  esac
done
export LD_PRELOAD=%s ASAN_OPTIONS=detect_leaks=0
exec %s ${link-%s} "$@"
""" % (tool, asan_runtime, os.path.join(tools, tool), link_flags))
        os.chmod(os.path.join(wrappers, tool), 0o755)
    for tool in os.listdir(tools):  # the rest of LLVM's tools, for scripts that look beside %opt
        if tool not in ("opt", "clang") and not os.path.lexists(os.path.join(wrappers, tool)):
            os.symlink(os.path.join(tools, tool), os.path.join(wrappers, tool))
    replaced = {"%opt": os.path.join(wrappers, "opt"), "%clang": os.path.join(wrappers, "clang"),
                "%cc_escrt": "%s %s -g -pthread" % (os.path.join(wrappers, "clang"), escrt_inc)}
    config.substitutions = [(name, replaced.get(name, value)) for name, value in config.substitutions]
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    # LeakSanitizer cannot see escrt's heap (mmap'ed blocks), so malloc'ed nodes referenced only
    # from promoted objects would be reported as leaks; the driver's leaks are checked by
    # test/sanitize/valgrind-driver.test on the normal build. An impossible allocation returns
    # NULL as glibc's malloc does (LLVM's reader then aborts, which escc reports as bad input:
    # driver/bad-input-llvm.test) instead of ending the process with ASan's own exit status.
    config.environment["ASAN_OPTIONS"] = "detect_leaks=0:allocator_may_return_null=1"
