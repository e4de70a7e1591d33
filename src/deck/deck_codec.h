// SPDX-License-Identifier: MIT
// A checked deck (and the warnings its check gave) as bytes and back, for the deck cache.
// Pure. The encoding is canonical: fixed-width little-endian numbers, lengths before
// strings, 0/1 booleans, enums in range, nothing after the end; so bytes that decode at
// all re-encode to themselves, and anything else (a truncated or altered blob) is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "deck/deck.h"

namespace quizdeck::deck {

struct CachedDeck {
  Deck deck;
  std::vector<core::Diagnostic> warnings;
};

// How much of each card to keep: all of it, or an outline for figures over many cards
// (id, type, tags, points and the other numbers; no texts, choices or answers).
enum class Detail { kFull, kOutline };

// An outline is encoded as the deck with those left empty, so it decodes (in full) to
// what decoding the whole deck as an outline gives.
std::string encode_deck(const Deck& deck, const std::vector<core::Diagnostic>& warnings,
                        Detail detail = Detail::kFull);

// nullopt for anything that is not exactly an encoding of this format version; either
// detail checks the whole encoding the same way.
std::optional<CachedDeck> decode_deck(std::string_view bytes, Detail detail = Detail::kFull);

}  // namespace quizdeck::deck
