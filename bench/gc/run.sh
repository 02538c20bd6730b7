#!/bin/sh
# run.sh [BUILD_DIR] [ROUNDS] — builds the bench/gc programs against BUILD_DIR's libescrt.a
# (default build/) and runs them alternated for ROUNDS rounds (default 5), reporting the median
# wall time and peak RSS of each variant and the ratios the targets are stated in.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-5}
out="$build/bench-gc"
mkdir -p "$out"
cc=${CC:-clang-19}
flags="-O2 -g -pthread -I$root/runtime"
$cc $flags -DVARIANT_ESCRT "$root/bench/gc/gcbench.c" "$build/lib/libescrt.a" -o "$out/gcbench-escrt"
$cc $flags -DVARIANT_BOEHM "$root/bench/gc/gcbench.c" -lgc -o "$out/gcbench-boehm"
$cc $flags -DVARIANT_MALLOC "$root/bench/gc/gcbench.c" -o "$out/gcbench-malloc"
$cc $flags "$root/bench/gc/mallocbench.c" "$build/lib/libescrt.a" -o "$out/mallocbench-escrt"
$cc $flags "$root/bench/gc/mallocbench.c" -o "$out/mallocbench-glibc"
exec python3 - "$out" "$rounds" <<'PY'
import os, statistics, subprocess, sys, time
out, rounds = sys.argv[1], int(sys.argv[2])
programs = ["gcbench-escrt", "gcbench-boehm", "gcbench-malloc", "mallocbench-escrt", "mallocbench-glibc"]
results = {p: ([], []) for p in programs}
def run(path):
    start = time.perf_counter()
    proc = subprocess.Popen([path], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"run.sh: {path} failed with status {status}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024.0
for r in range(rounds):
    for p in programs:  # alternated: every round runs every variant once
        seconds, rss = run(os.path.join(out, p))
        results[p][0].append(seconds)
        results[p][1].append(rss)
median = {p: (statistics.median(t), statistics.median(m)) for p, (t, m) in results.items()}
print(f"{'program':20} {'time s (median)':>16} {'min':>7} {'max':>7} {'peak RSS MiB':>13}")
for p in programs:
    t, m = results[p]
    print(f"{p:20} {median[p][0]:16.3f} {min(t):7.3f} {max(t):7.3f} {median[p][1]:13.1f}")
def ratio(a, b, i): return median[a][i] / median[b][i]
print()
print(f"gcbench time  escrt/boehm   {ratio('gcbench-escrt', 'gcbench-boehm', 0):.2f}x  (target <= 1.0x)")
print(f"gcbench RSS   escrt/malloc  {ratio('gcbench-escrt', 'gcbench-malloc', 1):.2f}x  (target <= 1.3x)")
print(f"gcbench RSS   boehm/malloc  {ratio('gcbench-boehm', 'gcbench-malloc', 1):.2f}x")
print(f"gcbench time  escrt/malloc  {ratio('gcbench-escrt', 'gcbench-malloc', 0):.2f}x")
print(f"malloc time   escrt/glibc   {ratio('mallocbench-escrt', 'mallocbench-glibc', 0):.2f}x  (target <= 1.3x)")
print(f"malloc RSS    escrt/glibc   {ratio('mallocbench-escrt', 'mallocbench-glibc', 1):.2f}x")
PY
