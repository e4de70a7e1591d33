// SPDX-License-Identifier: MIT
// Decks out to GIFT (and Aiken) and back in: card for card the same types, prompts, keys,
// alternatives, tolerances, explanations and tags; what the format cannot carry (hints,
// match rules, points, shuffle) is reported on the way out, never silently lost.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/source_text.h"
#include "deck/parse_deck.h"
#include "interchange/aiken.h"
#include "interchange/anki_text.h"
#include "interchange/finish.h"
#include "interchange/gift.h"
#include "interchange/moodle_xml.h"
#include "interchange/qti.h"
#include "interchange/table.h"
#include "support/process.h"

namespace quizdeck::interchange {
namespace {

namespace fs = std::filesystem;

deck::Deck load(const std::string& path, const std::string& text) {
  deck::DeckParse parse = deck::parse_deck(path, text);
  INFO(path);
  for (const auto& d : parse.diagnostics) INFO(core::render_text(d));
  REQUIRE(parse.deck.has_value());
  return std::move(*parse.deck);
}

// Through `format` and back, as `quizdeck export` and `quizdeck import` do it.
deck::Deck through(const deck::Deck& original, const std::string& format,
                   std::vector<core::Diagnostic>& notes) {
  std::vector<deck::Card> cards(original.cards.begin(), original.cards.end());
  // Every card's tags, the deck's first, as `quizdeck export` writes them.
  const auto entries = entries_of(cards, {});
  const Exported exported = format == "gift"    ? export_gift(entries, original.path)
                            : format == "xml"   ? export_moodle_xml(entries, original.path, "Deck")
                            : format == "qti"   ? export_qti(entries, original.path, "deck", "Deck")
                            : format == "aiken" ? export_aiken(entries, original.path)
                            : format == "csv"   ? export_table(entries, original.path, ',')
                                                : export_anki_text(entries, original.path, "Deck");
  notes = exported.notes;
  Bank bank;
  if (format == "qti") {
    std::vector<core::SourceText> items;  // the package's items (the manifest lists them)
    for (const auto& [name, content] : exported.files) {
      if (name != "imsmanifest.xml") items.emplace_back(name, content);
    }
    bank = import_qti(items);
  } else if (format == "xml") {
    auto read = import_moodle_xml(core::SourceText("exported.xml", exported.text));
    REQUIRE(read.has_value());
    bank = std::move(*read);
  } else {
    const core::SourceText source("exported." + format, exported.text);
    bank = format == "gift"    ? import_gift(source)
           : format == "aiken" ? import_aiken(source)
           : format == "csv"   ? import_table(source, ',', {})
                               : import_anki_text(source);
  }
  for (const auto& d : bank.diagnostics) {
    INFO(core::render_text(d));
    CHECK(d.severity != core::Severity::kError);
  }
  bank.title = original.title;
  const DeckText text = finish_deck(bank, "exported." + format, {});
  CHECK(bank.skipped == 0);
  return load("back.yaml", text.yaml);
}

void check_same(const deck::Deck& original, const deck::Deck& back, bool ids) {
  REQUIRE(original.cards.size() == back.cards.size());
  for (std::size_t i = 0; i < original.cards.size(); ++i) {
    const deck::Card& a = original.cards[i];
    const deck::Card& b = back.cards[i];
    INFO(original.path << ": card " << a.id);
    CHECK(deck::card_type_name(a.type) == deck::card_type_name(b.type));
    CHECK(a.prompt == b.prompt);
    if (ids && a.id_given && a.type != deck::CardType::kCloze) CHECK(a.id == b.id);
    REQUIRE(a.choices.size() == b.choices.size());
    for (std::size_t c = 0; c < a.choices.size(); ++c) {
      CHECK(a.choices[c].text == b.choices[c].text);
      if (ids) CHECK(a.choices[c].why == b.choices[c].why);
    }
    CHECK(a.answers == b.answers);
    REQUIRE(a.pairs.size() == b.pairs.size());
    for (std::size_t p = 0; p < a.pairs.size(); ++p) {
      CHECK(a.pairs[p].prompt == b.pairs[p].prompt);
      CHECK(a.pairs[p].answer == b.pairs[p].answer);
    }
    CHECK(a.truth == b.truth);
    CHECK(std::fabs(a.number - b.number) < 1e-12);
    CHECK(std::fabs(a.tolerance - b.tolerance) < 1e-12);
    CHECK(a.back == b.back);
    if (ids) {
      // GIFT essays have one feedback: a flash card's back; its explanation is reported.
      if (a.type != deck::CardType::kFlash) CHECK(a.explain == b.explain);
      CHECK(a.tags == b.tags);
    }
  }
}

std::vector<fs::path> bundled_decks() {
  std::vector<fs::path> decks;
  for (const auto& entry : fs::directory_iterator(fs::path(test::source_dir()) / "decks")) {
    if (entry.path().extension() == ".yaml") decks.push_back(entry.path());
  }
  decks.push_back(fs::path(test::golden_dir()) / "study" / "_fixtures" / "study.yaml");
  return decks;
}

}  // namespace

TEST_CASE("GIFT round trip: every bundled deck and every card type come back card for card") {
  for (const auto& path : bundled_decks()) {
    const deck::Deck original = load(path.string(), test::read_text_file(path.string()));
    std::vector<core::Diagnostic> notes;
    const deck::Deck back = through(original, "gift", notes);
    // GIFT has no ordering questions: those cards are left out, each reported.
    deck::Deck carried = original;
    carried.cards = deck::CardList();
    for (const deck::Card& card : original.cards) {
      if (card.type != deck::CardType::kOrdering) carried.cards.push_back(card);
    }
    check_same(carried, back, true);
    // Every card keeps its id, a cloze's blanks too (BASE#1 ...).
    for (std::size_t i = 0; i < carried.cards.size(); ++i) {
      CHECK(carried.cards[i].id == back.cards[i].id);
    }
    // What GIFT cannot hold is named, card by card.
    const auto reported = [&](const deck::Card& card, const char* what) {
      for (const auto& note : notes) {
        if (note.line == card.pos.line && note.message.find(what) != std::string::npos) {
          return true;
        }
      }
      return false;
    };
    for (const deck::Card& card : original.cards) {
      INFO(card.id);
      if (!card.hint.empty()) CHECK(reported(card, "hint"));
      if (card.type == deck::CardType::kFlash && !card.explain.empty()) {
        CHECK(reported(card, "explanation"));
      }
      if (card.type == deck::CardType::kOrdering) CHECK(reported(card, "left out"));
    }
  }
}

TEST_CASE(
    "Moodle XML round trip: every bundled deck comes back card for card, hints and points too") {
  for (const auto& path : bundled_decks()) {
    const deck::Deck original = load(path.string(), test::read_text_file(path.string()));
    std::vector<core::Diagnostic> notes;
    const deck::Deck back = through(original, "xml", notes);
    check_same(original, back, true);
    for (std::size_t i = 0; i < original.cards.size(); ++i) {
      const deck::Card& a = original.cards[i];
      const deck::Card& b = back.cards[i];
      INFO(a.id);
      CHECK(a.hint == b.hint);
      CHECK(a.points == b.points);
      if (a.type == deck::CardType::kChoice || a.type == deck::CardType::kMulti) {
        CHECK(a.shuffle == b.shuffle);
      }
    }
  }
}

TEST_CASE("QTI round trip: every bundled deck comes back card for card from its package") {
  for (const auto& path : bundled_decks()) {
    const deck::Deck original = load(path.string(), test::read_text_file(path.string()));
    std::vector<core::Diagnostic> notes;
    const deck::Deck back = through(original, "qti", notes);
    check_same(original, back, false);
    for (std::size_t i = 0; i < original.cards.size(); ++i) {
      const deck::Card& a = original.cards[i];
      INFO(a.id);
      if (a.id_given && a.type != deck::CardType::kCloze) CHECK(a.id == back.cards[i].id);
    }
  }
}

TEST_CASE("Anki text round trip: flash, short and cloze cards come back, the rest as flash cards") {
  for (const auto& path : bundled_decks()) {
    const deck::Deck original = load(path.string(), test::read_text_file(path.string()));
    std::vector<core::Diagnostic> notes;
    const deck::Deck back = through(original, "anki", notes);
    REQUIRE(back.cards.size() == original.cards.size());
    for (std::size_t i = 0; i < original.cards.size(); ++i) {
      const deck::Card& a = original.cards[i];
      const deck::Card& b = back.cards[i];
      INFO(path.string() << ": card " << a.id);
      CHECK(a.tags == b.tags);
      if (a.id_given && a.type != deck::CardType::kCloze) CHECK(a.id == b.id);
      switch (a.type) {
        case deck::CardType::kFlash:
          CHECK(b.type == deck::CardType::kFlash);
          CHECK(a.prompt == b.prompt);
          CHECK(b.back.starts_with(a.back));
          break;
        case deck::CardType::kShort:
          CHECK(b.type == deck::CardType::kShort);
          CHECK(a.prompt == b.prompt);
          CHECK(b.answers == std::vector<std::string>{a.answers.at(0)});
          break;
        case deck::CardType::kCloze:
          CHECK(b.type == deck::CardType::kCloze);
          CHECK(a.answers.at(0) == b.answers.at(0));
          break;
        default:
          CHECK(b.prompt.starts_with(a.prompt));
      }
    }
  }
}

TEST_CASE("CSV round trip: what a table carries comes back, the rest is reported") {
  for (const auto& path : bundled_decks()) {
    const deck::Deck original = load(path.string(), test::read_text_file(path.string()));
    std::vector<core::Diagnostic> notes;
    const deck::Deck back = through(original, "csv", notes);
    // Cloze, matching and ordering cards are left out, each reported.
    deck::Deck carried = original;
    carried.cards = deck::CardList();
    for (const deck::Card& card : original.cards) {
      const bool table = card.type != deck::CardType::kCloze &&
                         card.type != deck::CardType::kMatching &&
                         card.type != deck::CardType::kOrdering;
      if (table) {
        carried.cards.push_back(card);
        continue;
      }
      CHECK(std::any_of(notes.begin(), notes.end(), [&](const core::Diagnostic& d) {
        return d.line == card.pos.line && d.message.find("left out") != std::string::npos;
      }));
    }
    // Types, prompts, keys, alternatives, explanations and tags (no choice feedback).
    REQUIRE(carried.cards.size() == back.cards.size());
    for (std::size_t i = 0; i < carried.cards.size(); ++i) {
      const deck::Card& a = carried.cards[i];
      const deck::Card& b = back.cards[i];
      INFO(path.string() << ": card " << a.id);
      CHECK(deck::card_type_name(a.type) == deck::card_type_name(b.type));
      CHECK(a.prompt == b.prompt);
      if (a.id_given) CHECK(a.id == b.id);
      REQUIRE(a.choices.size() == b.choices.size());
      for (std::size_t c = 0; c < a.choices.size(); ++c)
        CHECK(a.choices[c].text == b.choices[c].text);
      CHECK(a.answers == b.answers);
      CHECK(a.truth == b.truth);
      CHECK(a.number == b.number);
      CHECK(a.back == b.back);
      CHECK(a.explain == b.explain);
      CHECK(a.hint == b.hint);
      CHECK(a.tags == b.tags);
    }
  }
}

TEST_CASE("Aiken round trip: choice cards come back, the others are reported") {
  const fs::path path = fs::path(test::source_dir()) / "decks" / "world-capitals.yaml";
  const deck::Deck original = load(path.string(), test::read_text_file(path.string()));
  std::vector<core::Diagnostic> notes;
  const deck::Deck back = through(original, "aiken", notes);
  std::size_t choices = 0;
  for (const deck::Card& card : original.cards) {
    if (card.type == deck::CardType::kChoice) ++choices;
  }
  CHECK(back.cards.size() == choices);
  std::size_t left_out = 0;
  for (const auto& note : notes) {
    left_out += note.message.find("choice questions only") != std::string::npos ? 1 : 0;
  }
  CHECK(left_out > 0);
}

}  // namespace quizdeck::interchange
