"""summary.py TIMINGS — the table of bench/programs/run.sh: per package, workload (the test suite,
the single program) and variant, the medians over the rounds of CPU time (user + system), wall
time and peak RSS (of the largest process: make check's is its biggest test), and each
variant's ratios to the clang build's medians of the same run.

TIMINGS has one line per run: PACKAGE WORKLOAD VARIANT ROUND WALL USER SYSTEM MAXRSS_KB."""
import statistics
import sys

runs = {}
order = []
for line in open(sys.argv[1]):
    package, workload, variant, _, wall, user, system, rss = line.split()
    key = (package, workload)
    if key not in runs:
        runs[key] = {}
        order.append(key)
    runs[key].setdefault(variant, []).append(
        (float(user) + float(system), float(wall), int(rss) / 1024.0))

print(f"{'package':8} {'workload':9} {'variant':8} {'rounds':>6} {'CPU s':>8} {'wall s':>8}"
      f" {'RSS MiB':>8}   {'CPU':>6} {'wall':>6} {'RSS':>6}  (ratios to clang, medians)")
for key in order:
    medians = {}
    for variant, samples in runs[key].items():
        medians[variant] = [statistics.median(column) for column in zip(*samples)]
    base = medians["clang"]
    for variant, (cpu, wall, rss) in medians.items():
        print(f"{key[0]:8} {key[1]:9} {variant:8} {len(runs[key][variant]):6d} {cpu:8.2f}"
              f" {wall:8.2f} {rss:8.1f}   {cpu / base[0]:5.2f}x {wall / base[1]:5.2f}x"
              f" {rss / base[2]:5.2f}x")
