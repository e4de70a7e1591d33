// SPDX-License-Identifier: MIT
#include "deck/card_id.h"
#include "deck/parse_deck.h"
#include "support/expected.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace quizdeck::deck {

TEST_CASE("fnv1a64 matches the published test values") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("derived ids depend on type and normalized prompt only") {
  const std::string id = derive_card_id(CardType::kChoice, "What is the capital of Australia?");
  CHECK(id == "choice-09b7c057c715");
  CHECK(derive_card_id(CardType::kChoice, "  what is the CAPITAL of australia ") == id);
  CHECK(derive_card_id(CardType::kMulti, "What is the capital of Australia?") ==
        "multi-09b7c057c715");
  CHECK(derive_card_id(CardType::kChoice, "What is the capital of Austria?") != id);
}

TEST_CASE("card and deck id rules") {
  CHECK(test::failure_of(check_card_id("exam1-q1")) == "");
  CHECK(test::failure_of(check_card_id("UG::Europe/1")) == "");
  CHECK(test::failure_of(check_card_id("")) == "a card id cannot be empty");
  CHECK(test::failure_of(check_card_id("a b")) ==
        "a card id cannot contain white space or control characters");
  CHECK(test::failure_of(check_card_id("a#1")) ==
        "a card id cannot contain '#' (it is reserved for cloze blanks)");
  CHECK(test::failure_of(check_card_id(std::string(129, 'x'))) ==
        "a card id has at most 128 characters");
  CHECK(is_valid_deck_id("crss"));
  CHECK(is_valid_deck_id("aws-ccp.v2_1"));
  CHECK_FALSE(is_valid_deck_id("CRSS"));
  CHECK_FALSE(is_valid_deck_id("-x"));
  CHECK_FALSE(is_valid_deck_id(""));
  CHECK(deck_id_from_file_name("decks/crss.yaml") == "crss");
  CHECK(deck_id_from_file_name("My Deck (v2).yml") == "my-deck-v2");
  CHECK(deck_id_from_file_name("dir/__x.yaml") == "x");
  CHECK(deck_id_from_file_name("\u65e5\u672c.yaml") == "");
}

}  // namespace quizdeck::deck

namespace quizdeck::deck {
TEST_CASE("card content hash: what is asked and what counts as right, nothing else") {
  Card card;
  card.id = "q";
  card.type = CardType::kChoice;
  card.prompt = "Capital of Australia?";
  card.choices = {{"Canberra", "", {}}, {"Sydney", "The largest city.", {}}};
  card.answers = {"Canberra"};
  const std::string base = card_content_hash(card);
  CHECK(base.size() == 32);
  CHECK(card_content_hash(card) == base);
  Card same = card;  // explanations, whys, hints, tags and self-tests change no answer
  same.explain = "Chosen in 1908.";
  same.hint = "Not the largest.";
  same.choices[1].why = "No.";
  same.tags = {"geo"};
  same.accept = {{"Canberra", {}}};
  same.pos = {9, 3};
  CHECK(card_content_hash(same) == base);
  const auto changed = [&](auto&& edit) {
    Card other = card;
    edit(other);
    return card_content_hash(other) != base;
  };
  CHECK(changed([](Card& c) { c.prompt = "Capital of Austria?"; }));
  CHECK(changed([](Card& c) { c.choices.push_back({"Perth", "", {}}); }));
  CHECK(changed([](Card& c) { std::swap(c.choices[0], c.choices[1]); }));
  CHECK(changed([](Card& c) { c.answers = {"Sydney"}; }));
  CHECK(changed([](Card& c) { c.points = 2; }));
  CHECK(changed([](Card& c) { c.type = CardType::kMulti; }));
  CHECK(changed([](Card& c) { c.image.path = "map.png"; }));
  // Fields are delimited: moving text from one field to the next changes the hash.
  CHECK(changed([](Card& c) {
    c.choices[0].text = "CanberraSydney";
    c.choices[1].text = "";
  }));
}
}  // namespace quizdeck::deck

namespace quizdeck::deck {
TEST_CASE("card question hash: what is asked, not what counts as right") {
  Card card;
  card.id = "pulse";
  card.type = CardType::kShort;
  card.prompt = "Which pulse do you check in an infant?";
  card.answers = {"brachial"};
  const std::string base = card_question_hash(card);
  CHECK(base.size() == 32);
  CHECK(base != card_content_hash(card));
  const auto same = [&](auto&& edit) {
    Card other = card;
    edit(other);
    return card_question_hash(other) == base;
  };
  // Another answer accepted, a key corrected, points or tolerance changed: the same question.
  CHECK(same([](Card& c) { c.answers.push_back("radial"); }));
  CHECK(same([](Card& c) { c.points = 3; }));
  CHECK(same([](Card& c) { c.match = MatchRule::kFuzzy; }));
  CHECK(same([](Card& c) { c.tolerance = 0.5; }));
  CHECK(same([](Card& c) { c.truth = true; }));
  // A reworded question, another type, other choices or media: another question.
  CHECK_FALSE(same([](Card& c) { c.prompt = "Which pulse do you check in an adult?"; }));
  CHECK_FALSE(same([](Card& c) { c.type = CardType::kCloze; }));
  CHECK_FALSE(same([](Card& c) { c.choices.push_back({"Radial", "", {}}); }));
  CHECK_FALSE(same([](Card& c) { c.image.path = "infant.png"; }));
}

TEST_CASE("card question hash: a cloze blank asks its prompt, not every blank's answers") {
  const auto blanks = [](const char* cloze) {
    const auto parsed = parse_deck(
        "t.yaml", std::string("title: T\ncards:\n  - cloze: ") + cloze + "\n    id: m\n");
    REQUIRE(parsed.deck);
    std::vector<std::string> hashes;
    for (const Card& c : parsed.deck->cards) hashes.push_back(card_question_hash(c));
    return hashes;
  };
  const auto before = blanks("The {{mitochondria}} is the powerhouse of the {{cell}}.");
  REQUIRE(before.size() == 2);
  // Another spelling accepted in either blank: both blanks ask the same.
  CHECK(blanks("The {{mitochondria|mitochondrion}} is the powerhouse of the {{cell}}.") == before);
  CHECK(blanks("The {{mitochondria}} is the powerhouse of the {{cell|cells}}.") == before);
  // The first answer of blank 1 is shown when blank 2 is asked: that one changes.
  const auto shown = blanks("The {{mitochondrion}} is the powerhouse of the {{cell}}.");
  CHECK(shown[0] == before[0]);
  CHECK(shown[1] != before[1]);
}
}  // namespace quizdeck::deck
