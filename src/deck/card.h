// SPDX-License-Identifier: MIT
// A card of the deck model: what one askable item of a valid deck file means,
// independent of YAML, with the position of its source so later stages can point back.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::deck {

struct SourcePos {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in code points
  bool operator==(const SourcePos&) const = default;
};

enum class CardType {
  kChoice,
  kMulti,
  kTrueFalse,
  kShort,
  kNumeric,
  kFlash,
  kCloze,
  kMatching,
  kOrdering
};

std::string_view card_type_name(CardType type);
std::optional<CardType> parse_card_type(std::string_view name);

enum class MatchRule { kNormalized, kExact, kFuzzy };

std::string_view match_rule_name(MatchRule rule);

// A media file of a card (`image:`, `audio:`): its path as written, relative to the deck
// file, and where it is written (for `check`, which looks for the file).
struct Media {
  std::string path;  // empty: none
  SourcePos pos;
  bool operator==(const Media&) const = default;
};

struct Choice {
  std::string text;
  std::string why;  // feedback when this choice is picked; may be empty
  SourcePos pos;
  Media image = {};
};

// One pair of a matching card: a prompt and the answer it goes with (the text of one of
// the card's choices).
struct Pair {
  std::string prompt;
  std::string answer;
  SourcePos pos;
};

// One askable item. A cloze entry with n blanks becomes n cards, `<id>#1` ... `<id>#n`.
// An example answer in a card's `accept:` or `reject:` list: `check` grades it.
struct Example {
  std::string text;
  SourcePos pos;
  bool operator==(const Example&) const = default;
};

struct Card {
  std::string id;
  bool id_given = false;  // false: derived from type and prompt (see card_id.h)
  CardType type = CardType::kShort;
  SourcePos pos;  // start of the card in the deck file

  // What is asked: the question; the front of a flash card; for a cloze blank the text
  // with this blank shown as "[...]" and the other blanks filled in.
  std::string prompt;
  SourcePos prompt_pos;  // where the question (or front) is written; 0 when unknown

  std::vector<Choice> choices;               // choice, multi; matching: the answers to pick
                                             // from (each pair's, then the distractors);
                                             // ordering: the items in their right order
  std::vector<Pair> pairs;                   // matching
  std::vector<std::string> answers;          // choice: the key; multi: every key; short and cloze:
                                             // accepted alternatives
  bool truth = false;                        // truefalse
  double number = 0;                         // numeric
  double tolerance = 0;                      // numeric
  MatchRule match = MatchRule::kNormalized;  // short, cloze
  std::string back;                          // flash
  std::string cloze_text;                    // cloze: the source text with its {{blanks}}
  int blank = 0;                             // cloze: 1-based number of the blank asked

  std::string explain;
  std::string source;  // where the card's facts come from (a citation), shown with explain
  std::string hint;
  Media image;                    // shown with the question
  Media audio;                    // played (or named) with the question
  std::vector<std::string> tags;  // the deck's tags followed by the card's own
  // Item-writing rules (item/longest-key ...) `check` does not apply to this card: the
  // deck's `allow:` followed by the card's own.
  std::vector<std::string> allow;
  double points = 1;
  // Self-tests of the grading (`check` runs them; study ignores them): answers that must
  // count as right (almost is right enough) and answers that must count as wrong.
  std::vector<Example> accept;
  std::vector<Example> reject;
  bool shuffle = true;  // choice, multi: shuffle choices when asking (matching and
                        // ordering always shuffle)
};

// Whether a deck path names an image quizdeck shows (.png, .jpg, .jpeg, .gif, .bmp).
bool is_image_path(std::string_view path);

// A matching card's answers that go with no prompt, in the order written.
std::vector<std::string> matching_distractors(const Card& card);

}  // namespace quizdeck::deck
