#!/bin/sh
# bench/analysis/run.sh — escape analysis time vs opt -passes='default<O2>' on synthesised C
# modules of about 1M, 2M and 4M LLVM instructions (issue 2, item 6; docs/performance.md).
#
#   bench/analysis/run.sh [--llvm 19|22] [--reps N] [--seed S] [--scales "1 2 4"]
#                         [--work DIR] [--json FILE]
#   bench/analysis/run.sh --smoke      ~10k instructions: checks the plugin runs, no timing
#
# Steps: generate.py writes UNITS_PER_SCALE*scale translation units (deterministic in the seed;
# the 2x module is the 1x module plus more units), clang compiles each with
# `-g -O2 -Xclang -disable-llvm-passes -emit-llvm` (what escc feeds the pass), llvm-link joins
# them into one .bc per scale, the instructions are counted (opt's -stats needs an assertions
# build, so: llvm-dis and count instruction lines in function bodies), then measure.py times
# O2, print<escape>, escape-promote<runtime=none> and a parse-only run, one job at a time.
# Compilation runs on all cores; timing never runs two jobs at once.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/analysis"
llvm=19
reps=3
seed=1
scales="1 2 4"
smoke=0
json=
work=
units_per_scale=12
functions=200
while [ $# -gt 0 ]; do
  case "$1" in
  --llvm) llvm=$2; shift 2 ;;
  --reps) reps=$2; shift 2 ;;
  --seed) seed=$2; shift 2 ;;
  --scales) scales=$2; shift 2 ;;
  --work) work=$2; shift 2 ;;
  --json) json=$2; shift 2 ;;
  --smoke) smoke=1; shift ;;
  -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
  *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
tools=/usr/lib/llvm-$llvm/bin
build=$("$root/scripts/build-dir" "$llvm")
plugin=$build/lib/libEscapePass.so
python=/usr/bin/python3
[ -x "$tools/opt" ] || { echo "run.sh: no LLVM $llvm tools in $tools" >&2; exit 2; }
[ -f "$plugin" ] || { echo "run.sh: no plugin $plugin (run scripts/build $llvm)" >&2; exit 2; }
work=${work:-${TMPDIR:-/tmp}/escc-bench-analysis-llvm$llvm}
mkdir -p "$work/src" "$work/bc"

count_instructions() { # FILE.bc -> number of IR instructions (debug records excluded)
  "$tools/llvm-dis" "$1" -o - |
    awk '/^define /{f=1; next} /^}/{f=0} f && /^  [^ #\]]/{n++} END{print n+0}'
}

compile_units() { # FIRST COUNT: compile tu_FIRST.. to bitcode, in parallel, unless up to date
  i=$1
  end=$(($1 + $2))
  while [ "$i" -lt "$end" ]; do
    name=$(printf 'tu_%03d' "$i")
    if [ ! -f "$work/bc/$name.bc" ] || [ "$work/src/$name.c" -nt "$work/bc/$name.bc" ]; then
      echo "$name"
    fi
    i=$((i + 1))
  done | xargs -r -P "$(nproc)" -I{} "$tools/clang" -g -O2 -Xclang -disable-llvm-passes \
    -emit-llvm -w -c "$work/src/{}.c" -o "$work/bc/{}.bc"
}

if [ "$smoke" = 1 ]; then
  "$python" "$here/generate.py" --seed "$seed" --tus 2 --functions 12 --out "$work/smoke"
  for c in "$work"/smoke/tu_*.c; do
    "$tools/clang" -g -O2 -Xclang -disable-llvm-passes -emit-llvm -w -c "$c" -o "${c%.c}.bc"
  done
  "$tools/llvm-link" "$work"/smoke/tu_*.bc -o "$work/smoke/smoke.bc"
  echo "smoke: $(count_instructions "$work/smoke/smoke.bc") instructions"
  "$tools/opt" -load-pass-plugin "$plugin" -passes='print<escape>' -disable-output \
    "$work/smoke/smoke.bc" 2>"$work/smoke/report.txt"
  echo "smoke: print<escape>: $(grep -c 'moved to heap' "$work/smoke/report.txt") moved to heap"
  "$tools/opt" -load-pass-plugin "$plugin" -passes='escape-promote<runtime=none>' \
    "$work/smoke/smoke.bc" -o "$work/smoke/promoted.bc"
  "$tools/opt" -passes=verify -disable-output "$work/smoke/promoted.bc"
  echo "smoke: escape-promote output verifies"
  exit 0
fi

max=0
for s in $scales; do [ "$s" -gt "$max" ] && max=$s; done
units=$((units_per_scale * max))
echo "generating $units units ($functions workers each, seed $seed) in $work/src" >&2
"$python" "$here/generate.py" --seed "$seed" --tus "$units" --functions "$functions" \
  --out "$work/src"
echo "compiling with $tools/clang -g -O2 -Xclang -disable-llvm-passes -emit-llvm" >&2
compile_units 0 "$units"
modules=
for s in $scales; do
  bc="$work/scale-${s}x.bc"
  n=$((units_per_scale * s))
  list=$(i=0; while [ "$i" -lt "$n" ]; do printf '%s/bc/tu_%03d.bc ' "$work" "$i"; i=$((i + 1)); done)
  # shellcheck disable=SC2086
  "$tools/llvm-link" $list -o "$bc"
  count=$(count_instructions "$bc")
  echo "scale ${s}x: $n units, $count instructions, $(du -m "$bc" | cut -f1) MB bitcode" >&2
  modules="$modules ${s}x=$bc:$count"
done

echo >&2
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores," \
  "$(free -g | awk '/^Mem:/{print $2}') GB; $("$tools/opt" --version | grep -m1 -o 'LLVM version [0-9.]*');" \
  "plugin $plugin ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "command: bench/analysis/run.sh --llvm $llvm --reps $reps --seed $seed --scales \"$scales\""
# shellcheck disable=SC2086
"$python" "$here/measure.py" --opt "$tools/opt" --plugin "$plugin" --reps "$reps" \
  ${json:+--json "$json"} $modules
