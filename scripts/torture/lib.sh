# lib.sh — shared settings of the torture scripts (sourced by bash, not run).
#
# Picks the escc build a step tests and the LLVM tools that go with it. Every path can be given
# in the environment, which is how the lit samples point the scripts at the build under test:
#   ESCC_CLANG  ESCC_OPT          clang and opt of the LLVM the build uses
#   ESCC_PLUGIN ESCC_RUNTIME      libEscapePass.so and libescrt.a
#   ESCC_PASS_LIBRARY             libescape_pass.a (the fuzzer links it)
#   TORTURE_OUT                   results, kept failures, logs (default build/torture/)
# When the plugin is not given, torture_select copies the build's libraries into
# $TORTURE_OUT/lib-VERSION/ first: the build directories are shared and rebuilt while a run of
# several hours goes on, and a half-written plugin must not count as an escc failure.
torture_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TORTURE_OUT=${TORTURE_OUT:-$torture_root/build/torture}
export TORTURE_OUT

# The one place failures are reported to the lead engineer (see issue 5).
ANALYSIS_BUGS=${ANALYSIS_BUGS:-/tmp/analysis-bugs.txt}

torture_need() { # torture_need FILE... — exit 2 with one clear line when a tool is missing
  local needed
  for needed in "$@"; do
    if [ ! -e "$needed" ] && ! command -v "$needed" >/dev/null 2>&1; then
      echo "torture: error: $needed: not found (run scripts/install-deps and scripts/build)" >&2
      exit 2
    fi
  done
}

torture_jobs() { # number of parallel jobs: TORTURE_JOBS or the core count
  echo "${TORTURE_JOBS:-$(nproc 2>/dev/null || echo 2)}"
}

# torture_llvm_version OPT — the LLVM major version of an opt binary
torture_llvm_version() {
  "$1" --version | sed -n 's/.*LLVM version \([0-9]*\).*/\1/p' | head -1
}

# torture_select VERSION — set and export the ESCC_* paths for the LLVM VERSION build (paths
# already in the environment win).
torture_select() {
  local version=$1 build snapshot attempt
  local bin=/usr/lib/llvm-$version/bin
  build=$("$torture_root/scripts/build-dir" "$version")
  ESCC_LLVM=$version
  ESCC_CLANG=${ESCC_CLANG:-$bin/clang}
  ESCC_OPT=${ESCC_OPT:-$bin/opt}
  if [ -z "${ESCC_PLUGIN:-}" ]; then
    snapshot=$TORTURE_OUT/lib-$version
    torture_need "$build/lib/libEscapePass.so" "$build/lib/libescrt.a"
    for attempt in 1 2 3 4 5 6; do
      mkdir -p "$snapshot"
      cp "$build/lib/libEscapePass.so" "$build/lib/libescrt.a" "$build/lib/libescape_pass.a" \
        "$snapshot/" 2>/dev/null &&
        "$ESCC_OPT" -load-pass-plugin "$snapshot/libEscapePass.so" -passes=escape-promote \
          -disable-output </dev/null >/dev/null 2>&1 && break
      echo "torture: $build is being rebuilt, waiting (attempt $attempt)" >&2
      sleep 20
    done
    ESCC_PLUGIN=$snapshot/libEscapePass.so
    ESCC_RUNTIME=$snapshot/libescrt.a
    ESCC_PASS_LIBRARY=$snapshot/libescape_pass.a
  fi
  ESCC_RUNTIME=${ESCC_RUNTIME:-$build/lib/libescrt.a}
  ESCC_PASS_LIBRARY=${ESCC_PASS_LIBRARY:-$build/lib/libescape_pass.a}
  export ESCC_LLVM ESCC_CLANG ESCC_OPT ESCC_PLUGIN ESCC_RUNTIME ESCC_PASS_LIBRARY
}
