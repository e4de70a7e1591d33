// SPDX-License-Identifier: MIT
#include "session/exam_date.h"

#include <algorithm>
#include <set>

#include "core/time.h"
#include "optimize/exam.h"

namespace quizdeck::session {
namespace {

optimize::Params params_of(const schedule::Scheduler& scheduler) {
  optimize::Params w{};
  std::copy(scheduler.parameters().w.begin(), scheduler.parameters().w.end(), w.begin());
  return w;
}

// Predicted recall on exam day of a card the store knows.
double exam_recall(const optimize::Params& w, const store::CardRecord& card, int hour,
                   std::int64_t exam_day) {
  if (!card.last_review_ms || card.stability <= 0) return 0;
  const std::int64_t last = core::study_day(*card.last_review_ms, hour);
  return optimize::recall(w, static_cast<double>(exam_day - last), card.stability);
}

}  // namespace

std::optional<int> days_to_exam(const StudySettings& rules, std::int64_t now) {
  if (!rules.exam_day) return std::nullopt;
  const std::int64_t days = *rules.exam_day - core::study_day(now, rules.day_start_hour);
  if (days < 1) return std::nullopt;
  return static_cast<int>(std::min<std::int64_t>(days, 100'000));
}

void bring_forward(store::CardRecord& after, const StudySettings& rules, std::int64_t now) {
  const auto days = days_to_exam(rules, now);
  if (!days || after.state != core::State::kReview) return;
  const int hour = rules.day_start_hour;
  const std::int64_t today = core::study_day(now, hour);
  const auto interval = static_cast<int>(core::study_day(after.due_ms, hour) - today);
  const int capped = optimize::exam_interval(0, interval, *days);
  if (capped >= interval) return;
  after.due_ms = core::study_day_start(today + capped, hour);
  after.scheduled_days = capped;
}

void pace_new_cards(store::Store& store, const deck::Deck& deck, const StudySettings& rules,
                    std::int64_t now, DeckDay& day) {
  const auto days = days_to_exam(rules, now);
  if (!days) return;
  // The deck's cards the store has not seen studied (it may not have synced them yet).
  std::set<std::string, std::less<>> seen;
  for (const auto& card : store.cards(deck.id)) {
    if (card.state != core::State::kNew || card.marks.suspended) seen.insert(card.card_id);
  }
  std::size_t remaining = 0;
  for (std::size_t i = 0; i < deck.cards.size(); ++i) {
    if (!seen.contains(deck.cards.id(i))) ++remaining;
  }
  const int started = std::max(0, rules.new_per_day - day.new_left);
  const int allowed = optimize::exam_new_per_day(
      rules.new_per_day, remaining + static_cast<std::size_t>(started), 0, *days);
  day.new_left = std::max(day.new_left, allowed - started);
}

void order_for_exams(store::Store& store, const std::map<std::string, StudySettings>& rules,
                     const std::map<std::string, schedule::Scheduler>& schedulers,
                     const std::map<std::string, DeckDay>& days, std::int64_t now,
                     const CardFilter& filter, std::vector<QueueEntry>& due) {
  for (const auto& [deck_id, deck_rules] : rules) {
    const auto left = days_to_exam(deck_rules, now);
    const auto scheduler = schedulers.find(deck_id);
    if (!left || scheduler == schedulers.end()) continue;
    const optimize::Params w = params_of(scheduler->second);
    const int hour = deck_rules.day_start_hour;
    const std::int64_t exam_day = *deck_rules.exam_day;
    std::map<std::string, store::CardRecord, std::less<>> cards;
    for (auto& card : store.cards(deck_id)) cards.emplace(card.card_id, std::move(card));
    const auto recall_of = [&](const std::string& card_id) {
      const auto it = cards.find(card_id);
      return it == cards.end() ? 0.0 : exam_recall(w, it->second, hour, exam_day);
    };
    // Weakest first, in the places this deck's cards hold in the queue.
    std::vector<std::size_t> slots;
    for (std::size_t i = 0; i < due.size(); ++i) {
      if (due[i].deck_id == deck_id) slots.push_back(i);
    }
    std::vector<std::pair<double, QueueEntry>> mine;  // each recall worked out once
    for (const std::size_t i : slots) mine.emplace_back(recall_of(due[i].card_id), due[i]);
    std::stable_sort(mine.begin(), mine.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t k = 0; k < slots.size(); ++k) due[slots[k]] = mine[k].second;

    // The last days: spare time goes to the weakest cards not yet due (all of them: a
    // drill narrowed to some cards is left as asked).
    if (!optimize::in_final_days(0, *left) || !filter.all()) continue;
    const DeckDay& day = days.at(deck_id);
    const std::int64_t done = store.cards_reviewed_since(deck_id, day.start_ms);
    std::int64_t spare =
        static_cast<std::int64_t>(deck_rules.daily_minutes) * 60 / kSecondsPerReview - done -
        static_cast<std::int64_t>(slots.size());
    if (spare <= 0) continue;
    std::vector<std::pair<double, const store::CardRecord*>> weak;
    const double target = scheduler->second.parameters().request_retention;
    for (const auto& [card_id, card] : cards) {
      if (card.state != core::State::kReview || card.due_ms <= now) continue;
      if (card.marks.suspended || card.marks.buried_at(now)) continue;
      if (card.last_review_ms && *card.last_review_ms >= day.start_ms) continue;  // seen today
      const double r = exam_recall(w, card, hour, exam_day);
      if (r < target) weak.emplace_back(r, &card);
    }
    std::stable_sort(weak.begin(), weak.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [r, card] : weak) {
      if (spare-- <= 0) break;
      due.push_back({deck_id, card->card_id, card->due_ms});
    }
  }
}

}  // namespace quizdeck::session
