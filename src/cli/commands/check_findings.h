// SPDX-License-Identifier: MIT
// The per-card checks of `check` (each media file a card names, each example answer, the
// item-writing checks), remembered in the deck cache by content: while a deck's bytes,
// this quizdeck and every media file the deck names are as they were, the findings are
// reused without a card being read.
#pragma once

#include <vector>

#include "core/diagnostic.h"
#include "deck/deck.h"
#include "store/deck_cache.h"

namespace quizdeck::cli {

// The deck's item-writing warnings (deck/item_checks.h), positioned in its file: each
// finding's words underlined where they stand on its line; with a cache, from it when
// still good, else worked out and kept there.
std::vector<core::Diagnostic> item_warnings(const deck::Deck& deck, store::DeckCache* cache);

// The deck's media and example-answer errors, positioned in its file; with a cache, from
// it when still good (the media files are looked up again, never taken on trust), else
// worked out and kept there.
std::vector<core::Diagnostic> media_and_example_errors(const deck::Deck& deck,
                                                       store::DeckCache* cache);

}  // namespace quizdeck::cli
