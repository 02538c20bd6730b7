"""measure.py OUT ROUNDS — runs the bench/gc programs in OUT alternated (every round runs every
program once, in the same order) and prints, per program, the median wall time
(time.perf_counter), CPU time (user + system, from wait4) and peak RSS (wait4's ru_maxrss), then
the ratios of the targets in docs/performance.md, each from medians of the same run. On a shared
machine the wall time also counts the time other processes held the core; the CPU time does not
(cache misses they cause still count in both)."""
import os
import statistics
import subprocess
import sys
import time

out, rounds = sys.argv[1], int(sys.argv[2])
compilers = ["gcc", "clang"]
programs = [f"gcbench-{v}-{c}" for c in compilers for v in ("escrt", "boehm", "malloc")]
programs += ["mallocbench-escrt", "mallocbench-glibc"]
times = {p: [] for p in programs}
cpu = {p: [] for p in programs}
rss = {p: [] for p in programs}


def run(path):
    start = time.perf_counter()
    proc = subprocess.Popen([path], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        sys.exit(f"measure.py: {path} failed with status {status}")
    seconds = time.perf_counter() - start
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


for _ in range(rounds):
    for p in programs:
        seconds, cpu_seconds, peak = run(os.path.join(out, p))
        times[p].append(seconds)
        cpu[p].append(cpu_seconds)
        rss[p].append(peak)

median_time = {p: statistics.median(times[p]) for p in programs}
median_cpu = {p: statistics.median(cpu[p]) for p in programs}
median_rss = {p: statistics.median(rss[p]) for p in programs}
print(f"{'program':22} {'wall s (median)':>16} {'min':>7} {'max':>7} {'CPU s':>7}"
      f" {'peak RSS MiB':>13}")
for p in programs:
    print(f"{p:22} {median_time[p]:16.3f} {min(times[p]):7.3f} {max(times[p]):7.3f}"
          f" {median_cpu[p]:7.3f} {median_rss[p]:13.1f}")
print()
for c in compilers:
    def ratio(table, a, b):
        return table[f"gcbench-{a}-{c}"] / table[f"gcbench-{b}-{c}"]
    print(f"gcbench {c:5} time escrt/boehm  {ratio(median_time, 'escrt', 'boehm'):.2f}x"
          f"  (target <= 0.9x; CPU {ratio(median_cpu, 'escrt', 'boehm'):.2f}x)")
    print(f"gcbench {c:5} RSS  escrt/malloc {ratio(median_rss, 'escrt', 'malloc'):.2f}x"
          f"  (target <= 1.3x; boehm/malloc {ratio(median_rss, 'boehm', 'malloc'):.2f}x)")
    print(f"gcbench {c:5} time escrt/malloc {ratio(median_time, 'escrt', 'malloc'):.2f}x")
malloc_time = median_time["mallocbench-escrt"] / median_time["mallocbench-glibc"]
malloc_rss = median_rss["mallocbench-escrt"] / median_rss["mallocbench-glibc"]
print(f"malloc        time escrt/glibc  {malloc_time:.2f}x  (target <= 1.3x)")
print(f"malloc        RSS  escrt/glibc  {malloc_rss:.2f}x")
