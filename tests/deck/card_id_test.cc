// SPDX-License-Identifier: MIT
#include "deck/card_id.h"
#include "support/expected.h"

#include <doctest/doctest.h>

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
