// SPDX-License-Identifier: MIT
// A checked deck (and the warnings its check gave) as bytes and back, for the deck cache.
// Pure. The deck is written as a small header (the deck's own fields, its warnings, how
// many cards), an index of its cards (ids, tags, and the order of the ids) and chunks of
// kChunkCards cards, so a reader decodes only what it needs. The encoding is canonical: fixed-width
// little-endian numbers, lengths before strings, 0/1 booleans, enums in range, nothing
// after the end; bytes that decode at all re-encode to themselves, and anything else (a
// truncated or altered blob) is refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "deck/deck.h"

namespace quizdeck::deck {

inline constexpr std::size_t kChunkCards = 64;

struct EncodedDeck {
  std::string header;
  std::string index;
  std::vector<std::string> chunks;  // cards 0..63, 64..127, ...
};

EncodedDeck encode_deck(const Deck& deck, const std::vector<core::Diagnostic>& warnings);

// A deck's cards without the cards: ids, tags and the id order, read in place from the
// header bytes it keeps (flat arrays: nothing is parsed card by card when a deck loads).
class CardIndex {
 public:
  std::size_t size() const { return cards_; }
  std::string_view id(std::size_t index) const;
  void tags(std::size_t index, std::vector<std::string_view>& out) const;
  std::optional<std::size_t> find(std::string_view id) const;

 private:
  friend struct IndexBuilder;
  // A little-endian u32 array inside the bytes.
  struct Words {
    const char* at = nullptr;
    std::uint32_t operator[](std::size_t i) const;
  };
  std::shared_ptr<const std::string> bytes_;  // the header everything points into
  std::size_t cards_ = 0;
  Words id_ends_;  // end offset of each card's id in id_bytes_
  const char* id_bytes_ = nullptr;
  Words tag_ends_;       // end of each card's tags in card_tags_
  Words card_tags_;      // tag numbers
  Words tag_name_ends_;  // end offset of each tag name in tag_bytes_
  const char* tag_bytes_ = nullptr;
  Words by_id_;  // card indexes in id order
};

struct DeckHeader {
  Deck deck;  // its cards left empty
  std::vector<core::Diagnostic> warnings;
  std::size_t cards = 0;
};

// nullopt for anything that is not exactly a header, an index (of `cards` cards) or a
// chunk of this format version.
std::optional<DeckHeader> decode_header(std::string_view bytes);
std::optional<CardIndex> decode_index(std::string bytes, std::size_t cards);
std::optional<std::vector<Card>> decode_chunk(std::string_view bytes);

struct CachedDeck {
  Deck deck;  // whole
  std::vector<core::Diagnostic> warnings;
};

// The whole deck from a header, its index and all its chunks (tests, the fuzz harness).
std::optional<CachedDeck> decode_deck(const EncodedDeck& encoded);

}  // namespace quizdeck::deck
