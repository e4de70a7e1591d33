// SPDX-License-Identifier: MIT
#include "stats/stats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "schedule/due.h"

namespace quizdeck::stats {

// (Days, NameHash and TagTable are not in an anonymous namespace: Tally::Counts, of
// external linkage, holds them.)

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

}  // namespace

// Tags by name; looked up by view, kept as strings (a row's views die with the row).
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view name) const {
    return std::hash<std::string_view>{}(name);
  }
};
using TagTable = std::unordered_map<std::string, TagAccuracy, NameHash, std::equal_to<>>;

// Cards by state, what is due, the forecast, the average recall, each tag's reviews and
// the cards missed most often, one row at a time.
struct Tally::Counts {
  Counts(const Input& input, std::int64_t today)
      : days(input, today - 364, today + 30),
        today(today),
        today_start(days.start(today)),
        week_end(days.start(today + 8)),
        forecast_end(days.start(today + 30)) {
    fallback.day_end = days.start(today + 1);
  }
  Days days;
  std::int64_t today;
  std::int64_t today_start;
  std::int64_t week_end;
  std::int64_t forecast_end;
  DeckToday fallback;
  Stats out;
  std::vector<int> studied;      // per deck: not new
  std::vector<int> reviews_due;  // per deck: review cards due
  std::vector<int> held;         // per deck: new, suspended or buried
  double recall_sum = 0;
  int recall_cards = 0;
  TagTable tags;
  std::vector<std::string_view> card_tags;  // reused for each row
  std::map<std::int64_t, int> per_day;      // reviews by local day
  std::vector<std::int64_t> last_end;       // per deck: the end of its last review's bucket
  std::vector<std::int64_t> first_due;      // per deck: when its first studied card is due
  int right_7 = 0;
  int right_30 = 0;
};

Tally::Tally(const Input& input)
    : input_(input), counts_(std::make_unique<Counts>(input, input.day_of(input.now))) {
  Counts& c = *counts_;
  c.out.desired_retention = input.desired_retention;
  c.out.forecast.assign(30, 0);
  grow(input.deck_sizes.size());
}

Tally::~Tally() = default;

void Tally::grow(std::size_t decks) {
  Counts& c = *counts_;
  if (decks <= c.out.decks.size()) return;
  c.out.decks.resize(decks);
  c.studied.resize(decks, 0);
  c.reviews_due.resize(decks, 0);
  c.held.resize(decks, 0);
  c.last_end.resize(decks, INT64_MIN);
  c.first_due.resize(decks, INT64_MAX);
}

void Tally::add(const store::Store::CardStateRow& card) {
  Counts& c = *counts_;
  Stats& out = c.out;
  const auto d = static_cast<std::size_t>(card.deck);
  grow(d + 1);
  if (card.reviews > card.correct) {
    // The most missed, most first; ties keep the rows' order.
    const int misses = card.reviews - card.correct;
    const auto at = std::upper_bound(out.missed.begin(), out.missed.end(), misses,
                                     [](int m, const MissedCard& e) { return m > e.misses; });
    if (at - out.missed.begin() < static_cast<std::ptrdiff_t>(kMostMissed)) {
      out.missed.insert(at, {card.deck, card.card_id, misses, card.reviews});
      if (out.missed.size() > kMostMissed) out.missed.pop_back();
    }
  }
  c.card_tags.clear();
  if (!input_.card_tags(card, c.card_tags)) {
    ++out.orphaned;  // it left its deck: nothing to study, nothing due
    return;
  }
  if (card.reviews > 0) {
    for (const auto tag : c.card_tags) {
      auto it = c.tags.find(tag);
      if (it == c.tags.end()) it = c.tags.emplace(std::string(tag), TagAccuracy{}).first;
      it->second.right += card.correct;
      it->second.total += card.reviews;
    }
  }
  const DeckToday& deck_today = d < input_.today.size() ? input_.today[d] : c.fallback;
  const bool buried = card.marks.buried_until_ms && *card.marks.buried_until_ms > input_.now;
  out.suspended += card.marks.suspended ? 1 : 0;
  out.buried += buried ? 1 : 0;
  out.flagged += card.marks.flag != 0 ? 1 : 0;
  out.leeches += card.marks.leech ? 1 : 0;
  switch (card.state) {
    case core::State::kNew:
      if (card.marks.suspended || buried) ++c.held[d];
      return;  // new: counted in finish
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
  ++c.studied[d];
  if (!card.marks.suspended) {
    c.first_due[d] =
        std::min(c.first_due[d], std::max(card.due_ms, card.marks.buried_until_ms.value_or(0)));
  }
  DeckDue& deck_due = out.decks[d];
  if (card.marks.suspended) {
    // Never due, not in the forecast.
  } else if (!buried && schedule::is_due(card.state, card.due_ms, input_.now, deck_today.day_end)) {
    const bool capped = card.state == core::State::kReview && deck_today.reviews_left &&
                        c.reviews_due[d] >= *deck_today.reviews_left;
    if (card.state == core::State::kReview) ++c.reviews_due[d];
    if (!capped) {
      ++deck_due.due;
      ++out.due_today;
      if (card.due_ms < c.today_start) ++out.overdue;
    }
  } else {
    const std::int64_t when =
        buried ? std::max(card.due_ms, *card.marks.buried_until_ms) : card.due_ms;
    if (!deck_due.next_due || when < *deck_due.next_due) deck_due.next_due = when;
    if (card.due_ms >= deck_today.day_end && card.due_ms < c.week_end) ++out.due_next_week;
  }
  // (A card due past the forecast's 30 days needs no day: days.of would work it out from
  // the local time, a localtime_r call, for most cards of a big store.)
  if (!card.marks.suspended && card.due_ms < c.forecast_end) {
    const std::int64_t day = std::max(c.days.of(card.due_ms), c.today) - c.today;
    ++out.forecast[static_cast<std::size_t>(day)];
  }
  if (card.last_review_ms && card.stability > 0 && d < input_.schedulers.size()) {
    schedule::CardState state;
    state.state = card.state;
    state.stability = card.stability;
    state.last_review = card.last_review_ms;
    c.recall_sum += input_.schedulers[d]->retrievability(state, input_.now);
    ++c.recall_cards;
  }
}

// A year of reviews by local day, time spent, and true retention: reviews of cards seen on
// an earlier day, answered right.
void Tally::add(const store::Store::ReviewBucket& bucket) {
  Counts& c = *counts_;
  Stats& out = c.out;
  const auto d = static_cast<std::size_t>(std::max(0, bucket.deck));
  grow(d + 1);
  c.last_end[d] = std::max(c.last_end[d], bucket.start_ms + store::kReviewBucketMs);
  const std::int64_t day = c.days.of(bucket.start_ms);
  if (day < c.today - 364 || day > c.today) return;
  c.per_day[day] += bucket.reviews;
  out.reviews_year += bucket.reviews;
  out.time_year_ms += bucket.response_ms;
  if (day == c.today) {
    out.reviews_today += bucket.reviews;
    out.time_today_ms += bucket.response_ms;
  }
  const std::int64_t age = c.today - day;
  if (age >= 30) return;
  out.recalls_30 += bucket.recalls;
  c.right_30 += bucket.recalls_right;
  if (age < 7) {
    out.recalls_7 += bucket.recalls;
    c.right_7 += bucket.recalls_right;
  }
}

namespace {

// Accuracy per tag (orphans left out), weakest first; ties by name.
std::vector<TagAccuracy> weakest_first(TagTable tags) {
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

// Whether nothing of any deck was due on a local day without reviews: for each deck, the
// day falls in one of its quiet spells, or after its last review and before its first
// card (as the store stands now, unchanged since) came due.
bool Tally::quiet(std::int64_t day) const {
  const Counts& c = *counts_;
  const std::int64_t start = c.days.start(day);
  const std::int64_t end = c.days.start(day + 1);
  for (std::size_t d = 0; d < c.last_end.size(); ++d) {
    if (c.last_end[d] <= start) {
      if (c.first_due[d] < end) return false;
      continue;
    }
    const bool spell = std::any_of(input_.quiet.begin(), input_.quiet.end(), [&](const auto& q) {
      return static_cast<std::size_t>(q.deck) == d && q.since_ms <= start && q.until_ms >= end;
    });
    if (!spell) return false;
  }
  return true;
}

// Days with reviews back from today (today without reviews yet does not break a streak
// that ran through yesterday), over days that had nothing due, up to a year.
void Tally::streak(Stats& out) const {
  const Counts& c = *counts_;
  int rest = 0;  // quiet days since the last study day counted
  for (std::int64_t day = c.today; day > c.today - 365; --day) {
    if (c.per_day.contains(day)) {
      ++out.streak;
      out.streak_rest += rest;
      rest = 0;
    } else if (day == c.today) {
      continue;
    } else if (quiet(day)) {
      ++rest;
    } else {
      break;
    }
  }
}

Stats Tally::finish() {
  Counts& c = *counts_;
  Stats out = std::move(c.out);
  count_new(input_, c.fallback, c.studied, c.held, out);
  if (c.recall_cards > 0) out.average_recall = c.recall_sum / c.recall_cards;
  out.heatmap.assign(c.per_day.begin(), c.per_day.end());
  streak(out);
  if (out.recalls_7 > 0) out.retention_7 = static_cast<double>(c.right_7) / out.recalls_7;
  if (out.recalls_30 > 0) out.retention_30 = static_cast<double>(c.right_30) / out.recalls_30;
  out.tags = weakest_first(std::move(c.tags));
  for (const auto& session : input_.sessions) {
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

Stats compute(const Input& input) {
  Tally tally(input);
  for (const auto& card : input.cards) tally.add(card);
  for (const auto& bucket : input.buckets) tally.add(bucket);
  return tally.finish();
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
