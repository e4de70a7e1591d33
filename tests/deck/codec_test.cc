// SPDX-License-Identifier: MIT
// The deck cache's encoding: every bundled deck survives a round trip, and an outline
// (what statistics read) keeps each card's id, type, tags and numbers and nothing else,
// whether it is decoded from the whole model or encoded on its own.
#include "deck/deck_codec.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "deck/parse_deck.h"
#include "support/process.h"

namespace quizdeck::deck {

TEST_CASE("deck codec: bundled decks round-trip, and outlines agree both ways") {
  int decks = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/decks")) {
    const std::string path = entry.path().string();
    INFO(path);
    const auto parse = parse_deck(path, test::read_text_file(path));
    REQUIRE(parse.deck);
    ++decks;
    const std::string blob = encode_deck(*parse.deck, parse.diagnostics);
    const auto full = decode_deck(blob);
    REQUIRE(full);
    CHECK(encode_deck(full->deck, full->warnings) == blob);

    const auto outline = decode_deck(blob, Detail::kOutline);
    REQUIRE(outline);
    const std::string outline_blob = encode_deck(*parse.deck, parse.diagnostics, Detail::kOutline);
    CHECK(outline_blob.size() < blob.size());
    CHECK(encode_deck(outline->deck, outline->warnings) == outline_blob);
    const auto reread = decode_deck(outline_blob);
    REQUIRE(reread);
    CHECK(encode_deck(reread->deck, reread->warnings) == outline_blob);

    REQUIRE(outline->deck.cards.size() == parse.deck->cards.size());
    CHECK(outline->deck.title == parse.deck->title);
    for (std::size_t i = 0; i < outline->deck.cards.size(); ++i) {
      const Card& kept = outline->deck.cards[i];
      const Card& card = parse.deck->cards[i];
      CHECK(kept.id == card.id);
      CHECK(kept.type == card.type);
      CHECK(kept.tags == card.tags);
      CHECK(kept.points == card.points);
      CHECK(kept.prompt.empty());
      CHECK(kept.choices.empty());
      CHECK(kept.answers.empty());
      CHECK(kept.explain.empty());
    }
  }
  CHECK(decks >= 3);
}

}  // namespace quizdeck::deck
