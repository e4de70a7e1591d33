// SPDX-License-Identifier: MIT
#include "deck/give_away.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "deck/parse_deck.h"

namespace quizdeck::deck {
namespace {

// The deck's cards (a cloze gives one card per blank), parsed from YAML.
Deck parse(const std::string& cards_yaml) {
  auto parsed = parse_deck("d.yaml", "title: D\ncards:\n" + cards_yaml);
  REQUIRE(parsed.deck);
  return std::move(*parsed.deck);
}

std::vector<const Card*> pointers(const Deck& deck) {
  std::vector<const Card*> cards;
  for (std::size_t i = 0; i < deck.cards.size(); ++i) cards.push_back(&deck.cards[i]);
  return cards;
}

}  // namespace

TEST_CASE("give-aways: a text that shows another card's typed answer relates the two") {
  const Deck deck = parse(R"(
  - id: name
    question: What does AED stand for?
    answer: automated external defibrillator
  - id: use
    question: "When is an Automated External Defibrillator, an AED, used?"
    choices: [Cardiac arrest, Choking]
    answer: Cardiac arrest
  - id: pads
    question: Where do the pads go?
    answer: [chest, upper right chest]
  - id: other
    question: Which rhythm can be shocked?
    answer: ventricular fibrillation
  - id: short
    question: Is it safe? Yes, and it takes 10 seconds.
    answer: "yes"
)");
  const GiveAways give_aways(pointers(deck));
  // "use" shows the answer "name" asks for (case and punctuation aside), both ways round.
  CHECK(give_aways.related(0, 1));
  CHECK(give_aways.related(1, 0));
  // Whole words only: "chest" is not in "Choking" or "arrest"; "fibrillation" is a word of
  // "defibrillator" only in part.
  CHECK_FALSE(give_aways.related(2, 1));
  CHECK_FALSE(give_aways.related(3, 0));
  CHECK_FALSE(give_aways.related(3, 1));
  // Answers shorter than four letters give nothing away; a card is never its own concern.
  CHECK_FALSE(give_aways.related(4, 0));
  CHECK_FALSE(give_aways.related(4, 4));
  CHECK_FALSE(give_aways.related(0, 0));
}

TEST_CASE("give-aways: a cloze blank's text shows its siblings' answers, a choice too") {
  const Deck deck = parse(R"(
  - id: steps
    cloze: "Check {{responsiveness}}, call for {{help}}, then start {{compressions}}."
  - id: what
    question: What do you start after calling for help?
    choices: [Compressions, Rescue breaths]
    answer: Compressions
)");
  REQUIRE(deck.cards.size() == 4);
  const GiveAways give_aways(pointers(deck));
  // steps#1 shows "compressions", the answer steps#3 asks; steps#3 shows "responsiveness".
  CHECK(give_aways.related(0, 2));
  // The choice card shows "Compressions" among its choices: steps#3 asks it.
  CHECK(give_aways.related(3, 2));
  // "help" is four letters: steps#1 and steps#3 show it, what asks no typed answer.
  CHECK(give_aways.related(0, 1));
  CHECK(give_aways.related(3, 1));
}

}  // namespace quizdeck::deck
