// SPDX-License-Identifier: MIT
// Our GIFT parser against GIFT-grammar-PEG.js (MIT, Christopher P. Fuhrman): each of its
// test files in ../shared/corpus/gift/GIFT-grammar-PEG.js comes with that project's parse
// as JSON; question by question, type, title, id, tags, stem, embedding, feedback and
// every answer must agree (white space runs compared as one space).
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "core/json.h"
#include "core/source_text.h"
#include "interchange/gift.h"
#include "interchange/html_text.h"
#include "support/needs.h"
#include "support/process.h"

namespace quizdeck::interchange {
namespace {

namespace fs = std::filesystem;
using core::JsonValue;

const fs::path kPeg = fs::path(test::corpus_dir()) / "gift" / "GIFT-grammar-PEG.js";

std::string type_name(GiftType type) {
  switch (type) {
    case GiftType::kCategory:
      return "Category";
    case GiftType::kDescription:
      return "Description";
    case GiftType::kEssay:
      return "Essay";
    case GiftType::kTrueFalse:
      return "TF";
    case GiftType::kChoice:
      return "MC";
    case GiftType::kShort:
      return "Short";
    case GiftType::kNumeric:
      return "Numerical";
    case GiftType::kMatching:
      return "Matching";
  }
  return "?";
}

// A JSON text object ({"format", "text"}) or null, as comparable text.
std::string text_of(const JsonValue* value) {
  if (value == nullptr || value->is_null()) return "";
  if (value->is_string()) return collapse_space(value->text);
  const JsonValue* text = value->find("text");
  return text == nullptr ? "" : collapse_space(text->text);
}

std::string ours(const std::optional<std::string>& text) {
  return text ? collapse_space(*text) : "";
}

std::string ours(const std::optional<GiftText>& text) {
  return text ? collapse_space(text->text) : "";
}

void check_numeric(const JsonValue& expected, const GiftChoice& choice) {
  const std::string kind = expected.find("type")->text;
  double number = 0;
  double tolerance = 0;
  if (kind == "simple") {
    number = expected.find("number")->number;
  } else if (kind == "range") {
    number = expected.find("number")->number;
    tolerance = expected.find("range")->number;
  } else {
    const double high = expected.find("numberHigh")->number;
    const double low = expected.find("numberLow")->number;
    number = (high + low) / 2;
    tolerance = (high - low) / 2;
  }
  REQUIRE(choice.number.has_value());
  CHECK(std::fabs(*choice.number - number) < 1e-9);
  CHECK(std::fabs(choice.tolerance.value_or(0) - tolerance) < 1e-9);
}

void check_question(const JsonValue& expected, const GiftQuestion& q) {
  const std::string type = expected.find("type")->text;
  CHECK(type_name(q.type) == type);
  if (type == "Category") {
    CHECK(q.category == expected.find("title")->text);
    return;
  }
  CHECK(text_of(expected.find("title")) == ours(q.title));
  CHECK(text_of(expected.find("id")) == ours(q.id));
  std::vector<std::string> tags;
  if (const JsonValue* list = expected.find("tags"); list != nullptr && list->is_array()) {
    for (const auto& tag : list->items) tags.push_back(tag.text);
  }
  CHECK(tags == q.tags);
  const JsonValue* stem = expected.find("stem");
  CHECK(text_of(stem) == collapse_space(q.stem));
  CHECK(stem->find("format")->text == q.format);
  if (const JsonValue* embedded = expected.find("hasEmbeddedAnswers")) {
    CHECK(embedded->boolean == q.embedded);
  }
  CHECK(text_of(expected.find("globalFeedback")) == ours(q.general_feedback));
  if (type == "TF") {
    CHECK(expected.find("isTrue")->boolean == q.truth);
    // PEG.js names the two feedbacks by position ("{TRUE#first#second}"); Moodle shows
    // the first to a learner whose answer is wrong, the second to one whose answer is right.
    const auto& first = q.truth ? q.feedback_if_false : q.feedback_if_true;
    const auto& second = q.truth ? q.feedback_if_true : q.feedback_if_false;
    CHECK(text_of(expected.find("trueFeedback")) == ours(first));
    CHECK(text_of(expected.find("falseFeedback")) == ours(second));
  }
  if (type == "Matching") {
    const auto& pairs = expected.find("matchPairs")->items;
    REQUIRE(pairs.size() == q.choices.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      CHECK(text_of(pairs[i].find("subquestion")) == collapse_space(q.choices[i].text));
      CHECK(text_of(pairs[i].find("subanswer")) == collapse_space(q.choices[i].match));
    }
  }
  const JsonValue* choices = expected.find("choices");
  if (type == "Numerical" && choices->is_object()) {
    REQUIRE(q.choices.size() == 1);
    check_numeric(*choices, q.choices[0]);
    return;
  }
  if (type != "MC" && type != "Short" && type != "Numerical") return;
  REQUIRE(choices->items.size() == q.choices.size());
  for (std::size_t i = 0; i < q.choices.size(); ++i) {
    const JsonValue& choice = choices->items[i];
    INFO("answer " << i + 1);
    const bool marked_right = choice.find("isCorrect")->boolean;
    const JsonValue* weight = choice.find("weight");
    CHECK((weight->is_null() ? std::optional<double>() : weight->number) == q.choices[i].weight);
    CHECK(text_of(choice.find("feedback")) == ours(q.choices[i].feedback));
    if (type == "Numerical") {
      const JsonValue* value = choice.find("text");
      if (value->find("type") != nullptr) {
        check_numeric(*value, q.choices[i]);
      } else {
        CHECK(!q.choices[i].number.has_value());  // "~#feedback": any other answer
      }
      continue;
    }
    CHECK(text_of(choice.find("text")) == collapse_space(q.choices[i].text));
    // PEG.js marks '=' answers right; a '~' answer with a positive weight is right too in
    // Moodle (multiple response), and ours says so.
    const bool positive = q.choices[i].weight && *q.choices[i].weight > 0;
    CHECK((marked_right || positive) == q.choices[i].correct);
  }
}

}  // namespace

TEST_CASE("GIFT: every GIFT-grammar-PEG.js test file parses as that project expects") {
  if (!test::needs_shared("corpus")) return;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kPeg)) {
    if (entry.path().extension() != ".gift") continue;
    const fs::path expected_path = fs::path(entry.path()).replace_extension(".json");
    if (!fs::exists(expected_path)) continue;
    ++files;
    INFO(entry.path().filename().string());
    const core::SourceText source(entry.path().string(),
                                  test::read_text_file(entry.path().string()));
    const GiftParse parse = parse_gift(source);
    REQUIRE(!parse.refusal);
    for (const auto& d : parse.malformed) INFO(core::render_text(d));
    REQUIRE(parse.malformed.empty());
    core::JsonError error;
    const auto expected = core::parse_json(test::read_text_file(expected_path.string()), error);
    REQUIRE(expected.has_value());
    REQUIRE(expected->items.size() == parse.questions.size());
    for (std::size_t i = 0; i < parse.questions.size(); ++i) {
      INFO("question " << i + 1);
      check_question(expected->items[i], parse.questions[i]);
    }
  }
  CHECK(files >= 50);
}

}  // namespace quizdeck::interchange
