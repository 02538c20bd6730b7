#!/bin/bash
# package.sh — a real program's own test suite built with escc (issue 5, item 5).
#
# Fetches Debian bookworm's source of PACKAGE (gawk or jq; `apt-get source`, adding a deb-src
# entry when apt has none; scripts/torture/packages.sh owns what is specific to each), builds it
# twice from the same tree with the same flags — once with plain clang, once with `escc cc`
# (every escaping alloca promoted, escrt linked) — and runs the package's own `make check` on
# both: the escc build with ESC_GC_STRESS=$PACKAGE_GC_STRESS
# (a collection every N allocations). The escc build must fail exactly the tests the clang build
# fails (none, with locales-all installed). Then it times both test suites, alternated, for
# PACKAGE_ROUNDS rounds (escc with default collection settings and with the stress interval),
# and one CPU-bound program of the package, and adds up the per-translation-unit JSON reports
# (ESCC_CC_REPORT=json). bench/programs/run.sh measures the same packages in more variants.
#
#   PACKAGE            gawk or jq (gawk)               PACKAGE_GC_STRESS (100)
#   PACKAGE_ROUNDS     timing rounds (3)               PACKAGE_WORK        work dir (mktemp)
#   PACKAGE_KEEP=1     keep the work dir               ESCC_BUILD          escc build (build/)
# Needs root for apt-get (packages.sh installs what each package's build and tests need).
# Output: "package: ..." lines, results in $TORTURE_OUT/package/; the last line is the verdict.
# Exit 0 when the test results are identical, 1 when they differ or a build failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/packages.sh"
package=${PACKAGE:-gawk}
stress=${PACKAGE_GC_STRESS:-100}
rounds=${PACKAGE_ROUNDS:-3}
out=$TORTURE_OUT/package
mkdir -p "$out"
say() { echo "package: $*"; }
die() {
  echo "package: error: $*" >&2
  echo "package: $package: FAILED ($*)"
  exit 1
}

# --- escc: a private copy, so a rebuild of build/ by someone else cannot change it midway ---
escc_build=${ESCC_BUILD:-$(cd "$here/../.." && pwd)/build}
torture_need "$escc_build/bin/escc" "$escc_build/lib/libescrt.a" /usr/bin/time
work=${PACKAGE_WORK:-$(mktemp -d /tmp/escc-package.XXXXXX)}
package_copy_escc "$escc_build" "$work/escc-tool" || die "cannot copy escc from $escc_build"
escc=$work/escc-tool/bin/escc
clang=$(sed -n 's/^ESCC_CLANG:[A-Z]*=//p' "$escc_build/CMakeCache.txt" 2>/dev/null)
[ -x "$clang" ] || clang=/usr/lib/llvm-19/bin/clang
[ "${PACKAGE_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

# --- the source: apt-get source (scripts/torture/packages.sh) ---
source_dir=$(package_fetch "$package" "$work" "$out/apt-get-source.log") ||
  die "apt-get source $package failed (see $out/apt-get-source.log)"
version=$(basename "$source_dir" | sed "s/^$package-//")
say "$package $version from Debian bookworm (apt-get source), work dir $work"

# --- configure + make, the same way for both compilers ---
start=$(date +%s)
package_build "$package" "$source_dir" "$work/clang" "$out/clang" "$clang" ||
  die "the clang build failed (see $out/clang-*.log)"
say "clang build: $(($(date +%s) - start)) s"
start=$(date +%s)
ESCC_CC_REPORT=json package_build "$package" "$source_dir" "$work/escc" "$out/escc" "$escc cc" ||
  die "the escc cc build failed (see $out/escc-*.log)"
say "escc cc build: $(($(date +%s) - start)) s"
python3 "$here/escape_summary.py" "$work/escc" >"$out/analysis.txt"
say "escc analysis: $(cat "$out/analysis.txt")"
if [ "$package" = gawk ]; then
  ESC_GC_STATS=1 ESC_GC_STRESS=$stress "$work/escc/gawk" \
    'BEGIN { for (i = 0; i < 20000; i++) a[i] = sprintf("%d", i); n = split("a b c", p); print n }' \
    2>"$out/gc-stats.txt" >/dev/null
  say "escc gawk under ESC_GC_STRESS=$stress, a small script: $(tr '\n' ' ' <"$out/gc-stats.txt")"
fi

# --- the package's own tests: the same results for both builds ---
package_results "$package" "$work/clang" "$out/clang-check.log" >"$out/clang-results.txt"
package_results "$package" "$work/escc" "$out/escc-check.log" ESC_GC_STRESS="$stress" \
  >"$out/escc-results.txt"
say "make check, clang build: $(paste -sd ';' "$out/clang-results.txt")"
say "make check, escc build (ESC_GC_STRESS=$stress): $(paste -sd ';' "$out/escc-results.txt")"
same=yes
if ! diff "$out/clang-results.txt" "$out/escc-results.txt" >"$out/failed.diff"; then
  same=no
  if [ "$package" = gawk ]; then
    for failed in $(sed -n 's/^failed: //p' "$out/escc-results.txt"); do
      cp "$work/escc/test/_$failed" "$out/" 2>/dev/null
    done
  fi
fi
tests=$(head -1 "$out/clang-results.txt")

# --- run time of the test suite, alternated: clang, escc (default GC), escc (stress) ---
# CPU time (user + system of make check and everything it runs) is the figure: the machine is
# shared, so wall time says more about the neighbours than about escc; both are recorded.
measure() { # measure NAME [env...] — "wall cpu" seconds of one make check
  local name=$1
  shift
  (cd "$work/$name" && env "$@" /usr/bin/time -f '%e %U %S' -o "$out/time.$$" \
    make check >/dev/null 2>&1)
  # tail -1: when make check fails, /usr/bin/time first writes a line saying so
  tail -1 "$out/time.$$" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}
: >"$out/timings.txt"
for round in $(seq "$rounds"); do
  c=$(measure clang)
  e=$(measure escc)
  s=$(measure escc ESC_GC_STRESS="$stress")
  echo "$round $c $e $s" >>"$out/timings.txt"
  say "round $round (wall/CPU s): clang ${c/ //}, escc ${e/ //}," \
    "escc ESC_GC_STRESS=$stress ${s/ //}"
done
rm -f "$out/time.$$"
ratios=$(awk '{ cw += $2; cc += $3; ew += $4; ec += $5; sw += $6; sc += $7 }
  END { printf "CPU escc/clang %.2f, escc+stress/clang %.2f; wall %.2f, %.2f (sums over %d rounds)",
        ec / cc, sc / cc, ew / cw, sw / cw, NR }' "$out/timings.txt")
say "test-suite run time: $ratios"
# One CPU-bound program alone (scripts/torture/packages.sh: for gawk, sprintf, arrays, regex),
# same rounds: gawk's test suite's time is mostly the shell, diff and make around ~600 short
# gawk runs.
: >"$out/program-timings.txt"
for round in $(seq "$rounds"); do
  for name in clang escc; do
    package_program "$package" "$work/$name"
    /usr/bin/time -f '%U %S %M' -o "$out/time.$$" "${program[@]}" >/dev/null
    echo "$round $name $(cat "$out/time.$$")" >>"$out/program-timings.txt"
  done
done
rm -f "$out/time.$$"
say "one $package program, CPU s and max RSS:" $(awk '
  { cpu[$2] += $3 + $4; if ($5 > rss[$2]) rss[$2] = $5 }
  END { printf "clang %.2f s %d KB, escc %.2f s %d KB, ratio %.2f", cpu["clang"], rss["clang"],
        cpu["escc"], rss["escc"], cpu["escc"] / cpu["clang"] }' "$out/program-timings.txt")
if [ $same = yes ]; then
  say "$package $version: same results ($tests); $(cat "$out/analysis.txt"); $ratios"
  exit 0
fi
say "$package $version: DIFFERENT results (see $out/failed.diff); $(cat "$out/analysis.txt")"
exit 1
