// SPDX-License-Identifier: MIT
#include "session/answer_log.h"

#include <algorithm>

#include "core/json_writer.h"
#include "deck/card_id.h"

namespace quizdeck::session {
namespace {

std::string json_strings(const std::vector<std::string>& items) {
  core::JsonWriter json;
  json.value(items);
  return json.str();
}

}  // namespace

void store_answer(store::ReviewRecord& review, const Question& question, const Result& result) {
  const deck::Card& card = *question.card;
  review.answer_form = "typed";
  review.shown.reset();
  review.content = deck::card_content_hash(card);
  review.question = deck::card_question_hash(card);
  review.credit = std::clamp(result.grade.credit, 0.0, 1.0);
  if (card.type == deck::CardType::kFlash) {
    review.answer = std::to_string(static_cast<int>(result.rating));
  } else if (!card.choices.empty()) {  // choice, multi, matching, ordering
    std::vector<std::string> picked;
    for (const std::size_t index : result.grade.picked) picked.push_back(card.choices[index].text);
    std::vector<std::string> shown;
    for (const std::size_t index : question.order) shown.push_back(card.choices[index].text);
    review.answer = json_strings(picked);
    review.answer_form = "choices";
    review.shown = json_strings(shown);
  } else {
    review.answer = result.given;
  }
}

}  // namespace quizdeck::session
