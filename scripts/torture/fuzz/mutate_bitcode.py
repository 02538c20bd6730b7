#!/usr/bin/env python3
"""mutate_bitcode.py ESCC COUNT SEED KEEP_DIR BITCODE... — corrupt bitcode through the driver.

libFuzzer keeps raw bytes away from LLVM's bitcode reader (docs/reliability.md, §3), because
that reader crashes, aborts and hangs on corrupt input inside LLVM. The escc driver reads .bc
files with it all the same and must still answer with one line and exit 0, 1 or 2. This step
makes COUNT mutants (1 to 8 random bytes changed after the magic number, random.Random(SEED))
of the given bitcode files, runs `escc report` on each with ESCC_READ_TIMEOUT=10, and counts a
failure for any other outcome: death by a signal, exit above 2, more than one line on stderr
when it rejects a file, or no answer within 60 s. Failing mutants are copied to KEEP_DIR.
Prints: fuzz: driver bitcode mutants N (exit 0: N, exit 2: N) failures N
Exit status 1 when anything failed.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile


def run(escc, path):
    """The driver's (status, stderr) on path; status None when it did not finish."""
    environment = dict(os.environ, ESCC_READ_TIMEOUT="10")
    try:
        done = subprocess.run([escc, "report", path], capture_output=True, timeout=60,
                              env=environment)
    except subprocess.TimeoutExpired:
        return None, b""
    return done.returncode, done.stderr


def main():
    escc, count, seed, keep = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    originals = [open(path, "rb").read() for path in sys.argv[5:]]
    if not originals:
        print("fuzz: driver bitcode mutants 0 (no bitcode given) failures 0")
        return 0
    chooser = random.Random(seed)
    statuses = {}
    failures = 0
    with tempfile.TemporaryDirectory(prefix="escc-mutants.") as scratch:
        mutant = os.path.join(scratch, "mutant.bc")
        for number in range(count):
            data = bytearray(chooser.choice(originals))
            for _ in range(chooser.randint(1, 8)):
                data[chooser.randrange(4, len(data))] = chooser.randrange(256)
            with open(mutant, "wb") as out:
                out.write(data)
            status, stderr = run(escc, mutant)
            statuses[status] = statuses.get(status, 0) + 1
            one_line = status != 2 or stderr.count(b"\n") == 1
            if status not in (0, 1, 2) or not one_line:
                failures += 1
                os.makedirs(keep, exist_ok=True)
                shutil.copy(mutant, os.path.join(keep, "mutant-%d-%d.bc" % (seed, number)))
                print("fuzz: driver: mutant %d: exit %s, stderr %r"
                      % (number, status, stderr[:200]), file=sys.stderr)
    print("fuzz: driver bitcode mutants %d (exit 0: %d, exit 2: %d) failures %d"
          % (count, statuses.get(0, 0), statuses.get(2, 0), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
