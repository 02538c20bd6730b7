#!/bin/bash
# package.sh — a real program's own test suite built with escc (issue 5, item 5).
#
# Fetches Debian bookworm's source of PACKAGE (gawk; `apt-get source`, adding a deb-src entry
# when apt has none), builds it twice from the same tree with the same flags — once with plain
# clang, once with `escc cc` (every escaping alloca promoted, escrt linked) — and runs the
# package's own `make check` on both: the escc build with ESC_GC_STRESS=$PACKAGE_GC_STRESS
# (a collection every N allocations). The escc build must fail exactly the tests the clang build
# fails (none, with locales-all installed). Then it times both test suites, alternated, for
# PACKAGE_ROUNDS rounds (escc with default collection settings and with the stress interval),
# and adds up the per-translation-unit JSON reports (ESCC_CC_REPORT=json).
#
#   PACKAGE            gawk (the build and benchmark steps are gawk's)   PACKAGE_GC_STRESS (100)
#   PACKAGE_ROUNDS     timing rounds (3)               PACKAGE_WORK        work dir (mktemp)
#   PACKAGE_KEEP=1     keep the work dir               ESCC_BUILD          escc build (build/)
# Needs root for apt-get (the package's build-dependencies are not needed: gawk ships its
# generated parser; locales-all is installed because gawk's locale tests need it).
# Output: "package: ..." lines, results in $TORTURE_OUT/package/; the last line is the verdict.
# Exit 0 when the test results are identical, 1 when they differ or a build failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
package=${PACKAGE:-gawk}
stress=${PACKAGE_GC_STRESS:-100}
rounds=${PACKAGE_ROUNDS:-3}
jobs=$(torture_jobs)
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
mkdir -p "$work/escc-tool/bin" "$work/escc-tool/lib"
cp "$escc_build/bin/escc" "$work/escc-tool/bin/" &&
  cp "$escc_build"/lib/libescrt*.a "$work/escc-tool/lib/" || die "cannot copy escc from $escc_build"
escc=$work/escc-tool/bin/escc
clang=$(sed -n 's/^ESCC_CLANG:[A-Z]*=//p' "$escc_build/CMakeCache.txt" 2>/dev/null)
[ -x "$clang" ] || clang=/usr/lib/llvm-19/bin/clang
[ "${PACKAGE_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

# --- the source: apt-get source, with a deb-src entry for bookworm main if apt has none ---
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if ! apt-cache showsrc "$package" 2>/dev/null | grep -q '^Package:'; then
  say "adding a deb-src entry for bookworm main (/etc/apt/sources.list.d/escc-deb-src.sources)"
  printf '%s\n' 'Types: deb-src' 'URIs: http://deb.debian.org/debian' 'Suites: bookworm' \
    'Components: main' 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
    as_root tee /etc/apt/sources.list.d/escc-deb-src.sources >/dev/null
  as_root apt-get update -qq >/dev/null || die "apt-get update failed"
fi
for needed in locales-all dpkg-dev; do # gawk's locale tests; dpkg-source for apt-get source
  if ! dpkg-query -W -f='${Status}' "$needed" 2>/dev/null | grep -q 'ok installed'; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "$needed" >/dev/null || die "cannot install $needed"
  fi
done
(cd "$work" && apt-get source -qq "$package" >"$out/apt-get-source.log" 2>&1) ||
  die "apt-get source $package failed (see $out/apt-get-source.log)"
source_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$package-*" | head -1)
[ -n "$source_dir" ] || die "no source tree after apt-get source"
version=$(basename "$source_dir" | sed "s/^$package-//")
say "$package $version from Debian bookworm (apt-get source), work dir $work"

# --- configure + make, the same way for both compilers ---
# build NAME CC [configure/make variables...]
build() {
  local name=$1 cc=$2 tree=$work/$1
  shift 2
  cp -a "$source_dir" "$tree"
  (
    cd "$tree" || exit 1
    ./configure CC="$cc" CFLAGS="-O2 -g" "$@" >"$out/$name-configure.log" 2>&1 || exit 1
    # As debian/rules does: Debian strips the GFDL manual sources, make must not rebuild them.
    touch --date="Jan 01 2000" doc/gawktexi.in doc/sidebar.awk doc/gawk.texi doc/gawk.info \
      doc/gawkinet.texi doc/gawkinet.info doc/gawkworkflow.texi doc/gawkworkflow.info \
      doc/pm-gawk.texi doc/pm-gawk.info 2>/dev/null
    make -j"$jobs" >"$out/$name-make.log" 2>&1
  )
}
start=$(date +%s)
build clang "$clang" || die "the clang build failed (see $out/clang-*.log)"
say "clang build: $(($(date +%s) - start)) s"
start=$(date +%s)
ESCC_CC_REPORT=json build escc "$escc cc" ||
  die "the escc cc build failed (see $out/escc-*.log)"
say "escc cc build: $(($(date +%s) - start)) s"
# No conftest reports from configure; libtool compiles extensions twice (PIC in .libs/ and
# non-PIC): count the PIC object, which is the one the shared extension is made of.
find "$work/escc" -name 'conftest*.escape.json' -delete
python3 - "$work/escc" >"$out/analysis.txt" <<'EOF'
import json, os, sys
totals, units = {}, 0
for directory, _, files in sorted(os.walk(sys.argv[1])):
    for name in sorted(files):
        path = os.path.join(directory, name)
        if not name.endswith(".o.escape.json") or (
                os.path.basename(directory) != ".libs" and
                os.path.exists(os.path.join(directory, ".libs", name))):
            continue
        units += 1
        for field, value in json.load(open(path))["summary"].items():
            totals[field] = totals.get(field, 0) + value
print("translation units %d, functions %d, allocas %d, address-taken %d, promoted %d" % (
    units, totals.get("functions", 0), totals.get("allocas", 0),
    totals.get("address_taken", 0), totals.get("promoted", 0)))
EOF
say "escc analysis: $(cat "$out/analysis.txt")"
ESC_GC_STATS=1 ESC_GC_STRESS=$stress "$work/escc/gawk" \
  'BEGIN { for (i = 0; i < 20000; i++) a[i] = sprintf("%d", i); n = split("a b c", p); print n }' \
  2>"$out/gc-stats.txt" >/dev/null
say "escc gawk under ESC_GC_STRESS=$stress, a small script: $(tr '\n' ' ' <"$out/gc-stats.txt")"

# --- the package's own tests ---
# check NAME LOG [env...] — make check; the failed tests are the _NAME files it leaves
check() {
  local name=$1 log=$2
  shift 2
  (cd "$work/$name" && rm -f test/_* && env "$@" make check >"$log" 2>&1)
  (cd "$work/$name/test" && ls _* 2>/dev/null | sed 's/^_//' | sort)
}
count_tests() { grep -cE '^[A-Za-z0-9_.+-]+$' "$1"; }
clang_failed=$(check clang "$out/clang-check.log")
escc_failed=$(check escc "$out/escc-check.log" ESC_GC_STRESS="$stress")
tests=$(count_tests "$out/clang-check.log")
escc_tests=$(count_tests "$out/escc-check.log")
say "make check, clang build: $tests tests, failed:" ${clang_failed:-none}
say "make check, escc build (ESC_GC_STRESS=$stress): $escc_tests tests, failed:" ${escc_failed:-none}
same=yes
if [ "$clang_failed" != "$escc_failed" ] || [ "$tests" != "$escc_tests" ]; then
  same=no
  diff <(echo "$clang_failed") <(echo "$escc_failed") >"$out/failed.diff"
  for failed in $escc_failed; do
    cp "$work/escc/test/_$failed" "$out/" 2>/dev/null
  done
fi

# --- run time of the test suite, alternated: clang, escc (default GC), escc (stress) ---
# CPU time (user + system of make check and everything it runs) is the figure: the machine is
# shared, so wall time says more about the neighbours than about escc; both are recorded.
measure() { # measure NAME [env...] — "wall cpu" seconds of one make check
  local name=$1
  shift
  (cd "$work/$name" && env "$@" /usr/bin/time -f '%e %U %S' -o "$out/time.$$" \
    make check >/dev/null 2>&1)
  awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$out/time.$$"
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
# One CPU-bound gawk program alone (sprintf, arrays, regex), same rounds: the test suite's time
# is mostly the shell, diff and make around ~600 short gawk runs.
program='BEGIN { for (i = 0; i < 300000; i++) { a[i % 1000] = sprintf("%d-%s", i, "x")
  if (a[i % 1000] ~ /9-x$/) n++ }; print n }'
: >"$out/program-timings.txt"
for round in $(seq "$rounds"); do
  for name in clang escc; do
    /usr/bin/time -f '%U %S %M' -o "$out/time.$$" "$work/$name/gawk" "$program" >/dev/null
    echo "$round $name $(cat "$out/time.$$")" >>"$out/program-timings.txt"
  done
done
rm -f "$out/time.$$"
say "one gawk program (300,000 sprintf + regex), CPU s and max RSS:" $(awk '
  { cpu[$2] += $3 + $4; if ($5 > rss[$2]) rss[$2] = $5 }
  END { printf "clang %.2f s %d KB, escc %.2f s %d KB, ratio %.2f", cpu["clang"], rss["clang"],
        cpu["escc"], rss["escc"], cpu["escc"] / cpu["clang"] }' "$out/program-timings.txt")
if [ $same = yes ]; then
  say "$package $version: same results: $tests tests; $(cat "$out/analysis.txt"); $ratios"
  exit 0
fi
say "$package $version: DIFFERENT results (see $out/failed.diff); $(cat "$out/analysis.txt")"
exit 1
