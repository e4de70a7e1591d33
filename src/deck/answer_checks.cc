// SPDX-License-Identifier: MIT
// The `answer` of each card type that has one (the rules table in card_checks.cc names
// which check reads it): one right choice, several, accepted texts, a boolean, a number.
#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/suggest.h"
#include "deck/card_checks.h"
#include "deck/scalar.h"

namespace quizdeck::deck {
namespace {

using Kind = YamlNode::Kind;

}  // namespace

void CardChecker::check_answer_among_choices(const YamlNode& answer, const std::string& text,
                                             const CardDraft& draft) {
  const auto& choices = draft.card.choices;
  if (std::any_of(choices.begin(), choices.end(),
                  [&](const Choice& c) { return c.text == text; })) {
    return;
  }
  auto& d = fields_.error(answer, fmt::format("answer '{}' is not one of the choices", text));
  std::vector<std::string> texts;
  for (const auto& choice : choices) texts.push_back(choice.text);
  const std::string normalized = core::normalize_text(text);
  for (const auto& choice : texts) {
    if (core::normalize_text(choice) == normalized) {
      FieldReader::add_note(
          d, fmt::format("did you mean '{}'? (an answer must equal its choice exactly)", choice));
      return;
    }
  }
  if (const auto near = core::suggest(text, texts)) {
    FieldReader::add_note(d, fmt::format("did you mean '{}'?", *near));
  }
}

void CardChecker::check_choice_answer(const Entry& entry, CardDraft& draft, bool) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kSequence) {
    auto& d = fields_.error(value, "a choice card has exactly one answer, not a list");
    FieldReader::add_note(d, "for several right choices, use 'type: multi' (or drop 'type')");
    return;
  }
  const auto text = fields_.read_text(entry, "answer");
  if (!text) return;
  draft.card.answers.push_back(*text);
  if (!draft.card.choices.empty()) check_answer_among_choices(value, *text, draft);
}

void CardChecker::check_multi_answer(const Entry& entry, CardDraft& draft, bool) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    auto& d = fields_.error(FieldReader::where(entry),
                            fmt::format("a multi card's answer must be a list of choices, "
                                        "not {}",
                                        kind_name(value)));
    if (value.kind == Kind::kScalar)
      FieldReader::add_note(d, fmt::format("write answer: [{}]", value.text));
    return;
  }
  if (value.items.empty()) {
    fields_.error(value, "a multi card needs at least one right choice in 'answer'");
    return;
  }
  // Sets, not searches: a card of many choices and answers is read in linear time.
  std::unordered_set<std::string_view> choices;
  for (const auto& choice : draft.card.choices) choices.insert(choice.text);
  std::unordered_set<std::string> given;
  for (const auto& item : value.items) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      fields_.error(item.has_position ? item : value,
                    item.kind == Kind::kScalar || item.kind == Kind::kNull
                        ? std::string("an answer cannot be empty")
                        : fmt::format("an answer must be text, not {}", kind_name(item)));
      continue;
    }
    const std::string text = strip_final_line_breaks(item.text);
    if (!given.insert(text).second) {
      fields_.error(item, fmt::format("answer '{}' is listed twice", text));
      continue;
    }
    draft.card.answers.push_back(text);
    if (!draft.card.choices.empty() && !choices.contains(text)) {
      check_answer_among_choices(item, text, draft);
    }
  }
}

void CardChecker::check_short_answer(const Entry& entry, CardDraft& draft, bool type_given) {
  const YamlNode& value = *entry.value;
  auto take = [&](const YamlNode& item, bool alone) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      fields_.error(item.has_position ? item : FieldReader::where(entry),
                    item.kind == Kind::kScalar || item.kind == Kind::kNull
                        ? std::string("an answer cannot be empty")
                        : fmt::format("an answer must be text, not {}", kind_name(item)));
      return;
    }
    draft.card.answers.push_back(strip_final_line_breaks(item.text));
    if (type_given) return;
    if (item.plain && is_yaml11_bool_word(item.text)) {
      auto& d = fields_.warning(
          item, fmt::format("'{}' is read as the text '{}', so this is a short-answer "
                            "card",
                            item.text, item.text));
      FieldReader::add_note(
          d, "for a true/false card write true or false; to keep the text, quote it");
    } else if (!item.plain && plain_bool(item.text)) {
      auto& d = fields_.warning(
          item, fmt::format("quoted '{}' makes this a short-answer card", item.text));
      FieldReader::add_note(d, "remove the quotes for a true/false card");
    } else if (alone && !item.plain && plain_number(item.text)) {
      // Compared as text, "15" takes no "15.0" and no tolerance; in a list of answers
      // ["15", "fifteen"] the text is plainly meant.
      auto& d = fields_.warning(
          item,
          fmt::format("quoted '{}' makes this a short-answer card, graded as text", item.text));
      FieldReader::add_note(d,
                            "remove the quotes for a numeric card, graded as a number "
                            "('tolerance:' can then allow a margin)");
    }
  };
  if (value.kind == Kind::kSequence) {
    if (value.items.empty())
      fields_.error(value, "'answer' must list at least one accepted answer");
    for (const auto& item : value.items) take(item, false);
  } else {
    take(value, true);
  }
}

void CardChecker::check_truefalse_answer(const Entry& entry, CardDraft& draft, bool) {
  const YamlNode& value = *entry.value;
  const auto flag = value.kind == Kind::kScalar && value.plain && value.tag.empty()
                        ? plain_bool(value.text)
                        : std::nullopt;
  if (flag) {
    draft.card.truth = *flag;
    return;
  }
  auto& d =
      fields_.error(FieldReader::where(entry), "a truefalse card's answer must be true or false");
  if (value.kind == Kind::kScalar && is_yaml11_bool_word(value.text)) {
    FieldReader::add_note(d, "quizdeck reads YAML 1.2: yes, no, on and off are text, not booleans");
  }
}

void CardChecker::check_numeric_answer(const Entry& entry, CardDraft& draft, bool) {
  if (const auto number = fields_.read_number(entry, "answer")) draft.card.number = *number;
}

}  // namespace quizdeck::deck
