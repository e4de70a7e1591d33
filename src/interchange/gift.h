// SPDX-License-Identifier: MIT
// Moodle's GIFT format (docs.moodle.org/en/GIFT_format): questions separated by blank
// lines, an optional ::title::, an optional [html]/[markdown]/[plain]/[moodle] format, and
// an answer block in braces: {} essay, {T}/{F} true/false, {=a =b} short answer, {=a ~b}
// multiple choice (~%50%x weights for multiple response), {#n:t} and {#a..b} numeric,
// {=a -> b} matching; text after the block makes a missing-word question; ####
// general feedback; \~ \= \# \{ \} \: \\ escapes; $CATEGORY: lines; // comments, with the
// // [id:...] and // [tag:...] annotations of GIFT-grammar-PEG.js.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

// The question as GIFT says it, before it becomes a card: texts unescaped, in their format.
struct GiftChoice {
  bool correct = false;          // '=' (or a positive weight)
  std::string format;            // the text's own [format], else the question's
  std::optional<double> weight;  // %50%
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
  bool truth = false;
  std::optional<std::string> true_feedback;
  std::optional<std::string> false_feedback;
  std::vector<GiftChoice> choices;
  std::optional<std::string> general_feedback;
  std::string general_feedback_format;
};

struct GiftParse {
  std::vector<GiftQuestion> questions;
  std::vector<core::Diagnostic> errors;  // malformed input: nothing may be imported
};

GiftParse parse_gift(const core::SourceText& source);

// The bank a GIFT file makes: every question imported, or reported with its position.
Bank import_gift(const core::SourceText& source);

// A bank as GIFT; the notes get a warning for what GIFT cannot carry (hints, a short
// answer's match rule ...), each at its card's position in `deck_file`.
Exported export_gift(const std::vector<Entry>& entries, const std::string& deck_file);

}  // namespace quizdeck::interchange
