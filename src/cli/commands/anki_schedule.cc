// SPDX-License-Identifier: MIT
#include "cli/commands/anki_schedule.h"

#include <algorithm>
#include <map>
#include <set>

#include "session/card_state.h"

namespace quizdeck::cli {
namespace {

using interchange::AnkiReview;
using interchange::AnkiReviewKind;

// Anki's way of logging an interval: days, or seconds as a negative number while the card
// is in (re)learning steps.
std::int64_t interval_of(const schedule::CardState& state, std::int64_t since_ms) {
  switch (state.state) {
    case core::State::kNew:
      return 0;
    case core::State::kReview:
      return state.scheduled_days;
    case core::State::kLearning:
    case core::State::kRelearning:
      break;
  }
  return -std::max<std::int64_t>(1, (state.due - since_ms) / 1000);
}

AnkiReviewKind kind_of(core::State before) {
  switch (before) {
    case core::State::kReview:
      return AnkiReviewKind::kReview;
    case core::State::kRelearning:
      return AnkiReviewKind::kRelearn;
    case core::State::kNew:
    case core::State::kLearning:
      break;
  }
  return AnkiReviewKind::kLearn;
}

// One run of a card's reviews from new (its kept ones, or those a reset set aside), each
// as Anki logs it; a review that did not schedule is logged as a filtered one without a
// difficulty, which Anki's FSRS leaves out too.
void log_run(const schedule::Scheduler& scheduler, const std::vector<store::ReviewRecord>& run,
             std::vector<AnkiReview>& out) {
  if (run.empty()) return;
  schedule::CardState state = schedule::new_card(run.front().time_ms);
  std::int64_t last_ms = run.front().time_ms;
  for (const auto& review : run) {
    AnkiReview logged{review.card_id, review.time_ms, static_cast<int>(review.rating),
                      review.response_ms};
    std::optional<schedule::CardState> next;
    if (review.scheduled) {
      // A review logged before the previous one's day (a clock set back) changes nothing,
      // as when the store's schedule was built.
      if (auto computed = scheduler.next(state, review.time_ms, review.rating)) next = *computed;
    }
    if (!next) {
      logged.kind = AnkiReviewKind::kFiltered;
    } else {
      logged.kind = kind_of(state.state);
      logged.last_interval = interval_of(state, last_ms);
      logged.interval = interval_of(*next, review.time_ms);
      logged.factor = interchange::anki_difficulty_factor(next->difficulty);
      state = *next;
      last_ms = review.time_ms;
    }
    out.push_back(std::move(logged));
  }
}

}  // namespace

core::Expected<interchange::AnkiScheduling> anki_scheduling(store::Store& store,
                                                            const deck::Deck& deck,
                                                            std::int64_t now) {
  const auto parameters = session::parameters_for_deck(store, deck.id);
  if (!parameters) return parameters.error();
  const schedule::Scheduler scheduler(*parameters);
  interchange::AnkiScheduling out;
  out.desired_retention = parameters->request_retention;
  out.decay = parameters->w[20];
  out.maximum_interval = parameters->maximum_interval;
  out.learning_steps_minutes.clear();
  for (const auto& step : parameters->learning_steps)
    out.learning_steps_minutes.push_back(step.minutes);
  out.relearning_steps_minutes.clear();
  for (const auto& step : parameters->relearning_steps) {
    out.relearning_steps_minutes.push_back(step.minutes);
  }
  for (const auto& card : store.cards(deck.id)) {
    interchange::AnkiSchedule s;
    s.state = card.state;
    s.due_ms = card.due_ms;
    s.stability = card.stability;
    s.difficulty = card.difficulty;
    s.scheduled_days = card.scheduled_days;
    const std::size_t steps = card.state == core::State::kRelearning
                                  ? parameters->relearning_steps.size()
                                  : parameters->learning_steps.size();
    s.steps_left = static_cast<int>(steps) - card.learning_steps;
    s.reps = card.reps;
    s.lapses = card.lapses;
    s.last_review_ms = card.last_review_ms;
    s.suspended = card.marks.suspended;
    s.buried = card.marks.buried_at(now);
    s.flag = card.marks.flag;
    out.cards[card.card_id] = s;
  }
  // Each card's log: its kept reviews as one run, those each reset set aside as another,
  // and the reset itself as Anki's Forget (a manual entry), which `import` reads back.
  store::ReviewFilter filter;
  filter.deck_id = deck.id;
  std::map<std::string, std::vector<store::ReviewRecord>> by_card;
  for (auto& review : store.reviews(filter)) by_card[review.card_id].push_back(std::move(review));
  for (auto& [card, reviews] : by_card) {
    std::stable_sort(reviews.begin(), reviews.end(),
                     [](const auto& a, const auto& b) { return a.time_ms < b.time_ms; });
    std::map<std::int64_t, std::vector<store::ReviewRecord>> set_aside;
    std::vector<store::ReviewRecord> kept;
    for (auto& review : reviews) {
      if (review.reset_ms) {
        set_aside[*review.reset_ms].push_back(std::move(review));
      } else {
        kept.push_back(std::move(review));
      }
    }
    for (const auto& [reset, run] : set_aside) {
      log_run(scheduler, run, out.reviews);
      out.reviews.push_back({card, reset, 0, 0, AnkiReviewKind::kManual});
    }
    log_run(scheduler, kept, out.reviews);
  }
  return out;
}

}  // namespace quizdeck::cli
