#!/bin/sh
# gc-torture.sh [BUILD_DIR] — escrt's GC torture (issue 5, item 3): builds gc_torture.c against
# BUILD_DIR's runtime (default build/) and runs it in four modes, OPS/4 operations each:
#   percent   ESC_GC_PERCENT=10: frequent collections, lock-free thread caches on
#   stress    ESC_GC_STRESS=64: a collection every 64 allocations, caches off
#   overflow  ESC_GC_MARK_STACK=16: every collection recovers from mark-stack overflow
#   shared    libescrt.so instead of libescrt.a, default policy
# Environment: GC_TORTURE_OPS (default 10000000), GC_TORTURE_THREADS (default 8),
# GC_TORTURE_SEED (default 1), ESCC_RUNTIME (a libescrt.a to use instead of BUILD_DIR's; the
# shared mode takes the libescrt.so beside it, else BUILD_DIR's), TORTURE_OUT (default
# build/torture), CC.
# Last line: "gc-torture: OPS operations, N corruptions, T s"; exit 1 on a corruption or crash.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
ops=${GC_TORTURE_OPS:-10000000}
threads=${GC_TORTURE_THREADS:-8}
seed=${GC_TORTURE_SEED:-1}
static_lib=${ESCC_RUNTIME:-$build/lib/libescrt.a}
libdir=$(dirname "$static_lib")
[ -f "$libdir/libescrt.so" ] || libdir=$build/lib
out=${TORTURE_OUT:-$root/build/torture}/gc
cc=${CC:-cc}
for needed in "$static_lib" "$libdir/libescrt.so"; do
  if [ ! -f "$needed" ]; then
    echo "gc-torture: error: $needed: not found (run scripts/build)" >&2
    exit 2
  fi
done
mkdir -p "$out"
flags="-O2 -g -pthread -I$root/runtime"
$cc $flags "$root/scripts/torture/gc_torture.c" "$static_lib" -o "$out/gc_torture"
$cc $flags "$root/scripts/torture/gc_torture.c" -L"$libdir" -Wl,-rpath,"$libdir" -lescrt \
  -o "$out/gc_torture_shared"

total_ops=0
total_bad=0
status=0
start=$(date +%s.%N)
# run MODE PROGRAM SEED ENV... — one mode's share of the operations; a crash counts as a
# corruption (the collector freed something the program was still using).
run() {
  mode=$1 program=$2 mode_seed=$3
  shift 3
  log="$out/$mode.log"
  if env "$@" "$out/$program" $((ops / 4)) "$threads" 4 "$mode_seed" >"$log" 2>&1; then
    :
  else
    status=1
  fi
  line=$(grep '^gc_torture: [0-9]* operations' "$log" || true)
  if [ -z "$line" ]; then
    echo "gc-torture: $mode: crashed, see $log" >&2
    total_bad=$((total_bad + 1))
    return
  fi
  echo "gc-torture: $mode: ${line#gc_torture: }"
  set -- $line
  total_ops=$((total_ops + $2))
  total_bad=$((total_bad + $4))
}
run percent gc_torture "$seed" ESC_GC_PERCENT=10
run stress gc_torture $((seed + 1)) ESC_GC_STRESS=64
run overflow gc_torture $((seed + 2)) ESC_GC_PERCENT=10 ESC_GC_MARK_STACK=16
run shared gc_torture_shared $((seed + 3))
seconds=$(echo "$start $(date +%s.%N)" | awk '{printf "%.0f", $2 - $1}')
echo "gc-torture: $total_ops operations, $total_bad corruptions, $seconds s"
[ "$total_bad" -eq 0 ] && [ "$status" -eq 0 ]
