// SPDX-License-Identifier: MIT
// The deck an import writes is checked by the deck loader, in pieces on every core for a
// large bank: an entry the loader refuses is left out with its reason, wherever it falls.
#include "interchange/finish.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "deck/parse_deck.h"

namespace quizdeck::interchange {

TEST_CASE("finish: a large bank is checked in pieces, refused entries anywhere are left out") {
  Bank bank;
  bank.title = "Large";
  for (int i = 0; i < 12'000; ++i) {
    Entry e;
    e.type = deck::CardType::kShort;
    e.question = "Question number " + std::to_string(i) + "?";
    e.answers = {"answer " + std::to_string(i)};
    e.pos = {i + 1, 1};
    bank.entries.push_back(std::move(e));
  }
  // Refused by the loader: an answer that is not one of the choices, in the first piece,
  // near a piece's border, and in the last piece.
  for (const std::size_t bad : {std::size_t{10}, std::size_t{6'000}, std::size_t{11'999}}) {
    Entry& e = bank.entries[bad];
    e.type = deck::CardType::kChoice;
    e.choices = {{"one", "", {}}, {"two", "", {}}};
    e.answers = {"three"};
  }
  const DeckText text = finish_deck(bank, "bank.csv", {});
  CHECK(bank.entries.size() == 11'997);
  CHECK(bank.skipped == 3);
  REQUIRE(bank.diagnostics.size() == 3);
  std::vector<int> lines;
  for (const auto& d : bank.diagnostics) {
    CHECK(d.message == "not imported: answer 'three' is not one of the choices");
    lines.push_back(d.line);
  }
  std::sort(lines.begin(), lines.end());
  CHECK(lines == std::vector<int>{11, 6'001, 12'000});
  const deck::DeckParse parse = deck::parse_deck("large.yaml", text.yaml);
  REQUIRE(parse.deck);
  CHECK(parse.deck->cards.size() == 11'997);
}

}  // namespace quizdeck::interchange
