// SPDX-License-Identifier: MIT
#include "stats/stats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "schedule/due.h"

namespace quizdeck::stats {
namespace {

// Local days from `first` through `last` by where they start, so an instant's day is a
// binary search instead of a trip through the time zone rules (thousands of times).
class Days {
 public:
  Days(const Input& input, std::int64_t first, std::int64_t last) : input_(input), first_(first) {
    for (std::int64_t day = first; day <= last + 1; ++day) starts_.push_back(input.day_start(day));
  }
  std::int64_t start(std::int64_t day) const {
    return day >= first_ && day - first_ < static_cast<std::int64_t>(starts_.size())
               ? starts_[static_cast<std::size_t>(day - first_)]
               : input_.day_start(day);
  }
  std::int64_t of(std::int64_t ms) const {
    if (ms < starts_.front() || ms >= starts_.back()) return input_.day_of(ms);
    const auto next = std::upper_bound(starts_.begin(), starts_.end(), ms);
    return first_ + (next - starts_.begin()) - 1;
  }

 private:
  const Input& input_;
  std::int64_t first_;
  std::vector<std::int64_t> starts_;  // of days first .. last + 1
};

}  // namespace

namespace {

// Every card of the decks that is not learning or in review is new, including the ones
// no session has put in the store yet. A drill introduces as many of them as the day
// allows, leaving out suspended and buried ones (`held`, per deck).
void count_new(const Input& input, const DeckToday& fallback, const std::vector<int>& studied,
               const std::vector<int>& held, Stats& out) {
  std::size_t cards = 0;
  for (std::size_t d = 0; d < input.deck_sizes.size(); ++d) {
    cards += input.deck_sizes[d];
    const DeckToday& deck_today = d < input.today.size() ? input.today[d] : fallback;
    const int fresh = static_cast<int>(input.deck_sizes[d]) - studied[d] - held[d];
    out.decks[d].new_today = std::max(0, std::min(fresh, deck_today.new_left));
    out.new_today += out.decks[d].new_today;
  }
  out.new_cards = static_cast<int>(cards) - out.learning - out.review - out.relearning;
}

// Cards by state, what is due, the forecast, the average recall, and each tag's reviews.
void count_cards(const Input& input, const Days& days, std::int64_t today, Stats& out,
                 std::unordered_map<std::string_view, TagAccuracy>& tags) {
  const std::int64_t tomorrow_start = days.start(today + 1);
  const std::int64_t today_start = days.start(today);
  DeckToday fallback;
  fallback.day_end = tomorrow_start;
  std::size_t deck_count = input.deck_sizes.size();
  for (const auto& card : input.cards) {
    deck_count = std::max(deck_count, static_cast<std::size_t>(card.deck) + 1);
  }
  out.decks.assign(deck_count, DeckDue{});
  std::vector<int> studied(deck_count, 0);      // per deck: not new
  std::vector<int> reviews_due(deck_count, 0);  // per deck: review cards due
  std::vector<int> held(deck_count, 0);         // per deck: new, suspended or buried
  const std::int64_t week_end = days.start(today + 8);
  const std::int64_t forecast_end = days.start(today + 30);
  out.forecast.assign(30, 0);
  double recall_sum = 0;
  int recall_cards = 0;
  std::vector<std::string_view> card_tags;
  for (const auto& card : input.cards) {
    card_tags.clear();
    if (!input.card_tags(card, card_tags)) {
      ++out.orphaned;  // it left its deck: nothing to study, nothing due
      continue;
    }
    for (const auto tag : card_tags) {
      if (card.reviews == 0) break;
      TagAccuracy& accuracy = tags[tag];
      accuracy.right += card.correct;
      accuracy.total += card.reviews;
    }
    const auto d = static_cast<std::size_t>(card.deck);
    const DeckToday& deck_today = d < input.today.size() ? input.today[d] : fallback;
    const bool buried = card.marks.buried_until_ms && *card.marks.buried_until_ms > input.now;
    out.suspended += card.marks.suspended ? 1 : 0;
    out.buried += buried ? 1 : 0;
    out.flagged += card.marks.flag != 0 ? 1 : 0;
    out.leeches += card.marks.leech ? 1 : 0;
    switch (card.state) {
      case core::State::kNew:
        if (card.marks.suspended || buried) ++held[d];
        continue;  // new: counted below
      case core::State::kLearning:
        ++out.learning;
        break;
      case core::State::kReview:
        ++out.review;
        break;
      case core::State::kRelearning:
        ++out.relearning;
        break;
    }
    ++studied[d];
    DeckDue& deck_due = out.decks[d];
    if (card.marks.suspended) {
      // Never due, not in the forecast.
    } else if (!buried &&
               schedule::is_due(card.state, card.due_ms, input.now, deck_today.day_end)) {
      const bool capped = card.state == core::State::kReview && deck_today.reviews_left &&
                          reviews_due[d] >= *deck_today.reviews_left;
      if (card.state == core::State::kReview) ++reviews_due[d];
      if (!capped) {
        ++deck_due.due;
        ++out.due_today;
        if (card.due_ms < today_start) ++out.overdue;
      }
    } else {
      const std::int64_t when =
          buried ? std::max(card.due_ms, *card.marks.buried_until_ms) : card.due_ms;
      if (!deck_due.next_due || when < *deck_due.next_due) deck_due.next_due = when;
      if (card.due_ms >= deck_today.day_end && card.due_ms < week_end) ++out.due_next_week;
    }
    // (A card due past the forecast's 30 days needs no day: days.of would work it out from
    // the local time, a localtime_r call, for most cards of a big store.)
    if (!card.marks.suspended && card.due_ms < forecast_end) {
      const std::int64_t day = std::max(days.of(card.due_ms), today) - today;
      ++out.forecast[static_cast<std::size_t>(day)];
    }
    if (card.last_review_ms && card.stability > 0 &&
        static_cast<std::size_t>(card.deck) < input.schedulers.size()) {
      schedule::CardState state;
      state.state = card.state;
      state.stability = card.stability;
      state.last_review = card.last_review_ms;
      recall_sum +=
          input.schedulers[static_cast<std::size_t>(card.deck)]->retrievability(state, input.now);
      ++recall_cards;
    }
  }
  count_new(input, fallback, studied, held, out);
  if (recall_cards > 0) out.average_recall = recall_sum / recall_cards;
}

// A year of reviews by local day, time spent, the streak, and true retention: reviews of
// cards seen on an earlier day, answered right.
void count_reviews(const Input& input, const Days& days, std::int64_t today, Stats& out) {
  std::map<std::int64_t, int> per_day;
  const std::int64_t first_day = today - 364;
  int right_7 = 0;
  int right_30 = 0;
  for (const auto& bucket : input.buckets) {
    const std::int64_t day = days.of(bucket.start_ms);
    if (day < first_day || day > today) continue;
    per_day[day] += bucket.reviews;
    out.reviews_year += bucket.reviews;
    out.time_year_ms += bucket.response_ms;
    if (day == today) {
      out.reviews_today += bucket.reviews;
      out.time_today_ms += bucket.response_ms;
    }
    const std::int64_t age = today - day;
    if (age >= 30) continue;
    out.recalls_30 += bucket.recalls;
    right_30 += bucket.recalls_right;
    if (age < 7) {
      out.recalls_7 += bucket.recalls;
      right_7 += bucket.recalls_right;
    }
  }
  out.heatmap.assign(per_day.begin(), per_day.end());
  // Today without reviews yet does not break a streak that ran through yesterday.
  std::int64_t day = per_day.contains(today) ? today : today - 1;
  while (per_day.contains(day)) {
    ++out.streak;
    --day;
  }
  if (out.recalls_7 > 0) out.retention_7 = static_cast<double>(right_7) / out.recalls_7;
  if (out.recalls_30 > 0) out.retention_30 = static_cast<double>(right_30) / out.recalls_30;
}

// Accuracy per tag (orphans left out), weakest first; ties by name.
std::vector<TagAccuracy> weakest_first(std::unordered_map<std::string_view, TagAccuracy> tags) {
  std::vector<TagAccuracy> out;
  for (auto& [name, accuracy] : tags) {
    accuracy.tag = std::string(name);
    out.push_back(std::move(accuracy));
  }
  std::sort(out.begin(), out.end(),
            [](const TagAccuracy& a, const TagAccuracy& b) { return a.tag < b.tag; });
  std::stable_sort(out.begin(), out.end(), [](const TagAccuracy& a, const TagAccuracy& b) {
    // Weakest first: lower accuracy, then more reviews (a sturdier figure) first.
    const double left = static_cast<double>(a.right) * b.total;
    const double right = static_cast<double>(b.right) * a.total;
    if (left != right) return left < right;
    return a.total > b.total;
  });
  return out;
}

}  // namespace

Stats compute(const Input& input) {
  Stats out;
  out.desired_retention = input.desired_retention;
  const std::int64_t today = input.day_of(input.now);
  const Days days(input, today - 364, today + 30);
  std::unordered_map<std::string_view, TagAccuracy> tags;
  count_cards(input, days, today, out, tags);
  count_reviews(input, days, today, out);
  out.tags = weakest_first(std::move(tags));
  for (const auto& session : input.sessions) {
    if (session.mode != core::ReviewMode::kExam || !session.complete || !session.ended_ms ||
        !session.points || *session.points <= 0) {
      continue;
    }
    out.exams.push_back({session.id, session.started_ms,
                         100 * session.score.value_or(0) / *session.points, session.pass_mark,
                         session.passed, std::nullopt});
  }
  return out;
}

Calibration calibration(const std::vector<ExamResult>& exams) {
  Calibration out;
  for (const auto& exam : exams) {
    if (!exam.predicted_percent) continue;
    const double error = *exam.predicted_percent - exam.percent;
    out.exams += 1;
    out.mean_error += error;
    out.mean_abs_error += std::abs(error);
  }
  if (out.exams > 0) {
    out.mean_error /= static_cast<double>(out.exams);
    out.mean_abs_error /= static_cast<double>(out.exams);
  }
  return out;
}

}  // namespace quizdeck::stats
