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

std::string encode_deck(const Deck& deck, const std::vector<core::Diagnostic>& warnings);

// nullopt for anything that is not exactly an encoding of this format version.
std::optional<CachedDeck> decode_deck(std::string_view bytes);

}  // namespace quizdeck::deck
