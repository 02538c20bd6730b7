"""validate.py SCHEMA [DOCUMENT] — validate a JSON document (default: stdin) against a JSON
Schema with python3-jsonschema (the draft the schema names, 2020-12 when it names none),
formats checked; print "valid" or every error."""
import json
import sys

import jsonschema

with open(sys.argv[1]) as schema_file:
    schema = json.load(schema_file)
text = open(sys.argv[2]).read() if len(sys.argv) > 2 else sys.stdin.read()
try:
    document = json.loads(text)
except json.JSONDecodeError as error:
    print(f"validate: not JSON: {error}")
    sys.exit(1)
validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
for error in errors:
    print(f"validate: {'/'.join(map(str, error.absolute_path))}: {error.message}")
if errors:
    sys.exit(1)
print("valid")
