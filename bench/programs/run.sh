#!/bin/bash
# run.sh [BUILD_DIR] — real programs built with escc, timed against plain clang in the same run
# (issue 12: "a real interpreter's test suite", "gawk's single CPU-bound program").
#
# For each package (Debian bookworm's gawk 5.2.1 and jq 1.6, fetched and built by
# scripts/torture/packages.sh) it builds the same tree with the same flags in these variants:
#   clang   plain clang (the baseline)
#   escrt   plain clang, only linked with escrt (bench/programs/escrt-cc): escrt's malloc, no pass
#   escc    `escc cc`, per file: every file analysed alone, escaping allocas promoted, escrt
#           linked (--escc-whole-program=off when escc has the whole-program mode)
#   whole   `escc cc --escc-whole-program=on`: the link of an executable analyses and promotes
#           the whole program again from the bitcode its objects carry (only when the escc
#           build knows --escc-whole-program; otherwise the variant is left out, and says so)
# runs the package's own test suite once in each (the results must be the same text as the clang
# build's: failing tests are allowed only if they fail alike), then PROGRAMS_ROUNDS rounds, each
# running every variant's test suite and then every variant's CPU-bound program
# (packages.sh: package_program), alternated, every suite's results checked again. It prints
# the medians (CPU = user + system, wall, peak RSS of the largest process) and their ratios to
# clang's from the same run, the escc JSON reports added up (ESCC_CC_REPORT=json) and what
# ESC_GC_STATS=1 says after one run of the program (allocations, pinned objects and bytes).
#
#   PROGRAMS_PACKAGES  packages (gawk jq)          PROGRAMS_ROUNDS   timed rounds (5)
#   PROGRAMS_VARIANTS  the variants to run, clang first (all that the escc build supports)
#   PROGRAMS_WORK      work dir (mktemp)           PROGRAMS_KEEP=1   keep the work dir
#   (a kept work dir given again as PROGRAMS_WORK: its source and finished builds are reused)
# Needs root for apt-get (packages.sh installs the packages' build and test dependencies). The
# machine is shared: the load average (uptime) is printed before and after; CPU time is the
# figure to read, wall time also counts what the neighbours took. Results and logs go to
# BUILD_DIR/bench-programs/ (summary.txt is what was printed). Exit 1 when a build fails or a
# variant's test results differ from clang's.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/scripts/torture/lib.sh"
. "$root/scripts/torture/packages.sh"
build=$(cd "${1:-$root/build}" && pwd)
packages=${PROGRAMS_PACKAGES:-gawk jq}
rounds=${PROGRAMS_ROUNDS:-5}
out=$build/bench-programs
rm -rf "$out"
mkdir -p "$out"
say() { echo "programs: $*" | tee -a "$out/summary.txt"; }
die() {
  echo "programs: error: $*" | tee -a "$out/summary.txt" >&2
  exit 1
}
torture_need "$build/bin/escc" "$build/lib/libescrt.a" /usr/bin/time

# A private copy of escc and escrt: build/ is shared and may be rebuilt while this runs.
work=${PROGRAMS_WORK:-$(mktemp -d /tmp/escc-programs.XXXXXX)}
package_copy_escc "$build" "$work/escc-tool" || die "cannot copy escc from $build"
[ "${PROGRAMS_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
escc=$work/escc-tool/bin/escc
BENCH_CLANG=$(sed -n 's/^ESCC_CLANG:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)
[ -x "$BENCH_CLANG" ] || BENCH_CLANG=/usr/lib/llvm-19/bin/clang
BENCH_ESCRT=$work/escc-tool/lib/libescrt.a
export BENCH_CLANG BENCH_ESCRT
per_file= # the escc cc option that keeps the analysis per file, when there is another mode
supported="clang escrt escc"
if grep -aq -- '--escc-whole-program' "$escc"; then
  per_file=--escc-whole-program=off
  supported="$supported whole"
fi
variants=${PROGRAMS_VARIANTS:-$supported}
compiler() { # compiler VARIANT — the CC of a variant
  case $1 in
  clang) echo "$BENCH_CLANG" ;;
  escrt) echo "$root/bench/programs/escrt-cc" ;;
  escc) echo "$escc cc $per_file" ;;
  whole) echo "$escc cc --escc-whole-program=on" ;;
  *) die "unknown variant $1 (this escc build supports: $supported)" ;;
  esac
}

source=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
if commit=$(git -C "$source" rev-parse --short HEAD 2>/dev/null); then
  git -C "$source" diff --quiet HEAD || commit="$commit with uncommitted changes"
else
  commit="not a git tree"
fi
# expect_same VARIANT WHEN — the variant's results ($log/VARIANT-results.txt) must be the clang
# build's first ones. A test that fails once and passes when the suite runs again (gawk's `time`
# compares gettimeofday() with time(), two clocks that can disagree by a second) is said and let
# pass; results that differ twice stop the run.
expect_same() {
  local variant=$1 when=$2
  diff "$log/expected.txt" "$log/$variant-results.txt" >"$log/$variant.diff" && return
  cp "$log/$variant-check.log" "$log/$variant-check-differed.log"
  package_results "$package" "$work/$package-$variant" "$log/$variant-check.log" \
    >"$log/$variant-results.txt"
  diff "$log/expected.txt" "$log/$variant-results.txt" >/dev/null ||
    die "$package: $when, the $variant build's test results differ from clang's twice" \
      "(see $log/$variant.diff, $log/$variant-check-differed.log)"
  say "$package: $when, the $variant build's results differed once, not when run again:" \
    "$(grep '^[<>]' "$log/$variant.diff" | paste -sd ';')"
}

say "$(date -u '+%Y-%m-%d %H:%M UTC'), escc of $build ($source: $commit), $rounds rounds," \
  "variants: $variants (this escc build supports: $supported)"
say "load before: $(uptime)"
: >"$out/timings.txt"
for package in $packages; do
  log=$out/$package
  mkdir -p "$log"
  # A kept work dir (PROGRAMS_KEEP=1, the same PROGRAMS_WORK) keeps its source and finished
  # builds: a second run measures them again without building.
  source_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$package-[0-9]*" | head -1)
  [ -n "$source_dir" ] || source_dir=$(package_fetch "$package" "$work" "$log/apt-get-source.log") ||
    die "apt-get source $package failed (see $log/apt-get-source.log)"
  say "$package: $(basename "$source_dir") from Debian bookworm (apt-get source)"
  for variant in $variants; do
    start=$(date +%s)
    if [ -e "$work/$package-$variant.built" ]; then
      say "$package: $variant build: kept from an earlier run in $work"
    else
      ESCC_CC_REPORT=json package_build "$package" "$source_dir" "$work/$package-$variant" \
        "$log/$variant" "$(compiler "$variant")" ||
        die "the $variant build of $package failed (see $log/$variant-*.log)"
      touch "$work/$package-$variant.built"
      say "$package: $variant build: $(($(date +%s) - start)) s"
    fi
    case $variant in
    escc | whole)
      say "$package: $variant, the objects' reports:" \
        "$(python3 "$root/scripts/torture/escape_summary.py" "$work/$package-$variant")"
      # The whole-program link writes its own report beside the executable.
      [ ! -e "$work/$package-$variant/$package.escape.json" ] ||
        say "$package: $variant, the link's report ($package):" \
          "$(python3 "$root/scripts/torture/escape_summary.py" \
            "$work/$package-$variant/$package.escape.json")"
      package_program "$package" "$work/$package-$variant"
      ESC_GC_STATS=1 "${program[@]}" 2>"$log/$variant-gc-stats.txt" >/dev/null
      say "$package: $variant, ESC_GC_STATS=1 after the program:" \
        "$(grep '^escrt:' "$log/$variant-gc-stats.txt" | sed 's/^escrt: //' | paste -sd ';')"
      ;;
    esac
  done

  # The test suite once per variant: the results every timed round must reproduce.
  package_results "$package" "$work/$package-clang" "$log/clang-check.log" >"$log/expected.txt"
  say "$package: test suite, clang build: $(grep -v '^PASS: ' "$log/expected.txt" | paste -sd ';')"
  for variant in $variants; do
    [ "$variant" != clang ] || continue
    package_results "$package" "$work/$package-$variant" "$log/$variant-check.log" \
      >"$log/$variant-results.txt"
    expect_same "$variant" "the first run"
  done
  say "$package: test suite results identical in every variant"

  for round in $(seq "$rounds"); do
    for variant in $variants; do
      PACKAGE_CHECK_TIME=$log/time package_results "$package" "$work/$package-$variant" \
        "$log/$variant-check.log" >"$log/$variant-results.txt"
      expect_same "$variant" "round $round"
      # tail -1: when make check fails (jq's mantest does), /usr/bin/time says so first
      echo "$package suite $variant $round $(tail -1 "$log/time")" >>"$out/timings.txt"
    done
    for variant in $variants; do
      package_program "$package" "$work/$package-$variant"
      /usr/bin/time -f '%e %U %S %M' -o "$log/time" "${program[@]}" >/dev/null ||
        die "$package: the $variant build's program failed"
      echo "$package program $variant $round $(tail -1 "$log/time")" >>"$out/timings.txt"
    done
  done
  rm -f "$log/time"
done
say "load after: $(uptime)"
python3 "$root/bench/programs/summary.py" "$out/timings.txt" | tee -a "$out/summary.txt"
