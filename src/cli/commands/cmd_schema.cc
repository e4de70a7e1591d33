// SPDX-License-Identifier: MIT
// `quizdeck schema`: the deck format (quizdeck-deck(5)) as a JSON Schema (draft 2020-12),
// for editors that complete keys and flag mistakes as one types (the YAML language server
// reads a `# yaml-language-server: $schema=...` line). The schema holds the structure: keys,
// value types, what each card type needs; `check` holds the rest (answers among the
// choices, duplicates, media files, self-tests).
#include "cli/commands.h"

namespace quizdeck::cli {
namespace {

constexpr std::string_view kSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://quizdeck.invalid/schema/deck.json",
  "title": "quizdeck deck",
  "description": "A deck of questions for quizdeck: see quizdeck-deck(5).",
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
    "exam": {
      "type": "object",
      "additionalProperties": false,
      "description": "Defaults for practice exams.",
      "properties": {
        "questions": {"type": "integer", "minimum": 1},
        "time": {"type": "string", "pattern": "^\\s*(\\d+\\s*[hms]\\s*)+$"},
        "pass": {"type": ["string", "number"], "pattern": "^\\s*\\d+(\\.\\d+)?\\s*%?\\s*$"},
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
    "texts": {"type": "array", "items": {"$ref": "#/$defs/text"}},
    "tags": {"type": "array", "items": {"type": "string", "pattern": "^\\S+$"}},
    "media": {"type": "string", "minLength": 1, "description": "A file beside the deck."},
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
            "image": {"$ref": "#/$defs/media"}
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
        "id": {"$ref": "#/$defs/text", "description": "Stable card id (default: derived from the question)."},
        "type": {
          "enum": ["choice", "multi", "truefalse", "short", "numeric", "flash", "cloze", "matching", "ordering"],
          "description": "Inferred from the keys when left out."
        },
        "question": {"$ref": "#/$defs/text"},
        "choices": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/choice"}},
        "answer": {
          "oneOf": [{"$ref": "#/$defs/text"}, {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/text"}}],
          "description": "The key: a choice's text, several for multi, true/false, a number, or accepted texts."
        },
        "tolerance": {"type": "number", "minimum": 0},
        "match": {"enum": ["normalized", "exact", "fuzzy"]},
        "front": {"$ref": "#/$defs/text"},
        "back": {"$ref": "#/$defs/text"},
        "cloze": {"$ref": "#/$defs/text", "description": "Text with {{blanks}}."},
        "pairs": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/pair"}},
        "distractors": {"$ref": "#/$defs/texts"},
        "order": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/text"}},
        "explain": {"$ref": "#/$defs/text"},
        "source": {"$ref": "#/$defs/text"},
        "hint": {"$ref": "#/$defs/text"},
        "tags": {"$ref": "#/$defs/tags"},
        "points": {"type": "number", "exclusiveMinimum": 0},
        "shuffle": {"type": "boolean"},
        "image": {"$ref": "#/$defs/media"},
        "audio": {"$ref": "#/$defs/media"},
        "accept": {"$ref": "#/$defs/texts", "description": "Answers the grader must accept (checked by quizdeck check)."},
        "reject": {"$ref": "#/$defs/texts", "description": "Answers the grader must grade wrong."}
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
         "then": {"required": ["answer"]}}
      ]
    }
  }
}
)";

struct SchemaOptions {};

void declare(Declare&, SchemaOptions&) {}

Needs needs(const SchemaOptions&) {
  return {};
}

core::Expected<ExitCode> run(Context& context, const SchemaOptions&) {
  context.io.out << kSchema;
  return ExitCode::kOk;
}

}  // namespace

Command schema_command() {
  return make_command<SchemaOptions>(
      "schema", "print the deck format as a JSON Schema (for editors' YAML language server)",
      declare, needs, run);
}

}  // namespace quizdeck::cli
