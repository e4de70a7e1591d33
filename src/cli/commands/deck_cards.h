// SPDX-License-Identifier: MIT
// A deck's cards as item analysis and the gradebook take them: id, content hash, prompt,
// type, points, the source card to regrade against, and for choice cards the choices,
// which are keys, and the chance of a blind guess.
#pragma once

#include <vector>

#include "analysis/item_analysis.h"
#include "deck/deck.h"

namespace quizdeck::cli {

std::vector<analysis::DeckCard> deck_cards(const deck::Deck& deck);

}  // namespace quizdeck::cli
