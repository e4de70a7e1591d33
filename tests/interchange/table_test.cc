// SPDX-License-Identifier: MIT
// Tables from the corpus: the Ultimate Geography CSVs (Unlicense) come in with their
// hierarchical tags, and what comes out is a deck the loader accepts.
#include "interchange/table.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "deck/parse_deck.h"
#include "interchange/finish.h"
#include "support/needs.h"
#include "support/process.h"

namespace quizdeck::interchange {
namespace {

namespace fs = std::filesystem;

const fs::path kGeography = fs::path(test::corpus_dir()) / "anki-tsv" / "ultimate-geography";

Bank import_file(const std::string& name, const std::vector<std::string>& columns) {
  const fs::path path = kGeography / name;
  return import_table(core::SourceText(path.string(), test::read_text_file(path.string())), ',',
                      columns);
}

}  // namespace

TEST_CASE("tables: Ultimate Geography's capitals come in as short answers") {
  if (!test::needs_shared("corpus")) return;
  Bank bank = import_file("capital.csv", {"question", "answer"});
  REQUIRE(bank.entries.size() == 219);
  CHECK(bank.entries[0].question == "England");
  CHECK(bank.entries[0].answers == std::vector<std::string>{"London"});
  const DeckText text = finish_deck(bank, "capital.csv", {});
  CHECK(bank.skipped == 0);
  CHECK(deck::parse_deck("capital.yaml", text.yaml).deck.has_value());
}

TEST_CASE("tables: Ultimate Geography's notes keep their UG:: tags") {
  if (!test::needs_shared("corpus")) return;
  Bank bank = import_file("main.csv", {"question", "back", "skip", "skip", "skip", "tags"});
  REQUIRE(bank.entries.size() > 200);
  CHECK(bank.entries[0].tags == std::vector<std::string>{"UG::Europe"});
  CHECK(bank.entries[2].tags ==
        std::vector<std::string>{"UG::Europe", "UG::Sovereign_State"});  // "a, b" in one cell
  CHECK(bank.entries[0].back == "[image: ug-flag-england.svg]");
  const DeckText text = finish_deck(bank, "main.csv", {});
  const auto parse = deck::parse_deck("main.yaml", text.yaml);
  REQUIRE(parse.deck.has_value());
  CHECK(parse.deck->cards.size() == bank.entries.size());
}

TEST_CASE("tables: without a question column the header is the error, with its position") {
  const Bank bank = import_file("main.csv", {});
  REQUIRE(!bank.diagnostics.empty());
  CHECK(bank.diagnostics.back().severity == core::Severity::kError);
  CHECK(bank.diagnostics.back().line == 1);
  CHECK(bank.entries.empty());
}

}  // namespace quizdeck::interchange
