// SPDX-License-Identifier: MIT
#include "cli/study/answer_json.h"

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
    case deck::CardType::kMatching:
    case deck::CardType::kOrdering: {
      // Matching: the letter of each prompt's answer, prompts in order; ordering: the
      // letters in the right order.
      std::vector<std::string> letters;
      std::vector<std::string> texts;
      const auto add = [&](const std::string& text) {
        for (std::size_t i = 0; i < order.size(); ++i) {
          if (card.choices[order[i]].text != text) continue;
          letters.push_back(grade::choice_letter(i));
          texts.push_back(text);
        }
      };
      if (card.type == deck::CardType::kMatching) {
        for (const auto& pair : card.pairs) add(pair.answer);
      } else {
        for (const auto& item : card.choices) add(item.text);
      }
      json.key("letters").value(letters);
      json.key("texts").value(texts);
      break;
    }
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
    case deck::CardType::kMatching: {
      json.key("pairs").begin_array();
      for (const auto& pair : card.pairs) {
        json.begin_object();
        json.key("prompt").value(pair.prompt);
        json.key("answer").value(pair.answer);
        json.end_object();
      }
      json.end_array();
      json.key("distractors").value(deck::matching_distractors(card));
      break;
    }
    case deck::CardType::kOrdering: {
      std::vector<std::string> items;
      for (const auto& item : card.choices) items.push_back(item.text);
      json.key("order").value(items);
      break;
    }
  }
  json.key("points").value(card.points);
  json.end_object();
}

}  // namespace quizdeck::cli
