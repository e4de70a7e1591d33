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

// The files have a header row of their own names: skipped, the columns named instead.
Bank import_file(const std::string& name, const std::vector<std::string>& columns) {
  const fs::path path = kGeography / name;
  return import_table(core::SourceText(path.string(), test::read_text_file(path.string())), ',',
                      columns, !columns.empty());
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
  if (!test::needs_shared("corpus")) return;
  const Bank bank = import_file("main.csv", {});
  REQUIRE(!bank.diagnostics.empty());
  CHECK(bank.diagnostics.back().severity == core::Severity::kError);
  CHECK(bank.diagnostics.back().line == 1);
  CHECK(bank.entries.empty());
}

}  // namespace quizdeck::interchange

namespace quizdeck::interchange {
namespace {

Bank import_text(const std::string& text, const std::vector<std::string>& columns,
                 bool skip_header = false) {
  return import_table(core::SourceText("t.tsv", text), '\t', columns, skip_header);
}

std::string rendered(const Bank& bank) {
  std::string out;
  for (const auto& d : bank.diagnostics) out += core::render_text(d);
  return out;
}

}  // namespace

TEST_CASE("tables: with --columns and no header every row is a question, the first too") {
  const Bank bank = import_text("Q1\tA1\nQ2\tA2\n", {"question", "back"});
  REQUIRE(bank.entries.size() == 2);
  CHECK(bank.questions == 2);
  CHECK(bank.entries[0].question == "Q1");
  CHECK(bank.entries[0].back == "A1");
  CHECK(bank.entries[1].question == "Q2");
  // A header of names of its own is skipped when said so.
  const Bank headed = import_text("Front\tBack\nQ2\tA2\n", {"question", "back"}, true);
  REQUIRE(headed.entries.size() == 1);
  CHECK(headed.questions == 1);
  CHECK(headed.entries[0].question == "Q2");
}

TEST_CASE("tables: an id used twice, or one a card id cannot be, is renamed with a warning") {
  const Bank bank =
      import_text("id\tquestion\tback\nx\tq1\tb\nx\tq2\tb\nx-2\tq3\tb\nmy id\tq4\tb\n", {});
  REQUIRE(bank.entries.size() == 4);
  // The first use of each id keeps it, though a later row takes it ("x-2" is row 3's).
  CHECK(bank.entries[0].id == "x");
  CHECK(bank.entries[1].id == "x-3");
  CHECK(bank.entries[2].id == "x-2");
  CHECK(bank.entries[3].id == "my-id");
  CHECK(bank.warned() == 2);
  CHECK(rendered(bank) ==
        "t.tsv:3:1: warning: the id 'x' is taken by an earlier row: imported as 'x-3'\n"
        "    x q2 b\n"
        "    ^\n"
        "t.tsv:5:1: warning: the id 'my id' cannot be a card id as written: imported as "
        "'my-id'\n"
        "    my id q4 b\n"
        "    ^\n");
}

TEST_CASE("tables: text that looks like HTML goes out escaped and comes back as written") {
  std::vector<Entry> entries(3);
  entries[0].type = deck::CardType::kFlash;
  entries[0].id = "a<b>c";
  entries[0].question = "includes <html class=\"cool\"> & images";
  entries[0].back = "&amp; is an ampersand";
  entries[1].type = deck::CardType::kFlash;
  entries[1].id = "getting-started";
  entries[1].question = "q1";
  entries[1].back = "b1";
  entries[2].type = deck::CardType::kFlash;
  entries[2].id = "getting-started-2";
  entries[2].question = "a < b, 3 > 2 & so on";
  entries[2].back = "b2";
  const Exported exported = export_table(entries, "d.yaml", '\t');
  CHECK(exported.text.find("\"includes &lt;html class=\"\"cool\"\"&gt; &amp; images\"") !=
        std::string::npos);
  CHECK(exported.text.find("a < b, 3 > 2 & so on") != std::string::npos);  // means no markup
  const Bank back = import_table(core::SourceText("d.tsv", exported.text), '\t', {});
  CHECK(back.diagnostics.empty());
  REQUIRE(back.entries.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(back.entries[i].id == entries[i].id);
    CHECK(back.entries[i].question == entries[i].question);
    CHECK(back.entries[i].back == entries[i].back);
  }
}

TEST_CASE("tables: a file of many bad rows shows the first hundred warnings and counts the rest") {
  std::string text = "question\tanswer\n";
  for (int i = 0; i < 1000; ++i) text += "\tanswer\n";
  const Bank bank = import_text(text, {});
  CHECK(bank.questions == 1000);
  CHECK(bank.skipped == 1000);
  REQUIRE(bank.diagnostics.size() == Bank::kShown + 1);
  const core::Diagnostic& note = bank.diagnostics.back();
  CHECK(note.severity == core::Severity::kNote);
  CHECK(note.line == 102);
  CHECK(note.message == "900 more warnings or errors from here on not shown (the first 100 are)");
}

}  // namespace quizdeck::interchange
