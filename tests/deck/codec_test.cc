// SPDX-License-Identifier: MIT
// The deck cache's encoding: every bundled deck and a corpus deck of thousands of cards
// survive a round trip through a header and chunks; the header alone gives every card's id
// and tags, and finds a card by its id.
#include "deck/deck_codec.h"

#include <doctest/doctest.h>

#include <filesystem>

#include "deck/parse_deck.h"
#include "support/needs.h"
#include "support/process.h"

namespace quizdeck::deck {
namespace {

void round_trip(const std::string& path) {
  INFO(path);
  const auto parse = parse_deck(path, test::read_text_file(path));
  REQUIRE(parse.deck);
  const EncodedDeck encoded = encode_deck(*parse.deck, parse.diagnostics);
  CHECK(encoded.chunks.size() == (parse.deck->cards.size() + kChunkCards - 1) / kChunkCards);
  const auto whole = decode_deck(encoded);
  REQUIRE(whole);
  const EncodedDeck again = encode_deck(whole->deck, whole->warnings);
  CHECK(again.header == encoded.header);
  CHECK(again.chunks == encoded.chunks);
  CHECK(whole->warnings.size() == parse.diagnostics.size());

  auto header = decode_header(encoded.header);
  REQUIRE(header);
  CHECK(header->deck.title == parse.deck->title);
  CHECK(header->deck.cards.empty());
  CHECK(header->cards == parse.deck->cards.size());
  const auto decoded_index = decode_index(encoded.index, header->cards);
  REQUIRE(decoded_index);
  const CardIndex& index = *decoded_index;
  REQUIRE(index.size() == parse.deck->cards.size());
  for (std::size_t i = 0; i < index.size(); ++i) {
    const Card& card = parse.deck->cards[i];
    CHECK(index.id(i) == card.id);
    std::vector<std::string_view> tags;
    index.tags(i, tags);
    CHECK(std::equal(tags.begin(), tags.end(), card.tags.begin(), card.tags.end()));
    CHECK(index.find(card.id) == i);
  }
  CHECK_FALSE(index.find("no-such-card"));
  CHECK_FALSE(index.find(""));
}

}  // namespace

TEST_CASE("deck codec: bundled decks round-trip, and the header indexes every card") {
  int decks = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/decks")) {
    round_trip(entry.path().string());
    ++decks;
  }
  CHECK(decks >= 3);
}

TEST_CASE("deck codec: a deck of thousands of cards round-trips, chunk by chunk") {
  const std::string path = test::corpus_dir() + "/opentrivia/music.yaml";
  if (!test::needs_shared("corpus")) return;
  round_trip(path);
}

TEST_CASE("deck codec: altered bytes are refused, header and chunks alike") {
  const std::string path = test::source_dir() + "/decks/crss.yaml";
  const auto parse = parse_deck(path, test::read_text_file(path));
  REQUIRE(parse.deck);
  const EncodedDeck encoded = encode_deck(*parse.deck, parse.diagnostics);
  CHECK_FALSE(decode_header(encoded.header.substr(0, encoded.header.size() - 1)));
  CHECK_FALSE(decode_header(encoded.header + "x"));
  CHECK_FALSE(decode_chunk(encoded.chunks[0].substr(1)));
  CHECK_FALSE(decode_chunk(encoded.chunks[0] + "x"));
  const std::size_t cards = parse.deck->cards.size();
  CHECK_FALSE(decode_index(encoded.index, cards + 1));
  CHECK_FALSE(decode_index(encoded.index + "x", cards));
  // An index whose id order is not sorted is not canonical.
  std::string swapped = encoded.index;
  const std::size_t tail = swapped.size() - 8;
  std::swap_ranges(swapped.begin() + static_cast<std::ptrdiff_t>(tail),
                   swapped.begin() + static_cast<std::ptrdiff_t>(tail + 4),
                   swapped.begin() + static_cast<std::ptrdiff_t>(tail + 4));
  CHECK_FALSE(decode_index(swapped, cards));
}

}  // namespace quizdeck::deck
