#!/bin/sh
# run.sh [BUILD_DIR] [ROUNDS] [CALLS] — the cost of escc's audit (escc run --audit,
# docs/runtime.md "Audit"): builds bench/audit/workload.c with BUILD_DIR's escc (default
# build/) once plainly and once with --audit, runs the variants alternated for ROUNDS rounds
# (default 5) with CALLS calls of each kind (default 100000), and reports median wall times and
# the ratios against the plain build: the audit's default (a collection at every frame exit
# after an ended object) and ESC_AUDIT_EVERY=64. Also prints the machine's load average, since
# the ratios are only comparable on a similar load.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-5}
calls=${3:-100000}
out="$build/bench-audit"
mkdir -p "$out"
"$build/bin/escc" build "$root/bench/audit/workload.c" -o "$out/plain"
"$build/bin/escc" build --audit "$root/bench/audit/workload.c" -o "$out/audit"
exec python3 - "$out" "$rounds" "$calls" <<'PY'
import os, statistics, subprocess, sys, time
out, rounds, calls = sys.argv[1], int(sys.argv[2]), sys.argv[3]
variants = [("plain", "plain", {}), ("audit", "audit", {}),
            ("audit, ESC_AUDIT_EVERY=64", "audit", {"ESC_AUDIT_EVERY": "64"})]
times = {name: [] for name, _, _ in variants}
outputs = {}
for _ in range(rounds):
    for name, program, extra in variants:  # alternated: every round runs every variant once
        env = dict(os.environ, **extra)
        start = time.perf_counter()
        done = subprocess.run([os.path.join(out, program), calls], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        times[name].append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"run.sh: {program} failed with status {done.returncode}")
        outputs[name] = (done.stdout, done.stderr)
if len({o[0] for o in outputs.values()}) != 1:
    sys.exit("run.sh: the variants printed different results")
print(f"load average before the runs' end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
print(f"{'variant':28} {'time s (median)':>16} {'min':>7} {'max':>7} {'ratio to plain':>15}")
plain = statistics.median(times["plain"])
for name, _, _ in variants:
    t = times[name]
    print(f"{name:28} {statistics.median(t):16.4f} {min(t):7.4f} {max(t):7.4f} "
          f"{statistics.median(t) / plain:14.1f}x")
print()
print("audit figures (default policy):")
print(outputs["audit"][1], end="")
PY
