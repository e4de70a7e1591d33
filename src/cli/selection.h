// SPDX-License-Identifier: MIT
// Checking a selection of cards (--card ID, --tag TAG) against the decks before anything
// runs: naming a card or tag no deck has is a usage error with "did you mean", never an
// empty session that looks like "nothing due".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/expected.h"
#include "deck/deck.h"

namespace quizdeck::cli {

core::Expected<void> check_selection(const std::vector<deck::Deck>& decks,
                                     const std::optional<std::string>& card,
                                     const std::vector<std::string>& tags);

// The ids of a deck's cards with any of `tags` (all of them when `tags` is empty), or the
// one card `card`.
std::vector<std::string> selected_cards(const deck::Deck& deck,
                                        const std::optional<std::string>& card,
                                        const std::vector<std::string>& tags);

}  // namespace quizdeck::cli
