// SPDX-License-Identifier: MIT
// Wrong typed responses worth a second look before a regrade ("accept 'radial' too?"): one
// the card would accept with `match: fuzzy` (a typo or two), or one that holds an accepted
// answer's words as a whole phrase, or is held by one ("radial" for "radial artery"; of
// four letters or more). Short-answer and cloze cards only. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "deck/card.h"

namespace quizdeck::analysis {

// The accepted answer `response` comes close to, or nothing.
std::optional<std::string> near_miss(const deck::Card& card, std::string_view response);

}  // namespace quizdeck::analysis
