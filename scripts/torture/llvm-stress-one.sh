#!/bin/bash
# llvm-stress-one.sh SEED — one random module through the escape passes of the build that
# llvm-stress.sh selected (ESCC_LLVM, ESCC_OPT, ESCC_PLUGIN); prints one line "VERSION SEED STATUS SECONDS DETAIL".
#
# The module is llvm-stress -seed=SEED with a size cycling through LLVM_STRESS_SIZES. It goes
# through opt (which verifies its input and its output) with, in turn:
#   print<escape><m=2>                                     the report alone
#   escape-promote,verify                                  normal analysis
#   escape-promote<promote-all>,verify                             every address-taken alloca promoted
#   escape-promote<promote-all;runtime=R>,verify,default<O2>,verify   R cycles escrt/boehm/none, then
#                                                          the optimiser, then llc to an object
# STATUS is pass or fail-STEP (crash, verifier error or any non-zero exit). A failing module is
# kept as $TORTURE_OUT/llvm-stress/fail-VERSION-SEED.ll with the step's stderr next to it.
set -u
. "$(dirname "$0")/lib.sh"
version=${ESCC_LLVM:?set by llvm-stress.sh}
seed=$1
bin=$(dirname "$ESCC_OPT")
read -ra sizes <<<"${LLVM_STRESS_SIZES:-25 50 100 200 400}"
size=${sizes[$((seed % ${#sizes[@]}))]}
runtimes=(escrt boehm none)
runtime=${runtimes[$((seed % 3))]}
out=$TORTURE_OUT/llvm-stress
work=$(mktemp -d "${TMPDIR:-/tmp}/escc-stress.XXXXXX")
start=$(date +%s.%N)

finish() { # finish STATUS [DETAIL]
  local end
  end=$(date +%s.%N)
  printf '%s %s %s %.2f %s\n' "$version" "$seed" "$1" "$(awk "BEGIN{print $end - $start}")" \
    "${2:-}"
  rm -rf "$work"
  exit 0
}

fail() { # fail STEP — keep the module and the step's stderr
  mkdir -p "$out"
  cp "$work/m.ll" "$out/fail-$version-$seed.ll"
  {
    echo "; llvm-stress $version -seed=$seed -size=$size, step $1"
    echo "; $2"
    cat "$work/step.err"
  } >"$out/fail-$version-$seed.err"
  finish "fail-$1" "$(head -c 300 "$work/step.err" | tr '\n' ' ')"
}

# step NAME COMMAND... — run one step with its stderr in step.err (stdout discarded)
step() {
  local name=$1
  shift
  { timeout -s KILL 120 "$@" >/dev/null 2>"$work/step.err"; } 2>/dev/null || fail "$name" "$*"
}

"$bin/llvm-stress" -seed="$seed" -size="$size" -o "$work/m.ll" 2>"$work/step.err" ||
  finish skip-generate
load=(-load-pass-plugin "$ESCC_PLUGIN")
step report "$ESCC_OPT" "${load[@]}" -passes='print<escape><m=2>' -disable-output "$work/m.ll"
step normal "$ESCC_OPT" "${load[@]}" -passes='escape-promote,verify' "$work/m.ll" -o "$work/n.bc"
step all "$ESCC_OPT" "${load[@]}" -passes='escape-promote<promote-all>,verify' "$work/m.ll" -o "$work/a.bc"
step "all-$runtime-O2" "$ESCC_OPT" "${load[@]}" \
  -passes="escape-promote<promote-all;runtime=$runtime>,verify,default<O2>,verify" "$work/m.ll" \
  -o "$work/o.bc"
step "all-$runtime-llc" "$bin/llc" -O2 -filetype=obj "$work/o.bc" -o "$work/o.o"
finish pass
