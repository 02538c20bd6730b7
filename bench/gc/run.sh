#!/bin/sh
# run.sh [BUILD_DIR] [ROUNDS] [MODES] — builds the bench/gc programs against BUILD_DIR's
# libescrt.a (default build/) with gcc -O2 and clang-19 -O2 and runs them alternated for ROUNDS
# rounds (default 5) in each of MODES (default "quiet loaded"): "quiet" runs them as the machine
# is, "loaded" first starts cache_thrash (one core writing a 64 MiB buffer round and round) in
# the background and stops it at the end. Reports the median wall time and peak RSS of each
# program, the ratios the targets are stated in, and the load average (uptime) before and after
# each mode, since the machine is shared.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-5}
modes=${3:-quiet loaded}
out="$build/bench-gc"
mkdir -p "$out"
src="$root/bench/gc"
for cc in gcc clang-19; do
  tag=${cc%%-*}
  flags="-O2 -g -pthread -I$root/runtime"
  $cc $flags -DVARIANT_ESCRT "$src/gcbench.c" "$build/lib/libescrt.a" -o "$out/gcbench-escrt-$tag"
  $cc $flags -DVARIANT_BOEHM "$src/gcbench.c" -lgc -o "$out/gcbench-boehm-$tag"
  $cc $flags -DVARIANT_MALLOC "$src/gcbench.c" -o "$out/gcbench-malloc-$tag"
done
clang-19 -O2 -g -pthread "$src/mallocbench.c" "$build/lib/libescrt.a" -o "$out/mallocbench-escrt"
clang-19 -O2 -g -pthread "$src/mallocbench.c" -o "$out/mallocbench-glibc"
clang-19 -O2 "$src/cache_thrash.c" -o "$out/cache_thrash"
for mode in $modes; do
  echo "== $mode: $(uptime)"
  thrash=
  if [ "$mode" = loaded ]; then
    "$out/cache_thrash" &
    thrash=$!
    sleep 1
  fi
  python3 "$src/measure.py" "$out" "$rounds" || { [ -z "$thrash" ] || kill "$thrash"; exit 1; }
  [ -z "$thrash" ] || kill "$thrash"
  echo "== $mode done: $(uptime)"
  echo
done
