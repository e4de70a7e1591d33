// SPDX-License-Identifier: MIT
#include "cli/answer_json.h"

#include <algorithm>

#include "grade/grade.h"

namespace quizdeck::cli {
namespace {

bool is_key(const deck::Card& card, const std::string& text) {
  return std::find(card.answers.begin(), card.answers.end(), text) != card.answers.end();
}

}  // namespace

void write_expected(core::JsonWriter& json, const deck::Card& card,
                    const std::vector<std::size_t>& order) {
  json.begin_object();
  switch (card.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti: {
      std::vector<std::string> letters;
      std::vector<std::string> texts;
      for (std::size_t i = 0; i < order.size(); ++i) {
        const std::string& text = card.choices[order[i]].text;
        if (!is_key(card, text)) continue;
        letters.push_back(grade::choice_letter(i));
        texts.push_back(text);
      }
      json.key("letters").value(letters);
      json.key("texts").value(texts);
      break;
    }
    case deck::CardType::kTrueFalse:
      json.key("answers").value(std::vector<std::string>{card.truth ? "true" : "false"});
      break;
    case deck::CardType::kShort:
    case deck::CardType::kCloze:
      json.key("answers").value(card.answers);
      break;
    case deck::CardType::kNumeric:
      json.key("number").value(card.number);
      json.key("tolerance").value(card.tolerance);
      break;
    case deck::CardType::kFlash:
      json.key("back").value(card.back);
      break;
  }
  json.end_object();
}

void write_answer_data(core::JsonWriter& json, const deck::Card& card) {
  json.begin_object();
  switch (card.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti:
      json.key("choices").begin_array();
      for (const auto& choice : card.choices) {
        json.begin_object();
        json.key("text").value(choice.text);
        json.key("key").value(is_key(card, choice.text));
        json.key("why").value(choice.why);
        json.end_object();
      }
      json.end_array();
      json.key("shuffle").value(card.shuffle);
      break;
    case deck::CardType::kTrueFalse:
      json.key("truth").value(card.truth);
      break;
    case deck::CardType::kShort:
    case deck::CardType::kCloze:
      json.key("answers").value(card.answers);
      json.key("match").value(std::string(deck::match_rule_name(card.match)));
      if (card.type == deck::CardType::kCloze) json.key("blank").value(card.blank);
      break;
    case deck::CardType::kNumeric:
      json.key("number").value(card.number);
      json.key("tolerance").value(card.tolerance);
      break;
    case deck::CardType::kFlash:
      json.key("back").value(card.back);
      break;
  }
  json.key("points").value(card.points);
  json.end_object();
}

}  // namespace quizdeck::cli
