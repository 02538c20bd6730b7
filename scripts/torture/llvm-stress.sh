#!/bin/bash
# llvm-stress.sh [COUNT] [SEED] — random IR modules through the escape passes (issue 5, item 2).
#
# For every LLVM version in LLVM_STRESS_VERSIONS ("19 22": the build/ and build-llvm22/
# builds; only the given one when ESCC_OPT and ESCC_PLUGIN are set) runs llvm-stress-one.sh on the COUNT seeds SEED, SEED+1, ... (default 1000 from 1) on
# all cores, appends the result lines to $TORTURE_OUT/llvm-stress/results.txt and prints
#   llvm-stress: LLVM V modules N  skipped N  failures N  seconds S
# per version, then one line per failure. Exit 1 when any module failed.
set -u
. "$(dirname "$0")/lib.sh"
count=${1:-1000}
first=${2:-1}
versions=${LLVM_STRESS_VERSIONS:-"19 22"}
out=$TORTURE_OUT/llvm-stress
mkdir -p "$out"
status=0
# one_version — run the seeds on the build torture_select chose, print the summary
one_version() {
  local version=$ESCC_LLVM results start seconds
  local bin
  bin=$(dirname "$ESCC_OPT")
  torture_need "$bin/llvm-stress" "$bin/llc" "$ESCC_OPT" "$ESCC_PLUGIN"
  results=$out/results-$version-$first-$count.txt
  start=$(date +%s)
  seq "$first" $((first + count - 1)) |
    xargs -P "$(torture_jobs)" -n 1 "$(dirname "$0")/llvm-stress-one.sh" >"$results"
  seconds=$(($(date +%s) - start))
  cat "$results" >>"$out/results.txt"
  awk -v seconds="$seconds" -v version="$version" '
    { modules++ }
    $3 ~ /^skip-/ { skipped++ }
    $3 ~ /^fail-/ { failed++; failures = failures "llvm-stress: FAIL " $0 "\n" }
    END {
      printf "llvm-stress: LLVM %s modules %d  skipped %d  failures %d  seconds %d\n",
        version, modules, skipped, failed, seconds
      printf "%s", failures
    }' "$results"
  ! grep -q ' fail-' "$results"
}

if [ -n "${ESCC_PLUGIN:-}" ]; then
  # One given build (the lit sample): its version comes from its opt.
  torture_need "${ESCC_OPT:?ESCC_OPT must come with ESCC_PLUGIN}"
  torture_select "$(torture_llvm_version "$ESCC_OPT")"
  one_version || status=1
else
  for version in $versions; do
    (torture_select "$version" && one_version) || status=1
  done
fi
exit $status
