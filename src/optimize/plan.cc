// SPDX-License-Identifier: MIT
#include "optimize/plan.h"

#include <algorithm>
#include <cmath>

#include "optimize/parallel.h"

namespace quizdeck::optimize {

std::pair<double, double> exam_score(const std::vector<double>& recall,
                                     const std::vector<double>& points, std::size_t questions,
                                     double spread) {
  const std::size_t n_cards = recall.size();
  if (n_cards == 0) return {0, 0};
  const double cards = static_cast<double>(n_cards);
  const double drawn =
      questions == 0 || questions >= n_cards ? cards : static_cast<double>(questions);
  double total = 0;
  double earned = 0;
  for (std::size_t i = 0; i < n_cards; ++i) {
    total += points[i];
    earned += points[i] * recall[i];
  }
  if (total <= 0) return {0, 0};
  const double mean_points = total / cards;
  const double score = earned / total;
  // Answers: each drawn question right with its recall, worth its share of the points.
  double answers = 0;
  double draw = 0;
  for (std::size_t i = 0; i < n_cards; ++i) {
    const double share = points[i] / mean_points;
    answers += share * share * recall[i] * (1 - recall[i]);
    const double contribution = share * recall[i] - score;
    draw += contribution * contribution;
  }
  answers /= cards * drawn;
  // The draw: a sample without replacement from the deck.
  const double finite = cards > 1 ? (cards - drawn) / (cards - 1) : 0;
  draw = draw / cards / drawn * finite;
  return {score, 1.96 * std::sqrt(answers + draw + spread)};
}

Forecast forecast_exam(const ExamInput& input) {
  const std::size_t total = input.studied.size() + input.new_cards;
  const auto runs = static_cast<std::size_t>(std::max(1, input.runs));
  std::vector<Simulation> sims(runs);
  run_pieces(runs, [&](std::size_t k) {
    SimulationOptions o = input.options;
    o.seed = input.options.seed + k;
    o.days = *o.exam_day;
    sims[k] = simulate(input.studied, input.new_cards, input.learner, o);
  });
  Forecast f;
  f.recall.assign(total, 0.0);
  std::vector<double> run_scores;
  double reviews = 0;
  for (const Simulation& s : sims) {
    for (std::size_t i = 0; i < total && i < s.exam_recall.size(); ++i)
      f.recall[i] += s.exam_recall[i];
    run_scores.push_back(exam_score(s.exam_recall, input.points, input.questions).first);
    reviews += s.reviews;
    if (f.days.size() < s.days.size()) f.days.resize(s.days.size());
    for (std::size_t d = 0; d < s.days.size(); ++d) {
      f.days[d].reviews += s.days[d].reviews;
      f.days[d].new_cards += s.days[d].new_cards;
      f.days[d].minutes += s.days[d].minutes;
      f.days[d].memorized += s.days[d].memorized;
    }
  }
  const double n = static_cast<double>(runs);
  for (double& r : f.recall) r /= n;
  for (DayFigures& d : f.days) {
    d.reviews = static_cast<int>(std::lround(d.reviews / n));
    d.new_cards = static_cast<int>(std::lround(d.new_cards / n));
    d.minutes /= n;
    d.memorized /= n;
  }
  f.reviews = static_cast<int>(std::lround(reviews / n));
  double mean = 0;
  for (const double s : run_scores) mean += s / n;
  double spread = 0;
  for (const double s : run_scores) spread += (s - mean) * (s - mean);
  spread = runs > 1 ? spread / (n - 1) : 0;
  const auto [score, band] = exam_score(f.recall, input.points, input.questions, spread);
  f.score = score;
  f.band = band;
  return f;
}

const std::vector<int>& candidate_budgets() {
  static const std::vector<int> budgets{10, 15, 20, 30, 45, 60, 90, 120, 180, 240};
  return budgets;
}

std::optional<Advice> budget_for(ExamInput input, double target) {
  input.runs = std::min(input.runs, 8);
  for (const int minutes : candidate_budgets()) {
    input.options.minutes_per_day = minutes;
    const Forecast f = forecast_exam(input);
    if (f.score >= target) return Advice{minutes, f.score};
  }
  return std::nullopt;
}

}  // namespace quizdeck::optimize
