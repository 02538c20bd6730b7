#!/bin/bash
# build.sh [VERSION] [OUT] — build the libFuzzer harness fuzz_ir against LLVM VERSION (19).
#
# By default the analysis sources (pass/*.c) are compiled here again with clang's coverage
# instrumentation, ASan and UBSan, so that libFuzzer sees which branches of the analysis an
# input reaches; the plugin itself is not needed. FUZZ_PREBUILT=1 links the build's
# libescape_pass.a instead (no coverage inside the pass: the fuzzer then only sees LLVM's
# parser, so it finds less). Output: OUT (default $TORTURE_OUT/fuzz/fuzz_ir-VERSION).
set -eu
. "$(dirname "$0")/../lib.sh"
version=${1:-19}
bin=/usr/lib/llvm-$version/bin
out=${2:-$TORTURE_OUT/fuzz/fuzz_ir-$version}
torture_need "$bin/clang" "$bin/llvm-config" \
  "/usr/lib/llvm-$version/lib/clang/$version/lib/linux/libclang_rt.fuzzer-x86_64.a"
llvm_include=$("$bin/llvm-config" --includedir)
llvm_libdir=$("$bin/llvm-config" --libdir)
llvm_version=$("$bin/llvm-config" --version)
objects=$(dirname "$out")/objects-$version
mkdir -p "$objects"

sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
cflags=(-std=c11 -g -O1 -Wall -Wextra -Werror "${sanitize[@]}" -I"$torture_root/pass"
  -isystem "$llvm_include" -DESC_LLVM_VERSION_MAJOR="$version"
  -DESC_LLVM_VERSION_STRING="\"$llvm_version\"")

if [ "${FUZZ_PREBUILT:-0}" = 1 ]; then
  torture_select "$version"
  pass_objects=("$ESCC_PASS_LIBRARY")
else
  pass_objects=()
  for source in "$torture_root"/pass/*.c; do
    object=$objects/$(basename "$source" .c).o
    "$bin/clang" "${cflags[@]}" -fsanitize=fuzzer-no-link -c "$source" -o "$object"
    pass_objects+=("$object")
  done
fi
"$bin/clang" "${cflags[@]}" -fsanitize=fuzzer "$(dirname "$0")/fuzz_ir.c" \
  "${pass_objects[@]}" -L"$llvm_libdir" -Wl,-rpath,"$llvm_libdir" -lLLVM-"$version" \
  -lstdc++ -o "$out"
echo "$out"
