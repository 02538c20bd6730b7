#!/bin/bash
# fuzz.sh [SECONDS] [VERSIONS] — fuzz escc's IR/bitcode input path with libFuzzer (issue 5,
# item 6) for SECONDS (default 300) per LLVM version in VERSIONS (default "19").
#
# Builds the harness (fuzz/build.sh), makes a seed corpus in $TORTURE_OUT/fuzz/seeds-V from the
# repository's .ll tests and examples (as text and, through llvm-as, as bitcode), the C tests
# and examples compiled to IR, and a few llvm-stress modules, then runs fuzz_ir in fork mode on
# all cores; the corpus it grows stays in $TORTURE_OUT/fuzz/corpus-V for the next run and
# crashing inputs land in $TORTURE_OUT/fuzz/artifacts-V/ (triaged in triage-V.txt). Prints
#   fuzz: LLVM V seconds S executions N crashes N timeouts N ooms N (inside LLVM ...: N)
# and exits 1 when an input crashed in escc (a stack with an escc frame, or a rewritten module
# that does not verify) or hit a timeout or out-of-memory (the analysis must stay bounded);
# crashes inside LLVM's own parser or verifier, before escc ran, are counted apart. Then every
# seed, corpus input and crashing input goes through the escc driver (report, ir), which must
# never crash — it turns a crash inside LLVM's reader into its one error line and exit 2:
#   fuzz: driver LLVM V inputs N (escc report + escc ir) crashes N
# and FUZZ_BITCODE_MUTANTS (600) randomly corrupted copies of the seed bitcode go through
# `escc report` (fuzz/mutate_bitcode.py; raw bytes the harness keeps from LLVM's reader):
#   fuzz: driver bitcode mutants N (exit 0: N, exit 2: N) failures N
set -u
. "$(dirname "$0")/lib.sh"
seconds=${1:-300}
versions=${2:-19}
here=$(cd "$(dirname "$0")" && pwd)
status=0

seed_corpus() { # seed_corpus VERSION DIR
  local version=$1 seeds=$2 bin=/usr/lib/llvm-$1/bin file name seed
  mkdir -p "$seeds"
  for file in "$torture_root"/test/*/*.ll "$torture_root"/examples/*/*.ll; do
    [ -f "$file" ] || continue
    name=$(basename "$(dirname "$file")")-$(basename "$file" .ll)
    cp "$file" "$seeds/$name.ll"
    # (llvm-as aborts on some of the tests' deliberately broken IR: keep that quiet)
    { "$bin/llvm-as" "$file" -o "$seeds/$name.bc"; } >/dev/null 2>&1 || rm -f "$seeds/$name.bc"
  done
  for file in "$torture_root"/test/e2e/*.c "$torture_root"/examples/c/*.c; do
    [ -f "$file" ] || continue
    name=$(basename "$(dirname "$file")")-$(basename "$file" .c)
    "$bin/clang" -O0 -g -Xclang -disable-O0-optnone -S -emit-llvm -w -I"$(dirname "$file")" \
      "$file" -o "$seeds/$name-c.ll" 2>/dev/null || rm -f "$seeds/$name-c.ll"
    "$bin/clang" -O2 -Xclang -disable-llvm-passes -c -emit-llvm -w -I"$(dirname "$file")" \
      "$file" -o "$seeds/$name-c.bc" 2>/dev/null || rm -f "$seeds/$name-c.bc"
  done
  for seed in 1 2 3 4 5 6 7 8; do
    "$bin/llvm-stress" -seed="$seed" -size=$((seed * 10)) -o "$seeds/stress-$seed.ll"
  done
}

# replay_driver VERSION DIR|FILE... — every input of the corpus through the escc driver of that
# build (escc report, escc ir): it must exit 0, 1 or 2, never die on a signal or hang.
replay_driver() {
  local version=$1 escc input copy rc inputs=0 crashes=0
  shift
  escc=$("$torture_root/scripts/build-dir" "$version")/bin/escc
  [ -x "$escc" ] || return 0
  local scratch
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/escc-replay.XXXXXX")
  local directory
  for input in $(for directory in "$@"; do find "$directory" -type f; done); do
    case $input in *.bc) copy=$scratch/input.bc ;; *) copy=$scratch/input.ll ;; esac
    cp "$input" "$copy"
    inputs=$((inputs + 1))
    for command in report ir; do
      { timeout -s KILL 60 "$escc" "$command" "$copy" >/dev/null 2>"$scratch/err"; } 2>/dev/null
      rc=$?
      if [ $rc -gt 2 ]; then
        crashes=$((crashes + 1))
        mkdir -p "$out/driver-crashes-$version"
        cp "$input" "$out/driver-crashes-$version/"
        echo "fuzz: driver: escc $command $input: exit $rc" >&2
      fi
    done
  done
  rm -rf "$scratch"
  echo "fuzz: driver LLVM $version inputs $inputs (escc report + escc ir) crashes $crashes"
  [ $crashes = 0 ]
}

for version in $versions; do
  out=$TORTURE_OUT/fuzz
  harness=$("$here/fuzz/build.sh" "$version") || {
    echo "fuzz: LLVM $version: error: the harness did not build" >&2
    status=1
    continue
  }
  seeds=$out/seeds-$version
  corpus=$out/corpus-$version
  artifacts=$out/artifacts-$version
  log=$out/fuzz-$version.log
  rm -rf "$seeds"
  seed_corpus "$version" "$seeds"
  mkdir -p "$corpus" "$artifacts"
  start=$(date +%s)
  "$harness" "$corpus" "$seeds" -dict="$here/fuzz/ir.dict" -max_total_time="$seconds" \
    -fork="$(torture_jobs)" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -timeout=20 -rss_limit_mb=2048 -max_len=16384 -artifact_prefix="$artifacts/" \
    -print_final_stats=1 >"$log" 2>&1
  elapsed=$(($(date +%s) - start))
  # The fork-mode status lines read "#N: cov: ... exec/s: ... oom/timeout/crash: O/T/C ...".
  last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
  executions=$(echo "$last" | sed -n 's/^#\([0-9]*\):.*/\1/p')
  read -r ooms timeouts _ <<<"$(echo "$last" |
    sed -n 's|.*oom/timeout/crash: \([0-9]*\)/\([0-9]*\)/\([0-9]*\).*|\1 \2 \3|p')"
  # Triage: a crash whose stack holds no escc frame (pass/ sources, the rewrite check) happened
  # inside LLVM before escc ran (see docs/reliability.md) and is counted apart.
  escc_crashes=0
  llvm_crashes=0
  : >"$out/triage-$version.txt"
  for artifact in "$artifacts"/crash-*; do
    [ -f "$artifact" ] || continue
    trace=$(timeout 120 "$harness" "$artifact" 2>&1)
    if echo "$trace" | grep -qE '/pass/[a-z_]+\.c|promote_and_verify|fuzz_ir: '; then
      escc_crashes=$((escc_crashes + 1))
      echo "escc $artifact" >>"$out/triage-$version.txt"
    else
      llvm_crashes=$((llvm_crashes + 1))
      echo "llvm $artifact $(echo "$trace" | grep -m1 -E ' in llvm::| in LLVM' | sed 's/.* in //')" \
        >>"$out/triage-$version.txt"
    fi
  done
  echo "fuzz: LLVM $version seconds $elapsed executions ${executions:-0}" \
    "crashes $escc_crashes timeouts ${timeouts:-0} ooms ${ooms:-0}" \
    "(inside LLVM before escc ran: $llvm_crashes; artifacts $artifacts, log $log)"
  if [ -z "$last" ] || [ "$escc_crashes${timeouts:-0}${ooms:-0}" != 000 ]; then
    status=1
  fi
  # The crashing inputs too: the driver guards LLVM's reader, so they must give exit 2.
  replay_driver "$version" "$seeds" "$corpus" $(ls "$artifacts"/crash-* 2>/dev/null) || status=1
  "$here/fuzz/mutate_bitcode.py" "$("$torture_root/scripts/build-dir" "$version")/bin/escc" \
    "${FUZZ_BITCODE_MUTANTS:-600}" 1 "$out/driver-crashes-$version" "$seeds"/*.bc || status=1
done
exit $status
