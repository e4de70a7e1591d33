// SPDX-License-Identifier: MIT
// Between the store's plain card records and the scheduler's card states, and the
// scheduler settings a store holds (global, overridden per deck).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schedule/fsrs.h"
#include "store/store.h"

namespace quizdeck::session {

schedule::CardState to_schedule(const store::CardRecord& record);
// `record` keeps its identity (deck, card, prompt, creation); the state comes from `state`.
store::CardRecord with_state(store::CardRecord record, const schedule::CardState& state);

// The scheduler parameters for a deck: defaults, then global settings, then the deck's;
// a failure says what is wrong with a stored value.
core::Expected<schedule::Parameters> parameters_for_deck(store::Store& store,
                                                         const std::string& deck_id);

// The scheduler of each deck, from the store's settings; a failure (kInvalidInput) names
// the deck whose stored setting is not valid.
core::Expected<std::map<std::string, schedule::Scheduler>> schedulers_for(
    store::Store& store, const std::vector<std::string>& deck_ids);

// Replays a card's kept, scheduled reviews from a new card: what `store rebuild` writes.
store::CardRecord replay_reviews(const schedule::Scheduler& scheduler,
                                 const store::CardRecord& card,
                                 const std::vector<store::ReviewRecord>& reviews);

}  // namespace quizdeck::session
