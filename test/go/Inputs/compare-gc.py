"""compare-gc.py NAME REPORT — escc's escape report for examples/go/NAME.go (REPORT, run in
examples/go) against gc's (examples/go/NAME.go-m.txt), message by message: file, line and text,
columns ignored, as scripts/go-agreement counts them. The messages one side prints and the other
does not must be exactly those listed in examples/go/NAME.differences ("gc-only: ..." and
"escc-only: ..." lines; an absent file means none), so a difference is always written down and
a change in either direction fails the test. Prints the actual differences when they are not
the listed ones."""
import os
import re
import sys

KINDS = ("moved to heap", "escapes to heap", "does not escape", "leaking param")
EXAMPLES = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", "go"))


def messages(path):
    found = set()
    with open(path) as text:
        for line in text:
            match = re.match(r"^(?:\./)?([^:\s]+\.go):(\d+):\d+: (.*)$", line.rstrip("\n"))
            if match and any(kind in match.group(3) for kind in KINDS):
                found.add("%s:%s: %s" % match.groups())
    return found


def main():
    name, report = sys.argv[1], sys.argv[2]
    gc = messages(os.path.join(EXAMPLES, name + ".go-m.txt"))
    escc = messages(report)
    actual = sorted("gc-only: " + m for m in gc - escc) + sorted("escc-only: " + m for m in escc - gc)
    listed_path = os.path.join(EXAMPLES, name + ".differences")
    listed = []
    if os.path.exists(listed_path):
        with open(listed_path) as text:
            listed = [line.rstrip("\n") for line in text if line.strip() and not line.startswith("#")]
    if sorted(listed) != sorted(actual):
        print("%s: escc's report differs from gc's other than %s lists; actual differences:" % (name, listed_path))
        for line in actual:
            print(line)
        return 1
    print("%s: %d messages agree, %d listed differences" % (name, len(gc & escc), len(actual)))
    return 0


sys.exit(main())
