// SPDX-License-Identifier: MIT
#include "session/card_state.h"

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
  state.state = record.state;
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
  record.state = state.state;
  record.last_review_ms = state.last_review;
  return record;
}

core::Expected<schedule::Parameters> parameters_for_deck(store::Store& store,
                                                         const std::string& deck_id) {
  schedule::SettingsText flags;
  for (const std::string& scope : {std::string(), deck_id}) {
    for (const auto& [key, value] : store.settings(scope)) {
      schedule::set_setting_text(flags, key, value);  // other keys are not the scheduler's
    }
  }
  return schedule::parameters_from_settings(flags, nullptr, "");
}

core::Expected<std::map<std::string, schedule::Scheduler>> schedulers_for(
    store::Store& store, const std::vector<std::string>& deck_ids) {
  std::map<std::string, schedule::Scheduler> schedulers;
  for (const auto& deck_id : deck_ids) {
    auto parameters = parameters_for_deck(store, deck_id);
    if (!parameters) {
      return core::fail(ExitCode::kInvalidInput,
                        fmt::format("the settings of deck '{}' are not valid: {}", deck_id,
                                    parameters.error().message()));
    }
    schedulers.emplace(deck_id, schedule::Scheduler(*parameters));
  }
  return schedulers;
}

store::CardRecord replay_reviews(const schedule::Scheduler& scheduler,
                                 const store::CardRecord& card,
                                 const std::vector<store::ReviewRecord>& reviews) {
  schedule::CardState state =
      schedule::new_card(reviews.empty() ? card.created_ms : reviews.front().time_ms);
  for (const auto& review : reviews) {
    // A review logged before the previous one's day (a clock set back) cannot move the
    // schedule backwards, so it is left out, as the live session would have refused it.
    if (auto next = scheduler.next(state, review.time_ms, review.rating)) state = *next;
  }
  store::CardRecord out = with_state(card, state);
  if (reviews.empty()) out.due_ms = card.created_ms;
  return out;
}

}  // namespace quizdeck::session
