// SPDX-License-Identifier: MIT
// The card itself, in a field of the Anki notes quizdeck exports (the field "quizdeck",
// which no template shows): the card as a one-card deck file, base64 after a marker, so
// that what Anki's HTML editor or a text export does to white space cannot change it.
// Importing such a note brings back the card exactly (its type, choices, keys, match rule,
// whys), not the Basic note shown on the phone. Pure: text in, text out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "interchange/bank.h"

namespace quizdeck::interchange {

inline constexpr std::string_view kCardFieldName = "quizdeck";
inline constexpr std::string_view kCardFieldMarker = "quizdeck-card-v1:";

std::string encode_card_field(const Entry& entry);

struct DecodedCard {
  Entry entry;
  int blanks = 0;  // a cloze's blanks (Anki's c1 ... cN, in order)
};

// The card a field holds, when it holds one the deck loader accepts; nothing for a field
// that does not start with the marker, or whose card does not load.
std::optional<DecodedCard> decode_card_field(std::string_view field);

// Whether the field starts with the marker (holds a card, readable or not).
bool is_card_field(std::string_view field);

}  // namespace quizdeck::interchange
