"""sarif-summary.py LOG — one line per rule list, base URI, result and flow step of a SARIF log
(a relative URI shown as BASE/uri), so FileCheck can check what escc put where."""
import json
import sys

log = json.load(open(sys.argv[1]))
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
print(f"rules {len(rules)}: " + " ".join(rule["id"] for rule in rules))
for base, location in run.get("originalUriBaseIds", {}).items():
    print(f"base {base} {location['uri']}")
print("helpUri " + " ".join("ok" if rule.get("helpUri", "").endswith("/docs/reports.md#" + rule["id"])
                            else "BAD:" + rule["id"] for rule in rules))


def place(location):
    physical = location.get("physicalLocation")
    if not physical:
        return "(no file)"
    artifact = physical["artifactLocation"]
    uri = artifact["uri"] if "uriBaseId" not in artifact else f"{artifact['uriBaseId']}/{artifact['uri']}"
    region = physical.get("region")
    if not region:
        return f"{uri} (no region)"
    return f"{uri}:{region.get('startLine')}:{region.get('startColumn')}"


for result in run["results"]:
    index_ok = "index-ok" if rules[result["ruleIndex"]]["id"] == result["ruleId"] else "index-BAD"
    print(f"result {result['ruleId']} {index_ok} {place(result['locations'][0])} {result['message']['text']}")
    for flow in result.get("codeFlows", []):
        for thread in flow["threadFlows"]:
            for step in thread["locations"]:
                print(f"flow {place(step['location'])} {step['location']['message']['text']}")
