// SPDX-License-Identifier: MIT
// Future study simulated day by day with a learner's FSRS parameters, seeded. The model:
// each day, due cards are reviewed (earliest due first; with an exam date, lowest predicted
// exam-day recall first) within the review limit and the daily time budget, then new
// cards are introduced within the new-card limit and what is left of the budget. A review
// is recalled with the probability FSRS predicts after the days since the last one; a
// recalled card is rated Hard/Good/Easy, a forgotten one Again, with the learner's rating
// frequencies; each review takes the learner's seconds for that rating, a first review
// the seconds for its rating. The next review comes when recall is predicted to fall to
// the desired retention (whole days, at least one, at most the maximum interval). Same-day
// learning steps are folded into the first review. "Memorized" is the sum over introduced
// cards of their recall at the end of the day.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "optimize/model.h"

namespace quizdeck::optimize {

// A card already studied: its state, days since its last review (day 0 is today) and the
// day its next review is due (0 or less: due today).
struct SimCard {
  MemoryState state;
  std::int64_t last_day = 0;  // 0 or less
  std::int64_t due_day = 0;
};

struct LearnerProfile {
  // Anki's simulator defaults, for a learner without history.
  std::array<double, 4> first_rating{0.24, 0.094, 0.495, 0.171};  // Again..Easy
  std::array<double, 3> recalled_rating{0.224, 0.631, 0.145};     // Hard, Good, Easy
  std::array<double, 4> first_seconds{33.79, 24.3, 13.68, 6.5};
  std::array<double, 4> review_seconds{23.0, 11.68, 7.33, 5.6};
};

struct SimulationOptions {
  Params w{};
  double retention = 0.9;
  int days = 365;
  int new_per_day = 20;
  int reviews_per_day = std::numeric_limits<int>::max();
  double minutes_per_day = std::numeric_limits<double>::infinity();
  int max_interval = 36500;
  std::uint64_t seed = 1;
  // With an exam on this day (1 or more days from today), study aims at recall that day:
  // see optimize/exam.h. The simulation should then run to the exam day at least.
  std::optional<int> exam_day;
  bool aim_at_exam = true;  // false: usual scheduling, exam-day recall only measured
};

struct DayFigures {
  int reviews = 0;
  int new_cards = 0;
  double minutes = 0;
  double memorized = 0;
};

struct Simulation {
  std::vector<DayFigures> days;
  std::vector<double> exam_recall;  // with an exam day: each card's recall that day, in
                                    // input order, then the new cards in the order introduced
  int reviews = 0;
  int new_cards = 0;
  double minutes = 0;
  // After the last of options.days: every card introduced, as a SimCard of the day after
  // (it is that day's "today"), and how many were never introduced. A simulation can go
  // on from there.
  std::vector<SimCard> end_cards;
  std::size_t new_left = 0;
};

// `cards` studied so far and `new_cards` not yet seen.
Simulation simulate(const std::vector<SimCard>& cards, std::size_t new_cards,
                    const LearnerProfile& learner, const SimulationOptions& options);

// Whole days to the next review: `interval_for` rounded, 1 to `max_interval`.
int next_interval_days(const Params& w, double stability, double retention, int max_interval);

struct RetentionPoint {
  double retention = 0;
  double minutes_per_day = 0;   // average over the simulated days
  double memorized = 0;         // at the end
  double minutes_per_card = 0;  // total minutes / memorized at the end
  double exam_recall = 0;       // with an exam day: the mean of every card's recall that day
};

// Every desired retention from `low` to `high` in steps of 0.01, each the average of `runs`
// simulations (seeds options.seed onwards, the same for every retention); on every core.
std::vector<RetentionPoint> retention_sweep(const std::vector<SimCard>& cards,
                                            std::size_t new_cards, const LearnerProfile& learner,
                                            SimulationOptions options, double low, double high,
                                            int runs = 1);

// The retention with the least time per memorized card (Anki's optimal retention).
const RetentionPoint& optimal_retention(const std::vector<RetentionPoint>& sweep);

// With an exam day: of the retentions whose exam recall reaches `target`, the one with the
// fewest minutes; none when no retention of the sweep reaches it.
const RetentionPoint* cheapest_reaching(const std::vector<RetentionPoint>& sweep, double target);

}  // namespace quizdeck::optimize
