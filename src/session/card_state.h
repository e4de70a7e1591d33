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

// Setting keys, as `quizdeck config` takes them.
inline const std::vector<std::string> kSettingKeys{
    "retention", "max-interval", "learning-steps", "relearning-steps",
    "fuzz",      "short-term",   "params"};

// The scheduler parameters for a deck: defaults, then global settings, then the deck's.
// Empty on success, else what is wrong with a stored value.
std::string parameters_for_deck(store::Store& store, const std::string& deck_id,
                                schedule::Parameters& out);

// The scheduler of each deck, from the store's settings. On a setting that is not valid,
// returns nothing and says which deck and why in `problem`.
std::optional<std::map<std::string, schedule::Scheduler>> schedulers_for(
    store::Store& store, const std::vector<std::string>& deck_ids, std::string& problem);

// Replays a card's kept, scheduled reviews from a new card: what `store rebuild` writes.
store::CardRecord replay_reviews(const schedule::Scheduler& scheduler,
                                 const store::CardRecord& card,
                                 const std::vector<store::ReviewRecord>& reviews);

}  // namespace quizdeck::session
