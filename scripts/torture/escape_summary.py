"""escape_summary.py TREE|REPORT — adds up the JSON reports `escc cc` wrote beside the objects
(NAME.o.escape.json) of a package built in TREE with ESCC_CC_REPORT=json, or reads the one
REPORT (a whole-program link's), and prints one line: translation units, functions, allocas,
address-taken, promoted, and of the promoted variables how many are pinned (esc_alloc_pinned:
never collected).

configure's probes (conftest*) are not counted. libtool compiles a library's sources twice (PIC
in .libs/ and non-PIC beside it): the PIC object is counted, which is the one a shared extension
is made of."""
import json
import os
import sys


def reports(tree):
    for directory, _, files in sorted(os.walk(tree)):
        for name in sorted(files):
            if name.endswith(".o.escape.json") and not name.startswith("conftest") and (
                    os.path.basename(directory) == ".libs" or
                    not os.path.exists(os.path.join(directory, ".libs", name))):
                yield os.path.join(directory, name)


totals, units, pinned = {}, 0, 0
paths = [sys.argv[1]] if os.path.isfile(sys.argv[1]) else reports(sys.argv[1])
for path in paths:
    units += 1
    report = json.load(open(path))
    for field, value in report["summary"].items():
        totals[field] = totals.get(field, 0) + value
    pinned += sum(1 for variable in report["allocations"] if variable.get("pinned"))
print("reports %d, functions %d, allocas %d, address-taken %d, promoted %d (pinned %d)" % (
    units, totals.get("functions", 0), totals.get("allocas", 0),
    totals.get("address_taken", 0), totals.get("promoted", 0), pinned))
