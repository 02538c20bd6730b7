#!/bin/sh
# run.sh [BUILD_DIR] [ROUNDS] [BASE_LIB] — the cost of one ESC_GC_STRESS=1 collection next to
# 1, 4, 16 and 64 MiB of malloc'ed data (malloc_heavy.c), built against BUILD_DIR's libescrt.a
# (default build/): with written-page tracking (the default under ESC_GC_STRESS) and without
# (ESC_GC_DIRTY_PAGES=0: every malloc'ed page read, through the cheap filter), and, when BASE_LIB
# names another libescrt.a (e.g. one built from an older commit), with that runtime too. The
# variants run alternated for ROUNDS rounds (default 3); the median of each is reported, with the
# load average before and after, since the machine is shared.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-3}
base=${3:-}
out="$build/bench-stress"
mkdir -p "$out"
flags="-O2 -g -pthread -I$root/runtime"
clang-19 $flags "$root/bench/stress/malloc_heavy.c" "$build/lib/libescrt.a" -o "$out/malloc_heavy"
[ -z "$base" ] || clang-19 $flags "$root/bench/stress/malloc_heavy.c" "$base" -o "$out/malloc_heavy-base"
echo "== $(uptime)"
for mib in 1 4 16 64; do
  for round in $(seq "$rounds"); do
    echo "tracked $(ESC_GC_STRESS=1 "$out/malloc_heavy" "$mib")"
    echo "full $(ESC_GC_STRESS=1 ESC_GC_DIRTY_PAGES=0 "$out/malloc_heavy" "$mib")"
    [ -z "$base" ] || echo "base $(ESC_GC_STRESS=1 "$out/malloc_heavy-base" "$mib")"
  done
done | python3 -c '
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in sys.stdin:  # "tracked 16 MiB: 2000 collections, 123.4 us per collection"
    words = line.split()
    runs[(int(words[1]), words[0])].append(float(words[5]))
for (mib, variant), values in sorted(runs.items()):
    print("%4d MiB %-8s %9.1f us per collection (median of %d)" % (mib, variant, statistics.median(values), len(values)))
'
echo "== $(uptime)"
