#!/usr/bin/python3
"""measure.py — time escape analysis against opt's default<O2> on the same bitcode files and
print a table of ratios (called by bench/analysis/run.sh; see docs/performance.md).

    measure.py --opt OPT --plugin SO --reps 3 1x=a.bc:1000000 2x=b.bc:2000000 ...

For each module and repetition it runs, one at a time (never two timing jobs at once), with
-disable-output -disable-verify (no verifier pass in any pipeline, so nothing but the pass under
test is timed):
  o2       opt -passes='default<O2>'                      -time-passes
  print    opt -passes='print<escape>'  (report to /dev/null) -time-passes
  promote  opt -passes='escape-promote<runtime=none>'      -time-passes
  parse    opt -passes=no-op-module                         (parse-only baseline)
Two figures per run:
  pass  the pass's own User+System seconds from -time-passes: the EscapePrinterPass /
        EscapePromotePass line, or the pass report's Total for O2 (every pass, analyses
        included, each timed exclusively so nothing is counted twice). Parsing is not in it.
  proc  the process's user+sys CPU seconds (os.wait4) minus the median parse-only run: a
        cross-check that needs no trust in -time-passes (includes its small overhead and
        module teardown).
CPU time, not wall time, because the machine is shared (2 cores, other jobs): wall time is
recorded too. The order alternates: odd repetitions go through the modules largest first and
run the escape passes before O2. The median of the repetitions is reported.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

RUNS = {
    "o2": ("default<O2>", None),
    "print": ("print<escape>", "EscapePrinterPass"),
    "promote": ("escape-promote<runtime=none>", "EscapePromotePass"),
    "parse": ("no-op-module", None),
}


def run_once(opt, plugin, kind, bitcode):
    pipeline, pass_name = RUNS[kind]
    command = [opt, "-disable-output", "-disable-verify", "-passes=" + pipeline, bitcode]
    if kind != "parse":
        command[1:1] = ["-load-pass-plugin", plugin, "-time-passes"]
    # print<escape> writes its report to stderr, as does -time-passes (-info-output-file moves
    # the timing report to a file so the report itself can go to /dev/null).
    timing_file = bitcode + ".%s.timing" % kind
    if kind != "parse":
        command[1:1] = ["-info-output-file=" + timing_file]
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        sys.exit("measure.py: failed (status %d): %s" % (status, " ".join(command)))
    result = {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall,
              "maxrss_mb": usage.ru_maxrss / 1024.0, "pass": None}
    if kind != "parse":
        with open(timing_file) as f:
            report = f.read()
        os.unlink(timing_file)
        result["pass"] = pass_seconds(report, pass_name)
    return result


def pass_seconds(report, pass_name):
    """User+System seconds of one pass (or the Total) in the pass execution timing report."""
    section = report.split("Pass execution timing report", 1)[1]
    section = section.split("===---", 2)[1] if "===---" in section else section
    for line in section.splitlines():
        numbers = re.findall(r"(\d+\.\d+) \(\s*[\d.]+%\)", line)
        if len(numbers) < 3:
            continue
        name = line.strip().split(")")[-1].strip()
        # Columns: User, [System], User+System, Wall; User+System is the second to last.
        if (pass_name is None and name == "Total") or (pass_name and name.endswith(pass_name)):
            return float(numbers[-2])
    sys.exit("measure.py: no timing line for %s" % (pass_name or "Total"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opt", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", help="write every run here")
    parser.add_argument("modules", nargs="+", help="LABEL=FILE.bc:INSTRUCTIONS")
    args = parser.parse_args()
    modules = []
    for spec in args.modules:
        label, rest = spec.split("=", 1)
        path, count = rest.rsplit(":", 1)
        modules.append((label, path, int(count)))

    runs = {(label, kind): [] for label, _, _ in modules for kind in RUNS}
    for rep in range(args.reps):
        order = modules if rep % 2 == 0 else list(reversed(modules))
        kinds = ["o2", "print", "promote", "parse"] if rep % 2 == 0 else \
            ["parse", "promote", "print", "o2"]
        for label, path, _ in order:
            for kind in kinds:
                r = run_once(args.opt, args.plugin, kind, path)
                runs[(label, kind)].append(r)
                print("  rep %d %-3s %-8s pass %8.3fs  process cpu %8.3fs  wall %8.3fs  rss %6.0f MB"
                      % (rep + 1, label, kind, r["pass"] or 0.0, r["cpu"], r["wall"],
                         r["maxrss_mb"]), file=sys.stderr, flush=True)

    def med(label, kind, field):
        return statistics.median(r[field] for r in runs[(label, kind)])

    rows = []
    for label, path, count in modules:
        parse = med(label, "parse", "cpu")
        row = {"label": label, "instructions": count, "parse_cpu": parse}
        for kind in ("o2", "print", "promote"):
            row[kind + "_pass"] = med(label, kind, "pass")
            row[kind + "_proc"] = med(label, kind, "cpu") - parse
            row[kind + "_rss"] = med(label, kind, "maxrss_mb")
        rows.append(row)

    print()
    print("Median of %d runs; seconds of CPU (user+sys). pass = -time-passes figure of the pass;"
          % args.reps)
    print("proc = process CPU minus the parse-only run. % = escape / O2 (target <= 5%).")
    print()
    header = ("| size | instructions | parse | O2 pass | print pass | % | promote pass | % "
              "| O2 proc | print proc | % | promote proc | % |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for row in rows:
        def pct(kind, method):
            return "%.2f%%" % (100.0 * row[kind + "_" + method] / row["o2_" + method])
        print("| %s | %d | %.2f | %.2f | %.3f | %s | %.3f | %s | %.2f | %.3f | %s | %.3f | %s |"
              % (row["label"], row["instructions"], row["parse_cpu"], row["o2_pass"],
                 row["print_pass"], pct("print", "pass"), row["promote_pass"],
                 pct("promote", "pass"), row["o2_proc"], row["print_proc"], pct("print", "proc"),
                 row["promote_proc"], pct("promote", "proc")))
    print()
    print("Scaling: time ratio from one size to the next (target <= 2.2 per doubling; the")
    print("instruction ratio is shown because the sizes are only roughly 2x apart).")
    print()
    print("| step | instructions x | O2 pass x | print pass x | promote pass x | print proc x "
          "| promote proc x |")
    print("|---|---|---|---|---|---|---|")
    for before, after in zip(rows, rows[1:]):
        def ratio(key):
            return "%.2f" % (after[key] / before[key]) if before[key] > 0 else "n/a"
        print("| %s -> %s | %.2f | %s | %s | %s | %s | %s |"
              % (before["label"], after["label"], after["instructions"] / before["instructions"],
                 ratio("o2_pass"), ratio("print_pass"), ratio("promote_pass"),
                 ratio("print_proc"), ratio("promote_proc")))
    print()
    print("Peak RSS (MB, median): " + ", ".join(
        "%s O2 %.0f / print %.0f / promote %.0f" % (r["label"], r["o2_rss"], r["print_rss"],
                                                   r["promote_rss"]) for r in rows))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": rows, "runs": {"%s/%s" % k: v for k, v in runs.items()}}, f,
                      indent=1)


if __name__ == "__main__":
    main()
