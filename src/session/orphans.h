// SPDX-License-Identifier: MIT
// Card identity across deck edits: store cards whose id is no longer in their deck are
// orphans. When a card new to the store has a very similar prompt, the orphan was probably
// reworded, and `quizdeck relink` can move its history over.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "deck/deck.h"
#include "store/store.h"

namespace quizdeck::session {

struct Orphan {
  std::string card_id;
  std::string prompt;  // as last seen
  std::int64_t reviews = 0;
  std::optional<std::string> likely_new_id;  // a new card with a very similar prompt
};

// Prompts this similar (1 - edit distance / longer length, after normalization) or more
// suggest a relink.
inline constexpr double kRelinkSimilarity = 0.75;

std::vector<Orphan> find_orphans(store::Store& store, const deck::Deck& deck);

// 0 (nothing alike) to 1 (the same after normalization).
double prompt_similarity(const std::string& a, const std::string& b);

}  // namespace quizdeck::session
