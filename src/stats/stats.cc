// SPDX-License-Identifier: MIT
#include "stats/stats.h"

#include <algorithm>

namespace quizdeck::stats {

Stats compute(const Input& input) {
  Stats out;
  out.desired_retention = input.desired_retention;
  const std::int64_t today = input.day_of(input.now);
  const std::int64_t tomorrow_start = input.day_start(today + 1);
  const std::int64_t today_start = input.day_start(today);
  const std::int64_t week_end = input.day_start(today + 8);
  out.forecast.assign(30, 0);

  double recall_sum = 0;
  int recall_cards = 0;
  for (const auto& card : input.cards) {
    if (!input.tags.contains({card.deck, card.card_id})) {
      ++out.orphaned;  // it left its deck: nothing to study, nothing due
      continue;
    }
    switch (card.state) {
      case 0:
        continue;  // new: counted below
      case 1:
        ++out.learning;
        break;
      case 2:
        ++out.review;
        break;
      default:
        ++out.relearning;
        break;
    }
    if (card.due_ms < tomorrow_start) ++out.due_today;
    if (card.due_ms < today_start) ++out.overdue;
    if (card.due_ms >= tomorrow_start && card.due_ms < week_end) ++out.due_next_week;
    const std::int64_t day = std::max(input.day_of(card.due_ms), today) - today;
    if (day < 30) ++out.forecast[static_cast<std::size_t>(day)];
    if (card.last_review_ms && card.stability > 0 &&
        static_cast<std::size_t>(card.deck) < input.schedulers.size()) {
      schedule::CardState state;
      state.state = static_cast<schedule::State>(card.state);
      state.stability = card.stability;
      state.last_review = card.last_review_ms;
      recall_sum +=
          input.schedulers[static_cast<std::size_t>(card.deck)]->retrievability(state, input.now);
      ++recall_cards;
    }
  }
  // Every card of the decks that is not learning or in review is new, including the ones
  // no session has put in the store yet.
  out.new_cards = static_cast<int>(input.tags.size()) - out.learning - out.review - out.relearning;
  if (recall_cards > 0) out.average_recall = recall_sum / recall_cards;

  // A year of reviews by local day; time spent; the streak.
  std::map<std::int64_t, int> per_day;
  const std::int64_t first_day = today - 364;
  for (const auto& bucket : input.buckets) {
    const std::int64_t day = input.day_of(bucket.start_ms);
    if (day < first_day || day > today) continue;
    per_day[day] += bucket.reviews;
    out.reviews_year += bucket.reviews;
    out.time_year_ms += bucket.response_ms;
    if (day == today) {
      out.reviews_today += bucket.reviews;
      out.time_today_ms += bucket.response_ms;
    }
  }
  out.heatmap.assign(per_day.begin(), per_day.end());
  // Today without reviews yet does not break a streak that ran through yesterday.
  std::int64_t day = per_day.contains(today) ? today : today - 1;
  while (per_day.contains(day)) {
    ++out.streak;
    --day;
  }

  // True retention: reviews of cards seen on an earlier day, answered right.
  int right_7 = 0;
  int right_30 = 0;
  for (const auto& recall : input.recalls) {
    const std::int64_t age = today - input.day_of(recall.time_ms);
    if (age < 0 || age >= 30) continue;
    ++out.recalls_30;
    right_30 += recall.correct ? 1 : 0;
    if (age < 7) {
      ++out.recalls_7;
      right_7 += recall.correct ? 1 : 0;
    }
  }
  if (out.recalls_7 > 0) out.retention_7 = static_cast<double>(right_7) / out.recalls_7;
  if (out.recalls_30 > 0) out.retention_30 = static_cast<double>(right_30) / out.recalls_30;

  // Accuracy per tag; cards the decks no longer have are orphans.
  std::map<std::string, TagAccuracy> tags;
  for (const auto& total : input.totals) {
    const auto it = input.tags.find({total.deck, total.card_id});
    if (it == input.tags.end()) continue;
    for (const auto& tag : it->second) {
      TagAccuracy& accuracy = tags[tag];
      accuracy.tag = tag;
      accuracy.right += total.correct;
      accuracy.total += total.reviews;
    }
  }
  for (auto& [name, accuracy] : tags) out.tags.push_back(accuracy);
  std::stable_sort(out.tags.begin(), out.tags.end(),
                   [](const TagAccuracy& a, const TagAccuracy& b) {
                     // Weakest first: lower accuracy, then more reviews (a sturdier figure) first.
                     const double left = static_cast<double>(a.right) * b.total;
                     const double right = static_cast<double>(b.right) * a.total;
                     if (left != right) return left < right;
                     return a.total > b.total;
                   });
  for (const auto& session : input.sessions) {
    if (session.mode != "exam" || !session.ended_ms || !session.points || *session.points <= 0) {
      continue;
    }
    out.exams.push_back({session.started_ms, 100 * session.score.value_or(0) / *session.points,
                         session.pass_mark, session.passed});
  }
  return out;
}

}  // namespace quizdeck::stats
