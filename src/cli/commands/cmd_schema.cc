// SPDX-License-Identifier: MIT
// `quizdeck schema`: the deck format (quizdeck-deck(5)) as a JSON Schema (draft 2020-12),
// for editors that complete keys and flag mistakes as one types (the YAML language server
// reads a `# yaml-language-server: $schema=...` line). The schema holds the structure: keys,
// value types, what each card type needs and takes; `check` holds the rest, named in the
// schema's description (tests/schema/mistakes.json is the table both are tested against).
#include "cli/commands.h"

namespace quizdeck::cli {
namespace {

constexpr std::string_view kSchema = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://quizdeck.invalid/schema/deck.json",
  "title": "quizdeck deck",
  "description": "A deck of questions for quizdeck: see quizdeck-deck(5). The schema holds the structure (keys, value kinds, what each card type needs and takes); `quizdeck check` also looks at what a schema cannot: answers among the choices, duplicates (choices, card ids, prompts, items), cloze blanks well formed, ranges (pass at most 100%, time at most a week), media files (there, inside the deck's directory), self-tests (accept: and reject: examples) and limits (quizdeck(1), LIMITS).",
  "type": "object",
  "required": ["title", "cards"],
  "additionalProperties": false,
  "properties": {
    "title": {"$ref": "#/$defs/text", "description": "The deck's title."},
    "id": {
      "type": "string",
      "pattern": "^[a-z0-9][a-z0-9._-]*$",
      "description": "Stable deck id: lower-case letters, digits, '.', '_' and '-'."
    },
    "description": {"$ref": "#/$defs/text"},
    "author": {"$ref": "#/$defs/text"},
    "source": {"$ref": "#/$defs/text"},
    "tags": {"$ref": "#/$defs/tags", "description": "Tags every card inherits."},
    "shuffle": {"type": "boolean", "description": "Whether choices are shuffled when asked."},
    "allow": {"$ref": "#/$defs/allow", "description": "Item-writing rules check does not apply to any card."},
    "exam": {
      "type": "object",
      "additionalProperties": false,
      "description": "Defaults for practice exams.",
      "properties": {
        "questions": {"type": "integer", "minimum": 1},
        "time": {"type": "string", "pattern": "^\\s*(\\d+\\s*[hms]\\s*)+$"},
        "pass": {
          "type": "string",
          "pattern": "^\\s*\\d+(\\.\\d+)?\\s*%\\s*$",
          "description": "A percentage such as 70%, above 0% and at most 100%."
        },
        "blueprint": {
          "type": "object",
          "minProperties": 1,
          "description": "Questions per tag: all percentages adding up to 100% (with questions), or all counts. check also verifies that the tags exist and have enough cards.",
          "additionalProperties": {
            "oneOf": [
              {"type": "integer", "minimum": 1},
              {"type": "string", "pattern": "^\\s*\\d+(\\.\\d+)?\\s*%\\s*$"}
            ]
          }
        }
      }
    },
    "cards": {
      "type": "array",
      "minItems": 1,
      "items": {"$ref": "#/$defs/card"},
      "description": "The cards: choice, multi, truefalse, short, numeric, flash, cloze, matching, ordering."
    }
  },
  "$defs": {
    "text": {"type": ["string", "number", "boolean"], "description": "Text (a YAML scalar)."},
    "nonempty": {"$ref": "#/$defs/text", "pattern": "\\S", "description": "Text, not empty."},
    "texts": {"type": "array", "items": {"$ref": "#/$defs/text"}},
    "tags": {"type": "array", "items": {"type": "string", "pattern": "^\\S+$"}},
    "allow": {
      "type": "array",
      "items": {"enum": ["item/longest-key", "item/all-of-the-above", "item/absolute-word", "item/grammar-cue", "item/negative-stem", "item/similar-choices", "item/key-echoes-stem", "item/missing-why"]}
    },
    "media": {
      "type": "string",
      "minLength": 1,
      "pattern": "^[^/~\\\\\\u0000-\\u001f\\u007f][^\\\\\\u0000-\\u001f\\u007f]*$",
      "description": "A file beside the deck: a relative path with '/', inside the deck's directory."
    },
    "image": {
      "$ref": "#/$defs/media",
      "pattern": "\\.([pP][nN][gG]|[jJ][pP][eE]?[gG]|[gG][iI][fF]|[bB][mM][pP])$",
      "description": "A PNG, JPEG, GIF or BMP image beside the deck."
    },
    "choice": {
      "oneOf": [
        {"$ref": "#/$defs/text"},
        {
          "type": "object",
          "required": ["text"],
          "additionalProperties": false,
          "properties": {
            "text": {"$ref": "#/$defs/text"},
            "why": {"$ref": "#/$defs/text", "description": "Feedback when this choice is picked."},
            "image": {"$ref": "#/$defs/image"}
          }
        }
      ]
    },
    "pair": {
      "oneOf": [
        {
          "type": "object",
          "minProperties": 1,
          "maxProperties": 1,
          "additionalProperties": {"$ref": "#/$defs/text"},
          "not": {"required": ["prompt", "answer"]}
        },
        {
          "type": "object",
          "required": ["prompt", "answer"],
          "additionalProperties": false,
          "properties": {"prompt": {"$ref": "#/$defs/text"}, "answer": {"$ref": "#/$defs/text"}}
        }
      ]
    },
    "card": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "id": {
          "$ref": "#/$defs/text",
          "pattern": "^[^\\s#\\u0000-\\u001f\\u007f]{1,128}$",
          "description": "Stable card id (default: derived from the question): 1 to 128 characters, no white space, control characters or '#'."
        },
        "type": {
          "enum": ["choice", "multi", "truefalse", "short", "numeric", "flash", "cloze", "matching", "ordering"],
          "description": "Inferred from the keys when left out."
        },
        "question": {"$ref": "#/$defs/nonempty"},
        "choices": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/choice"}},
        "answer": {
          "oneOf": [{"$ref": "#/$defs/text"}, {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}}],
          "description": "The key: a choice's text, several for multi, true/false, a number, or accepted texts."
        },
        "tolerance": {"type": "number", "minimum": 0},
        "match": {"enum": ["normalized", "exact", "fuzzy"]},
        "front": {"$ref": "#/$defs/text"},
        "back": {"$ref": "#/$defs/text"},
        "cloze": {
          "$ref": "#/$defs/text",
          "pattern": "\\{\\{[\\s\\S]*\\}\\}",
          "description": "Text with {{blanks}}, at least one."
        },
        "pairs": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/pair"}},
        "distractors": {"$ref": "#/$defs/texts"},
        "order": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/text"}},
        "explain": {"$ref": "#/$defs/text"},
        "source": {"$ref": "#/$defs/text"},
        "hint": {"$ref": "#/$defs/text"},
        "tags": {"$ref": "#/$defs/tags"},
        "points": {"type": "number", "exclusiveMinimum": 0},
        "shuffle": {"type": "boolean"},
        "allow": {"$ref": "#/$defs/allow", "description": "Item-writing rules check does not apply to this card."},
        "image": {"$ref": "#/$defs/image"},
        "audio": {"$ref": "#/$defs/media"},
        "accept": {"$ref": "#/$defs/texts", "description": "Answers the grader must accept (checked by quizdeck check)."},
        "reject": {"$ref": "#/$defs/texts", "description": "Answers the grader must grade wrong."}
      },
      "$comment": "dependentSchemas: what a card without a type takes, inferred from its keys in check's order (front or back, cloze, pairs, order, choices, else the answer), checked only when the key is there",
      "dependentSchemas": {
        "front": {"if": {"allOf": [{"not": {"required": ["type"]}}]}, "then": {"properties": {"question": false, "choices": false, "answer": false, "shuffle": false, "accept": false, "reject": false, "match": false, "tolerance": false, "cloze": false, "pairs": false, "distractors": false, "order": false}}},
        "back": {"if": {"allOf": [{"not": {"required": ["type"]}}]}, "then": {"properties": {"question": false, "choices": false, "answer": false, "shuffle": false, "accept": false, "reject": false, "match": false, "tolerance": false, "cloze": false, "pairs": false, "distractors": false, "order": false}}},
        "cloze": {"if": {"allOf": [{"not": {"required": ["type"]}}, {"not": {"required": ["front"]}}, {"not": {"required": ["back"]}}]}, "then": {"properties": {"question": false, "choices": false, "answer": false, "shuffle": false, "accept": false, "reject": false, "tolerance": false, "front": false, "back": false, "pairs": false, "distractors": false, "order": false}}},
        "pairs": {"if": {"allOf": [{"not": {"required": ["type"]}}, {"not": {"required": ["front"]}}, {"not": {"required": ["back"]}}, {"not": {"required": ["cloze"]}}]}, "then": {"properties": {"choices": false, "answer": false, "shuffle": false, "match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "order": false}}},
        "order": {"if": {"allOf": [{"not": {"required": ["type"]}}, {"not": {"required": ["front"]}}, {"not": {"required": ["back"]}}, {"not": {"required": ["cloze"]}}, {"not": {"required": ["pairs"]}}]}, "then": {"properties": {"choices": false, "answer": false, "shuffle": false, "match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false}}},
        "choices": {"if": {"allOf": [{"not": {"required": ["type"]}}, {"not": {"required": ["front"]}}, {"not": {"required": ["back"]}}, {"not": {"required": ["cloze"]}}, {"not": {"required": ["pairs"]}}, {"not": {"required": ["order"]}}]}, "then": {"properties": {"match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false, "order": false}}},
        "tolerance": {"if": {"not": {"required": ["type"]}}, "then": {"properties": {"answer": {"not": {"type": ["array", "boolean"]}}}}},
        "match": {"if": {"not": {"required": ["type"]}}, "then": {"properties": {"answer": {"not": {"type": "number"}}}}},
        "shuffle": {"if": {"not": {"required": ["type"]}}, "then": {"required": ["choices"]}},
        "distractors": {"if": {"not": {"required": ["type"]}}, "then": {"required": ["pairs"]}}
      },
      "anyOf": [
        {"required": ["question"]},
        {"required": ["front"]},
        {"required": ["back"]},
        {"required": ["cloze"]}
      ],
      "allOf": [
        {"if": {"required": ["type"], "properties": {"type": {"const": "flash"}}},
         "then": {"required": ["front", "back"]}},
        {"if": {"required": ["type"], "properties": {"type": {"const": "cloze"}}},
         "then": {"required": ["cloze"]}},
        {"if": {"required": ["type"], "properties": {"type": {"enum": ["choice", "multi"]}}},
         "then": {"required": ["question", "choices", "answer"]}},
        {"if": {"required": ["type"], "properties": {"type": {"enum": ["truefalse", "short", "numeric"]}}},
         "then": {"required": ["question", "answer"]}},
        {"if": {"required": ["type"], "properties": {"type": {"const": "matching"}}},
         "then": {"required": ["question", "pairs"]}},
        {"if": {"required": ["type"], "properties": {"type": {"const": "ordering"}}},
         "then": {"required": ["question", "order"]}},
        {"if": {"required": ["choices"]}, "then": {"required": ["answer"]}},
        {"if": {"anyOf": [{"required": ["front"]}, {"required": ["back"]}]},
         "then": {"required": ["front", "back"]}},
        {"if": {"required": ["question"], "not": {"anyOf": [{"required": ["pairs"]}, {"required": ["order"]}]}},
         "then": {"required": ["answer"]}},
        {"$comment": "What each card type takes, when given as type (when inferred: dependentSchemas)",
         "if": {"required": ["type"]},
         "then": {"allOf": [
            {"if": {"properties": {"type": {"const": "choice"}}}, "then": {"properties": {"match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false, "order": false, "answer": {"not": {"type": "array"}}}}},
            {"if": {"properties": {"type": {"const": "multi"}}}, "then": {"properties": {"match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false, "order": false, "answer": {"type": "array"}}}},
            {"if": {"properties": {"type": {"const": "truefalse"}}}, "then": {"properties": {"choices": false, "shuffle": false, "match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false, "order": false, "answer": {"type": "boolean"}}}},
            {"if": {"properties": {"type": {"const": "short"}}}, "then": {"properties": {"choices": false, "shuffle": false, "tolerance": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false, "order": false}}},
            {"if": {"properties": {"type": {"const": "numeric"}}}, "then": {"properties": {"choices": false, "shuffle": false, "match": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false, "order": false, "answer": {"type": "number"}}}},
            {"if": {"properties": {"type": {"const": "flash"}}}, "then": {"properties": {"question": false, "choices": false, "answer": false, "shuffle": false, "accept": false, "reject": false, "match": false, "tolerance": false, "cloze": false, "pairs": false, "distractors": false, "order": false}}},
            {"if": {"properties": {"type": {"const": "cloze"}}}, "then": {"properties": {"question": false, "choices": false, "answer": false, "shuffle": false, "accept": false, "reject": false, "tolerance": false, "front": false, "back": false, "pairs": false, "distractors": false, "order": false}}},
            {"if": {"properties": {"type": {"const": "matching"}}}, "then": {"properties": {"choices": false, "answer": false, "shuffle": false, "match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "order": false}}},
            {"if": {"properties": {"type": {"const": "ordering"}}}, "then": {"properties": {"choices": false, "answer": false, "shuffle": false, "match": false, "tolerance": false, "front": false, "back": false, "cloze": false, "pairs": false, "distractors": false}}}
         ]}}
      ]
    }
  }
}
)json";

struct SchemaOptions {};

void declare_schema(Declare&, SchemaOptions&) {}

Needs needs(const SchemaOptions&) {
  return {};
}

core::Expected<ExitCode> run_schema(Context& context, const SchemaOptions&) {
  context.io.out << kSchema;
  return ExitCode::kOk;
}

}  // namespace

Command schema_command() {
  return make_command<SchemaOptions>(
      "schema", "print the deck format as a JSON Schema (for editors' YAML language server)",
      declare_schema, needs, run_schema);
}

}  // namespace quizdeck::cli
