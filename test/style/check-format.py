#!/usr/bin/env python3
"""check-format.py ROOT — run clang-format-19 --dry-run -Werror over the project's own C and
C++ sources (pass/, runtime/, tools/, scripts/) and exit 1 if any file is not formatted."""
import pathlib
import shutil
import subprocess
import sys

root = pathlib.Path(sys.argv[1])
formatter = shutil.which("clang-format-19") or "/usr/lib/llvm-19/bin/clang-format"
sources = sorted(
    path
    for folder in ("pass", "runtime", "tools", "scripts")
    for pattern in ("*.c", "*.h", "*.cpp")
    for path in (root / folder).rglob(pattern)
)
if not sources:
    print("check-format: error: no sources found under", root)
    sys.exit(1)
result = subprocess.run([formatter, "--dry-run", "-Werror", *map(str, sources)],
                        capture_output=True, text=True)
if result.returncode != 0:
    print(result.stderr[:4000])
    sys.exit(1)
print(f"check-format: {len(sources)} files formatted")
