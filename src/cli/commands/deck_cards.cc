// SPDX-License-Identifier: MIT
#include "cli/commands/deck_cards.h"

#include <algorithm>
#include <string>

#include "deck/card_id.h"

namespace quizdeck::cli {

std::vector<analysis::DeckCard> deck_cards(const deck::Deck& deck) {
  std::vector<analysis::DeckCard> out;
  for (const deck::Card& card : deck.cards) {
    analysis::DeckCard c;
    c.deck = deck.id;
    c.card = card.id;
    c.content = deck::card_content_hash(card);
    c.question = deck::card_question_hash(card);
    c.prompt = card.prompt;
    c.type = std::string(deck::card_type_name(card.type));
    c.points = card.points;
    c.source = &card;
    if (card.type == deck::CardType::kChoice || card.type == deck::CardType::kMulti) {
      for (const deck::Choice& choice : card.choices) {
        c.choices.push_back(choice.text);
        c.keys.push_back(std::find(card.answers.begin(), card.answers.end(), choice.text) !=
                         card.answers.end());
      }
    }
    if (card.type == deck::CardType::kChoice && !card.choices.empty()) {
      c.guess = 1.0 / static_cast<double>(card.choices.size());
    } else if (card.type == deck::CardType::kTrueFalse) {
      c.guess = 0.5;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace quizdeck::cli
