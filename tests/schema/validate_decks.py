#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The deck JSON Schema (`quizdeck schema`) against real decks, with a real JSON Schema
# validator (python3-jsonschema, draft 2020-12): every bundled and corpus deck passes, and
# every deck of the table of mistakes `quizdeck check` rejects is rejected by the schema
# too, or named in its description where JSON Schema cannot say it.
# Usage: validate_decks.py QUIZDECK SOURCE_DIR CORPUS_DIR; exit 77 (skipped) without the
# Python modules.
import glob
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:
    # As tests/support/needs.h: CI (QUIZDECK_REQUIRE_ALL=1) has them, so there it fails.
    if os.environ.get("QUIZDECK_REQUIRE_ALL") == "1":
        print(f"needs python3-jsonschema and python3-yaml ({e}), which QUIZDECK_REQUIRE_ALL=1 says are installed")
        sys.exit(1)
    print(f"[skipped] needs python3-jsonschema and python3-yaml ({e})")
    sys.exit(77)

quizdeck, source, corpus = sys.argv[1:4]
schema = json.loads(subprocess.run([quizdeck, "schema"], check=True, capture_output=True,
                                   text=True).stdout)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = 0


def load(path):
    # YAML 1.1 (PyYAML) reads some words as booleans and dates; the schema takes scalars
    # of any kind as text, so only dates need turning back into text.
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return json.loads(json.dumps(data, default=str))


decks = sorted(glob.glob(os.path.join(source, "decks", "*.yaml")))
if os.path.isdir(corpus):
    decks += sorted(glob.glob(os.path.join(corpus, "**", "*.yaml"), recursive=True))
elif os.environ.get("QUIZDECK_REQUIRE_ALL") == "1":
    print(f"needs ../shared/corpus at {corpus}, which QUIZDECK_REQUIRE_ALL=1 says is there")
    sys.exit(1)
else:
    print(f"note: no corpus at {corpus}; the bundled decks only")
for path in decks:
    errors = list(validator.iter_errors(load(path)))
    if errors:
        failures += 1
        print(f"FAIL {path}: valid deck rejected by the schema: {errors[0].message} at "
              f"{list(errors[0].absolute_path)}")
print(f"{len(decks)} decks validated")

# One table of mistakes (tests/schema/mistakes.json), each a deck `quizdeck check`
# refuses: the schema refuses it too ("schema": "rejects"), or, where JSON Schema cannot
# say it ("schema": "description"), the schema's description says `check` does, in the
# words of "says".
with open(os.path.join(source, "tests", "schema", "mistakes.json"), encoding="utf-8") as f:
    mistakes = json.load(f)
description = schema["description"]
rejected = described = 0
with tempfile.TemporaryDirectory() as tmp:
    for mistake in mistakes:
        name = mistake["name"]
        path = os.path.join(tmp, "deck.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(mistake["deck"])
        checked = subprocess.run([quizdeck, "--store", os.path.join(tmp, "s.db"), "check",
                                  "--no-cache", path], capture_output=True, text=True)
        if checked.returncode == 0:
            failures += 1
            print(f"FAIL {name}: quizdeck check accepts it")
        errors = list(validator.iter_errors(load(path)))
        if mistake["schema"] == "rejects":
            rejected += 1
            if not errors:
                failures += 1
                print(f"FAIL {name}: the schema accepts a deck check rejects")
        else:
            described += 1
            if mistake["says"] not in description:
                failures += 1
                print(f"FAIL {name}: the schema's description does not say that check "
                      f"looks at {mistake['says']!r}")
print(f"{len(mistakes)} mistakes refused by check: {rejected} by the schema too, "
      f"{described} named in its description")
sys.exit(1 if failures else 0)
