// SPDX-License-Identifier: MIT
// Readiness for an exam: study until the exam day simulated many times (optimize/
// simulate.h, with the exam rules of optimize/exam.h), each card's recall that day averaged
// over the runs, the expected score of an exam drawn from the deck, and a 95% band that
// counts three sources of spread: the simulated study (runs differ), the answers on the day
// (each question right with its recall), and which questions the exam draws (when it draws
// fewer than all).
#pragma once

#include <optional>
#include <vector>

#include "optimize/simulate.h"

namespace quizdeck::optimize {

struct ExamInput {
  std::vector<SimCard> studied;
  std::size_t new_cards = 0;
  LearnerProfile learner;
  SimulationOptions options;   // exam_day set; minutes_per_day the daily budget
  std::vector<double> points;  // per card: the studied ones, then the new ones
  std::size_t questions = 0;   // drawn for the exam; 0 (or as many as cards): all of them
  int runs = 16;
};

struct Forecast {
  std::vector<double> recall;    // per card (as in `points`), recall on the exam day
  double score = 0;              // expected share of the exam's points
  double band = 0;               // 95% half-width of the score
  std::vector<DayFigures> days;  // per day until the exam, averaged over the runs
  int reviews = 0;               // in all, averaged over the runs (rounded)
};

Forecast forecast_exam(const ExamInput& input);

// The expected score of an exam drawn from cards with these recalls and points, and its
// 95% half-width for one sitting (answers and the draw; `spread` adds a variance).
std::pair<double, double> exam_score(const std::vector<double>& recall,
                                     const std::vector<double>& points, std::size_t questions,
                                     double spread = 0);

// The daily budgets tried for budget advice, in minutes.
const std::vector<int>& candidate_budgets();

// The smallest candidate budget whose expected score reaches `target`, with that score.
struct Advice {
  int minutes = 0;
  double score = 0;
};
std::optional<Advice> budget_for(ExamInput input, double target);

}  // namespace quizdeck::optimize
