# The escc lit suite. Substitutions a RUN line may use:
#   %opt %clang %llvm-as %llvm-dis   this build's LLVM tools
#   %plugin      the opt/clang plugin (libEscapePass.so)
#   %loadplugin  "-load-pass-plugin <plugin>" for opt
#   %escc        the driver          %escrt / %escrt_so  the runtime libraries
#   %escrt_none  the never-freeing runtime               %escrt_libdir  their directory
#   %escrt_inc   -I for escrt.h      %python             Debian's python3
#   %cc_escrt    clang + runtime flags to build a C test program against escrt
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
for passthrough in ["HOME", "TMPDIR", "TERM_NEVER"]:
    if passthrough in os.environ:
        config.environment[passthrough] = os.environ[passthrough]

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
config.substitutions.append(("%srcroot", config.escc_source_root))

import shutil
config.available_features.add("llvm%d" % config.llvm_version_major)
for tool in ["gdb", "valgrind"]:
    if shutil.which(tool):
        config.available_features.add(tool)
if config.sanitized:
    config.available_features.add("sanitized")
