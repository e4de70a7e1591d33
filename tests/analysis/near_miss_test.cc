// SPDX-License-Identifier: MIT
#include "analysis/near_miss.h"

#include <doctest/doctest.h>

#include <string>

#include "deck/parse_deck.h"

namespace quizdeck::analysis {
namespace {

deck::Card card_of(const std::string& yaml) {
  auto parsed = deck::parse_deck("d.yaml", "title: D\ncards:\n" + yaml);
  REQUIRE(parsed.deck);
  return parsed.deck->cards[0];
}

}  // namespace

TEST_CASE("near misses: a typo, a part of the answer, or the answer within more words") {
  const deck::Card pulse = card_of(R"(
  - question: Which pulse do you check on an infant's upper arm?
    answer: [brachial pulse, brachial artery]
)");
  // A typo the fuzzy rule would allow, named with the answer it is close to.
  CHECK(near_miss(pulse, "brachail pulse") == std::optional<std::string>("brachial pulse"));
  // One word of the answer, or the answer inside a longer response.
  CHECK(near_miss(pulse, "Brachial") == std::optional<std::string>("brachial pulse"));
  CHECK(near_miss(pulse, "the brachial artery, inside of the arm") ==
        std::optional<std::string>("brachial artery"));
  // Not near: another word, or a part too short to mean anything.
  CHECK_FALSE(near_miss(pulse, "radial"));
  CHECK_FALSE(near_miss(pulse, "arm"));
  CHECK_FALSE(near_miss(pulse, ""));
  CHECK_FALSE(near_miss(pulse, "\xff\xfe"));
}

TEST_CASE("near misses: cloze blanks too, and never for choice or numeric cards") {
  const deck::Card blank = card_of(R"(
  - cloze: "An {{automated external defibrillator}} analyses the rhythm."
)");
  CHECK(near_miss(blank, "external defibrillator") ==
        std::optional<std::string>("automated external defibrillator"));
  CHECK_FALSE(near_miss(blank, "automatic electric defibrilator"));
  const deck::Card number = card_of(R"(
  - question: How many compressions per minute, at least?
    answer: 100
)");
  CHECK_FALSE(near_miss(number, "1000"));
}

}  // namespace quizdeck::analysis
