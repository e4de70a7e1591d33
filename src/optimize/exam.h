// SPDX-License-Identifier: MIT
// Studying towards an exam on a date: the rules drill and the simulator share. Days are
// counted from today (0); the exam is on day `exam_day` (1 or more).
//   - No interval jumps past the exam: a review that would fall after the day before the
//     exam is brought forward to that day, so every card is seen in the last days.
//   - Due cards whose predicted recall on exam day is lowest come first.
//   - New cards are introduced early enough to be learned: all of them by the learning
//     deadline, kLeadDays before the exam, more per day than the deck's limit if needed.
//   - In the last kLeadDays, time left in the daily budget goes to cards not yet due
//     whose predicted exam-day recall is below the desired retention, lowest first.
// After the exam day the usual rules apply again.
#pragma once

#include <cstddef>
#include <cstdint>

#include "optimize/model.h"

namespace quizdeck::optimize {

// Days before the exam kept for consolidation (no new cards, spare time on weak cards).
inline constexpr int kLeadDays = 3;

// Whether `today` is one of the last kLeadDays before the exam.
bool in_final_days(int today, int exam_day);

// The interval (days) after a review on `today`, brought forward so the next review is no
// later than the day before the exam.
int exam_interval(int today, int interval, int exam_day);

// New cards to introduce on `today` so that `remaining` are all in by the deadline.
int exam_new_per_day(int limit, std::size_t remaining, int today, int exam_day);

// Predicted recall on the exam day of a card last reviewed on `last_day`.
double exam_day_recall(const Params& w, const MemoryState& state, std::int64_t last_day,
                       int exam_day);

}  // namespace quizdeck::optimize
