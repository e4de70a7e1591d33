// SPDX-License-Identifier: MIT
#include "session/card_state.h"

#include <stdexcept>

#include <fmt/format.h>

#include "schedule/settings.h"

namespace quizdeck::session {

schedule::CardState to_schedule(const store::CardRecord& record) {
  schedule::CardState state;
  state.due = record.due_ms;
  state.stability = record.stability;
  state.difficulty = record.difficulty;
  state.elapsed_days = record.elapsed_days;
  state.scheduled_days = record.scheduled_days;
  state.learning_steps = record.learning_steps;
  state.reps = record.reps;
  state.lapses = record.lapses;
  state.state = static_cast<schedule::State>(record.state);
  state.last_review = record.last_review_ms;
  return state;
}

store::CardRecord with_state(store::CardRecord record, const schedule::CardState& state) {
  record.due_ms = state.due;
  record.stability = state.stability;
  record.difficulty = state.difficulty;
  record.elapsed_days = state.elapsed_days;
  record.scheduled_days = state.scheduled_days;
  record.learning_steps = state.learning_steps;
  record.reps = state.reps;
  record.lapses = state.lapses;
  record.state = static_cast<int>(state.state);
  record.last_review_ms = state.last_review;
  return record;
}

std::string parameters_for_deck(store::Store& store, const std::string& deck_id,
                                schedule::Parameters& out) {
  schedule::SettingsText flags;
  for (const std::string& scope : {std::string(), deck_id}) {
    for (const auto& [key, value] : store.settings(scope)) {
      schedule::set_setting_text(flags, key, value);  // unknown keys are not ours to use
    }
  }
  return schedule::parameters_from_settings(flags, out, nullptr, "");
}

std::optional<std::map<std::string, schedule::Scheduler>> schedulers_for(
    store::Store& store, const std::vector<std::string>& deck_ids, std::string& problem) {
  std::map<std::string, schedule::Scheduler> schedulers;
  for (const auto& deck_id : deck_ids) {
    schedule::Parameters parameters;
    if (auto invalid = parameters_for_deck(store, deck_id, parameters); !invalid.empty()) {
      problem = fmt::format("the settings of deck '{}' are not valid: {}", deck_id, invalid);
      return std::nullopt;
    }
    schedulers.emplace(deck_id, schedule::Scheduler(parameters));
  }
  return schedulers;
}

store::CardRecord replay_reviews(const schedule::Scheduler& scheduler,
                                 const store::CardRecord& card,
                                 const std::vector<store::ReviewRecord>& reviews) {
  schedule::CardState state =
      schedule::new_card(reviews.empty() ? card.created_ms : reviews.front().time_ms);
  for (const auto& review : reviews) {
    try {
      state = scheduler.next(state, review.time_ms, static_cast<schedule::Rating>(review.rating));
    } catch (const std::invalid_argument&) {
      // A review logged before the previous one's day (a clock set back): the schedule
      // cannot go backwards, so it is left out, as the live session would have refused it.
    }
  }
  store::CardRecord out = with_state(card, state);
  if (reviews.empty()) out.due_ms = card.created_ms;
  return out;
}

}  // namespace quizdeck::session
