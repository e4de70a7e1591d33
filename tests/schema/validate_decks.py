#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The deck JSON Schema (`quizdeck schema`) against real decks, with a real JSON Schema
# validator (python3-jsonschema, draft 2020-12): every bundled and corpus deck passes, and
# decks `quizdeck check` rejects for structural reasons are rejected by the schema too.
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

# Decks with structural mistakes: check refuses them, and so must the schema.
bad = {
    "no title": "cards:\n  - question: q\n    answer: a\n",
    "no cards": "title: T\n",
    "empty cards": "title: T\ncards: []\n",
    "cards not a list": "title: T\ncards: {question: q}\n",
    "unknown deck key": "title: T\ncolour: red\ncards:\n  - question: q\n    answer: a\n",
    "unknown card key": "title: T\ncards:\n  - question: q\n    answer: a\n    explaination: x\n",
    "unknown type": "title: T\ncards:\n  - type: essay\n    question: q\n    answer: a\n",
    "choice without answer": "title: T\ncards:\n  - question: q\n    choices: [a, b]\n",
    "flash without back": "title: T\ncards:\n  - front: f\n",
    "card not a map": "title: T\ncards:\n  - just text\n",
    "tag with space": "title: T\ntags: [two words]\ncards:\n  - question: q\n    answer: a\n",
    "negative points": "title: T\ncards:\n  - question: q\n    answer: a\n    points: -1\n",
    "bad match": "title: T\ncards:\n  - question: q\n    answer: a\n    match: loose\n",
    "bad deck id": "title: T\nid: Bad Id!\ncards:\n  - question: q\n    answer: a\n",
    "exam questions zero": "title: T\nexam: {questions: 0}\ncards:\n  - question: q\n    answer: a\n",
    "one pair": "title: T\ncards:\n  - question: q\n    pairs: [{a: b}]\n",
    "question without answer": "title: T\ncards:\n  - question: q\n",
    "choice as a list": "title: T\ncards:\n  - question: q\n    choices: [[a]]\n    answer: a\n",
}
with tempfile.TemporaryDirectory() as tmp:
    for name, text in bad.items():
        path = os.path.join(tmp, "deck.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        checked = subprocess.run([quizdeck, "--store", os.path.join(tmp, "s.db"), "check",
                                  "--no-cache", path], capture_output=True, text=True)
        schema_ok = validator.is_valid(load(path))
        if checked.returncode == 0:
            failures += 1
            print(f"FAIL {name}: quizdeck check accepts it")
        if schema_ok:
            failures += 1
            print(f"FAIL {name}: the schema accepts a deck check rejects")
print(f"{len(bad)} structurally bad decks refused by both")
sys.exit(1 if failures else 0)
