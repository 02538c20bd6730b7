"""sarif-summary.py LOG — one line per rule list, result and flow step of a SARIF log, so
FileCheck can check what escc put where."""
import json
import sys

log = json.load(open(sys.argv[1]))
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
print(f"rules {len(rules)}: " + " ".join(rule["id"] for rule in rules))


def place(location):
    physical = location.get("physicalLocation")
    if not physical:
        return "(no file)"
    region = physical.get("region", {})
    return f"{physical['artifactLocation']['uri']}:{region.get('startLine')}:{region.get('startColumn')}"


for result in run["results"]:
    index_ok = "index-ok" if rules[result["ruleIndex"]]["id"] == result["ruleId"] else "index-BAD"
    print(f"result {result['ruleId']} {index_ok} {place(result['locations'][0])} {result['message']['text']}")
    for flow in result.get("codeFlows", []):
        for thread in flow["threadFlows"]:
            for step in thread["locations"]:
                print(f"flow {place(step['location'])} {step['location']['message']['text']}")
