// SPDX-License-Identifier: MIT
// `export --to apkg --with-scheduling`: what the store holds of a deck's cards, as Anki
// keeps it: each card's state, due time, FSRS memory and marks, and each review with the
// card's state before it and the interval after it (replayed through the deck's
// scheduler, as `store rebuild` does), so the package's revlog reads as Anki's own.
#pragma once

#include <cstdint>

#include "core/expected.h"
#include "deck/deck.h"
#include "interchange/apkg_export.h"
#include "store/store.h"

namespace quizdeck::cli {

core::Expected<interchange::AnkiScheduling> anki_scheduling(store::Store& store,
                                                            const deck::Deck& deck,
                                                            std::int64_t now);

}  // namespace quizdeck::cli
