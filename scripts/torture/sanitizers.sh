#!/bin/bash
# sanitizers.sh — the sanitizer step of `make torture` (issue 5, item 4): the whole lit suite on
# the ASan+UBSan build (scripts/check-sanitized, build-sanitize/), then the driver under
# Valgrind's memcheck (test/sanitize/valgrind-driver.test on the normal LLVM 19 build).
# Prints "sanitizers: ..." lines; the last line is "N passed, N failed[, N skipped]" over both.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
status=0
mkdir -p "${TORTURE_OUT:-$root/build/torture}"
"$root/scripts/check-sanitized" >"${TORTURE_OUT:-$root/build/torture}/sanitized-lit.log" 2>&1 ||
  status=1
sanitized=$(tail -1 "${TORTURE_OUT:-$root/build/torture}/sanitized-lit.log")
echo "sanitizers: lit on the ASan+UBSan build: $sanitized"
build=$("$root/scripts/build-dir" 19)
"$root/scripts/build" 19 >/dev/null 2>&1 || status=1
lit=$(sed -n 's/^ESCC_LIT:STRING=//p' "$build/CMakeCache.txt" 2>/dev/null)
/usr/bin/python3 "${lit:-/usr/lib/llvm-19/build/utils/lit/lit.py}" -sv \
  --xunit-xml-output "$build/valgrind-driver.xml" "$build/test/sanitize" >/dev/null 2>&1 ||
  status=1
valgrind=$(/usr/bin/python3 "$root/scripts/lit-summary" "$build/valgrind-driver.xml")
echo "sanitizers: valgrind memcheck of the driver: $valgrind"
# One closing line over both lit runs.
/usr/bin/python3 "$root/scripts/lit-summary" "$("$root/scripts/build-dir" sanitize)/lit-results.xml" \
  "$build/valgrind-driver.xml" || status=1
exit $status
