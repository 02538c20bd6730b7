#!/bin/bash
# csmith.sh [COUNT] [SEED] — csmith differential testing of escc (issue 5, item 1).
#
# Runs csmith-one.sh for the COUNT seeds SEED, SEED+1, ... (default 100 programs from seed 1)
# on all cores, appends every result line to $TORTURE_OUT/csmith/results.txt and prints a
# summary:
#   csmith: programs N  passed N  skipped N  failures N  seconds S
# followed by one line per failure. Exit 1 when any escc build differed from plain clang.
# Settings (environment): CSMITH_LEVELS ("0 2"), CSMITH_GC_STRESS (1: collect on every
# allocation), ESCC_LLVM (19: the build/ build), CSMITH_TIMEOUT (2 s for a plain run), CSMITH_ESCC_TIMEOUT (300 s), TORTURE_JOBS,
# CSMITH_REDUCE=1 to run reduce.sh on every failure; see lib.sh for the build under test.
set -u
. "$(dirname "$0")/lib.sh"
count=${1:-100}
first=${2:-1}
torture_select "${ESCC_LLVM:-19}"
torture_need csmith "$ESCC_CLANG" "$ESCC_PLUGIN" "$ESCC_RUNTIME" /usr/include/csmith/csmith.h

out=$TORTURE_OUT/csmith
mkdir -p "$out"
results=$out/results-$first-$count.txt
: >"$results"
start=$(date +%s)
seq "$first" $((first + count - 1)) |
  xargs -P "$(torture_jobs)" -n 1 "$(dirname "$0")/csmith-one.sh" >>"$results"
seconds=$(($(date +%s) - start))
cat "$results" >>"$out/results.txt"

awk -v seconds="$seconds" '
  { programs++ }
  $2 == "pass" { passed++ }
  $2 ~ /^skip-/ { skipped++; why[$2]++ }
  $2 ~ /^fail-/ { failed++; failures = failures "csmith: FAIL seed " $0 "\n" }
  END {
    printf "csmith: programs %d  passed %d  skipped %d  failures %d  seconds %d\n",
      programs, passed, skipped, failed, seconds
    for (w in why) printf "csmith:   %s %d\n", w, why[w]
    printf "%s", failures
  }' "$results"

if grep -q ' fail-' "$results"; then
  if [ "${CSMITH_REDUCE:-0}" = 1 ]; then
    for seed in $(awk '$2 ~ /^fail-/ { print $1 }' "$results"); do
      "$(dirname "$0")/reduce.sh" "$out/fail-$seed" || true
    done
  fi
  exit 1
fi
exit 0
