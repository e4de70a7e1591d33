// SPDX-License-Identifier: MIT
// Progress figures, computed from the compact rows the store hands over: cards by state,
// what is due, a 30-day forecast, a year of daily reviews, true retention, average
// recall, accuracy per tag, streak, time spent, and exam history. Pure: the time and the
// local calendar are passed in.
#pragma once

#include <climits>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schedule/fsrs.h"
#include "store/store.h"

namespace quizdeck::stats {

// Local day number (days since 1970-01-01 in the learner's time zone) of an instant.
using DayOf = std::function<std::int64_t(std::int64_t ms)>;
// The instant a local day starts.
using DayStart = std::function<std::int64_t(std::int64_t day)>;

// A deck's study day (session/today.h): "due today" is the one definition drill, status,
// stats and report share (schedule/due.h).
struct DeckToday {
  std::int64_t day_end = INT64_MAX;  // the next study day's start
  int new_left = 1'000'000'000;      // new cards the daily limit still allows
  std::optional<int> reviews_left;   // review cards it still allows (none: no limit)
};

struct Input {
  std::int64_t now = 0;
  DayOf day_of;
  DayStart day_start;
  double desired_retention = 0.9;
  std::vector<const schedule::Scheduler*> schedulers;  // per deck index
  std::vector<store::Store::CardStateRow> cards;       // for `compute`; a Tally is fed rows
  std::vector<store::Store::ReviewBucket> buckets;     // the last year, for `compute`
  std::vector<store::SessionRecord> sessions;
  // The decks' pauses with nothing due (by deck index): days in them do not break the
  // streak.
  std::vector<store::Store::QuietSpell> quiet;
  // How many cards each deck (by index) has now, and its study day (absent: no limits,
  // the day ends at the next calendar day_start).
  std::vector<std::size_t> deck_sizes;
  std::vector<DeckToday> today;
  // Whether the card of a row is in its deck now, and if so its tags (appended to `tags`,
  // views that live as long as the row and the decks). Store cards that are not have left
  // their deck (orphans).
  std::function<bool(const store::Store::CardStateRow& row, std::vector<std::string_view>& tags)>
      card_tags;
};

struct TagAccuracy {
  std::string tag;
  int right = 0;
  int total = 0;
};

struct ExamResult {
  std::int64_t session_id = 0;
  std::int64_t when_ms = 0;
  double percent = 0;
  std::optional<double> pass_mark;
  std::optional<bool> passed;
  // What the memory model predicted when the exam started: the points-weighted recall of
  // its questions then (filled by the caller, which has the review log).
  std::optional<double> predicted_percent;
};

// How far the predictions of past exams were from their results.
struct Calibration {
  std::size_t exams = 0;
  double mean_error = 0;      // predicted minus actual, percentage points (+: optimistic)
  double mean_abs_error = 0;  // percentage points
};
Calibration calibration(const std::vector<ExamResult>& exams);

// What a drill of one deck would ask now: cards due today and new cards.
struct DeckDue {
  int due = 0;  // review cards due today (within the daily review limit) and steps due
  int new_today = 0;
  std::optional<std::int64_t> next_due;  // when nothing is due: the next card's due time
};

// A card answered wrong at least once: its kept reviews and how many of them were wrong.
struct MissedCard {
  int deck = 0;  // deck index
  std::string card_id;
  int misses = 0;
  int reviews = 0;
};
inline constexpr std::size_t kMostMissed = 15;

struct Stats {
  int new_cards = 0;
  int learning = 0;
  int review = 0;
  int relearning = 0;
  int orphaned = 0;            // in the store, no longer in their deck
  int due_today = 0;           // due today (schedule/due.h), summed over the decks
  int new_today = 0;           // new cards a drill would introduce now, summed
  int overdue = 0;             // of those, due before today started
  std::vector<DeckDue> decks;  // per deck index
  int suspended = 0;           // marks (cards still in their deck)
  int buried = 0;
  int flagged = 0;
  int leeches = 0;
  int due_next_week = 0;      // due from tomorrow through the 7th day after today
  std::vector<int> forecast;  // 30 days; [0] is today, overdue included
  std::vector<std::pair<std::int64_t, int>> heatmap;  // (local day, reviews), the last year
  std::optional<double> retention_7;
  std::optional<double> retention_30;
  int recalls_7 = 0;
  int recalls_30 = 0;
  double desired_retention = 0.9;
  std::optional<double> average_recall;  // over cards with a memory state
  std::vector<TagAccuracy> tags;         // weakest first
  // Days with reviews, up to today, with no day between them that had something due and
  // no review; `streak_rest` counts the days between them that had nothing due.
  int streak = 0;
  int streak_rest = 0;
  int reviews_year = 0;
  int reviews_today = 0;
  std::int64_t time_year_ms = 0;
  std::int64_t time_today_ms = 0;
  std::vector<ExamResult> exams;   // oldest first
  std::vector<MissedCard> missed;  // the kMostMissed cards missed most often, most first
};

// The figures, built one card row and review bucket at a time so that a caller streaming the
// store's rows never holds them all: `add` every row (in the store's order), then `finish` once.
// The input (less its `cards`) must outlive the tally.
class Tally {
 public:
  explicit Tally(const Input& input);
  ~Tally();
  Tally(const Tally&) = delete;
  Tally& operator=(const Tally&) = delete;
  void add(const store::Store::CardStateRow& card);
  void add(const store::Store::ReviewBucket& bucket);  // in any order, decks mixed
  Stats finish();

 private:
  struct Counts;
  void grow(std::size_t decks);
  bool quiet(std::int64_t day) const;
  void streak(Stats& out) const;
  const Input& input_;
  std::unique_ptr<Counts> counts_;
};

// A tally over `input.cards`.
Stats compute(const Input& input);

// What stats, status and the report show: the rows, the figures computed from them, and
// each deck's desired retention (by deck index).
struct Progress {
  Input input;
  Stats stats;
  std::vector<double> retention;
};

}  // namespace quizdeck::stats
