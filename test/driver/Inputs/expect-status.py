"""expect-status.py N COMMAND... — run COMMAND (its output passes through) and succeed only if it
exits with status N exactly. Lit's `not` only tells zero from non-zero; escc's contract says
which non-zero (1 compile/program failed, 2 bad usage or input), and a crash is neither."""
import subprocess
import sys

expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    print(f"expect-status: expected exit status {expected}, got {status}: {' '.join(sys.argv[2:])}",
          file=sys.stderr)
    sys.exit(1)
