// SPDX-License-Identifier: MIT
// Moodle's GIFT format (docs.moodle.org/en/GIFT_format), read as Moodle's own importer
// (question/format/gift/format.php) reads it: questions separated by blank lines, an
// optional ::title::, an optional [html]/[markdown]/[plain]/[moodle] format, and an answer
// block in braces: {} essay, {T}/{F} true/false, {=a =b} short answer, {=a ~b} multiple
// choice (~%50%x weights for multiple response), {#n:t} and {#a..b} numeric, {=a -> b}
// matching; text after the block makes a missing-word question; #### general feedback;
// \~ \= \# \{ \} \: \\ escapes and \n; $CATEGORY: lines; // comments, with Moodle's
// // [id:...] and // [tag:...] annotations.
//
// Where Moodle refuses a question (no closing brace, too few answers, a number that is not
// one) that question is malformed and the rest of the file still comes in. Where Moodle
// reads something an author likely did not mean (a second answer block, a $CATEGORY: line
// inside a question) it is read the same way, with a note saying so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

// The question as GIFT says it, before it becomes a card: texts unescaped, in their format.
struct GiftChoice {
  bool correct = false;          // '=' (or, in a multiple-choice block, a positive weight)
  std::string format;            // the text's own [format], else the question's
  std::optional<double> weight;  // %50% as 50, when one is written (and read as one)
  std::string text;              // matching: the subquestion
  std::optional<std::string> feedback;
  std::string feedback_format;
  std::string match;                // matching: the subanswer
  std::optional<double> number;     // numeric alternatives
  std::optional<double> tolerance;  // numeric: n:t; a range a..b is given as its middle
};

enum class GiftType {
  kCategory,
  kDescription,
  kEssay,
  kTrueFalse,
  kChoice,
  kShort,
  kNumeric,
  kMatching
};

// A text in its format.
struct GiftText {
  std::string format;
  std::string text;
};

// How a question was read that its author may not have meant, at a place in the source.
struct GiftNote {
  std::size_t offset = 0;
  std::string message;
};

struct GiftQuestion {
  GiftType type = GiftType::kDescription;
  std::size_t offset = 0;  // where it starts in the text
  std::string category;    // kCategory
  std::optional<std::string> title;
  std::optional<std::string> id;  // // [id:...]
  std::vector<std::string> tags;  // // [tag:...]
  std::string format = "moodle";  // moodle, html, markdown or plain
  std::string stem;               // with "_____" where an embedded answer was
  std::string stem_before;        // embedded answers: the text before and after the block
  std::string stem_after;
  bool embedded = false;
  // Embedded answers: whether white space stood between the text and the block (Moodle
  // keeps the text around the block as written: "The {=cat}s" is "The _____s").
  bool gap_before = true;
  bool gap_after = true;
  bool truth = false;
  bool single = false;  // kChoice: an '=' answer makes it one pick (Moodle's `single`)
  // True/false: what a learner who answers True (False) is shown. `{TRUE#a#b}` shows a to
  // who answers False and b to who answers True: the first '#' is for the wrong answer.
  std::optional<GiftText> feedback_if_true;
  std::optional<GiftText> feedback_if_false;
  std::vector<GiftChoice> choices;
  std::optional<std::string> general_feedback;
  std::string general_feedback_format;
  std::vector<GiftNote> notes;
};

struct GiftParse {
  std::vector<GiftQuestion> questions;      // and categories, in the file's order
  std::vector<core::Diagnostic> malformed;  // one error per question Moodle cannot import
  std::optional<core::Diagnostic> refusal;  // not GIFT text at all: nothing comes in
};

GiftParse parse_gift(const core::SourceText& source);

// The bank a GIFT file makes: every question imported, or reported with its position.
Bank import_gift(const core::SourceText& source);

// A bank as GIFT; the notes get a warning for what GIFT cannot carry (hints, a short
// answer's match rule ...), each at its card's position in `deck_file`.
Exported export_gift(const std::vector<Entry>& entries, const std::string& deck_file);

// A weight as GIFT writes it (and import quotes it): a percentage with up to 5 decimals,
// no trailing zeros ("33.33333", "50").
std::string gift_percent(double percent);

}  // namespace quizdeck::interchange
