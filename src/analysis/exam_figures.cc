// SPDX-License-Identifier: MIT
#include "analysis/exam_figures.h"

#include <algorithm>
#include <cmath>

#include "analysis/sample.h"

namespace quizdeck::analysis {
namespace {

// Moodle's effective weights (question/classes/statistics/questions/calculator.php): each
// column's sample covariance with the total (the column included); the roots of those not
// negative, each over their sum.
void add_weights(ExamReport& exam, const std::vector<std::vector<double>>& columns,
                 const std::vector<double>& totals, const std::vector<std::size_t>& column_items,
                 const std::vector<Item>& items) {
  const double n1 = static_cast<double>(totals.size()) - 1.0;
  const double total_mean = mean(totals);
  std::vector<double> covariances;
  double roots = 0;
  for (const auto& column : columns) {
    const double column_mean = mean(column);
    double cov = 0;
    for (std::size_t k = 0; k < column.size(); ++k) {
      cov += (column[k] - column_mean) * (totals[k] - total_mean);
    }
    cov /= n1;
    covariances.push_back(cov);
    if (cov >= 0) roots += std::sqrt(cov);
  }
  if (roots <= 0) return;  // no question moves with the total: no weights to share out
  for (std::size_t c = 0; c < columns.size(); ++c) {
    EffectiveWeight w;
    if (c < column_items.size()) {
      w.deck = items[column_items[c]].head.deck;
      w.card = items[column_items[c]].head.card;
    } else {
      w.position = static_cast<int>(c + 1);
    }
    if (roots > 0 && covariances[c] >= 0) w.weight = 100.0 * std::sqrt(covariances[c]) / roots;
    exam.weights.push_back(std::move(w));
  }
}

// Moodle's skewness and kurtosis of the scores (mod/quiz/report/statistics/classes/
// calculator.php): k-statistics from the moments about the mean.
void add_shape(ExamReport& exam, const std::vector<double>& scores) {
  const double s = static_cast<double>(scores.size());
  if (scores.size() < 3) return;
  const double m = mean(scores);
  double p2 = 0;
  double p3 = 0;
  double p4 = 0;
  for (const double x : scores) {
    const double d = x - m;
    p2 += d * d;
    p3 += d * d * d;
    p4 += d * d * d * d;
  }
  const double m2 = p2 / s;
  const double m3 = p3 / s;
  const double m4 = p4 / s;
  const double k2 = s * m2 / (s - 1);
  if (k2 == 0) return;
  const double k3 = s * s * m3 / ((s - 1) * (s - 2));
  exam.skewness = k3 / std::pow(k2, 1.5);
  if (scores.size() < 4) return;
  const double k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3));
  exam.kurtosis = k4 / (k2 * k2);
}

// Cronbach's alpha over the questions: the same cards in every sitting make them the items;
// drawn questions make the positions the items (as Moodle does for random questions);
// sittings of different lengths give none.
void add_alpha(ExamReport& exam, const Group& g, const std::vector<Attempt>& attempts,
               const std::vector<Item>& items) {
  const auto most = static_cast<std::size_t>(exam.questions);
  bool same_cards = true;
  bool same_length = true;
  std::vector<std::size_t> first_set;
  for (std::size_t k = 0; k < g.attempts.size(); ++k) {
    const Attempt& attempt = attempts[g.attempts[k]];
    std::vector<std::size_t> set = attempt.slot_items;
    std::sort(set.begin(), set.end());
    if (k == 0) first_set = set;
    same_cards = same_cards && set == first_set;
    same_length = same_length && attempt.slot_items.size() == most;
  }
  exam.basis = same_cards ? "cards" : "positions";
  if (!same_cards && !same_length) {
    exam.alpha_note = "sittings asked different numbers of questions";
  } else if (most < 2) {
    exam.alpha_note = "fewer than 2 questions";
  } else if (g.attempts.size() < 2) {
    exam.alpha_note = "fewer than 2 sittings";
  } else {
    std::vector<std::vector<double>> columns(most);
    std::vector<double> totals;
    for (const std::size_t a : g.attempts) {
      const Attempt& attempt = attempts[a];
      double total = 0;
      for (std::size_t p = 0; p < most; ++p) {
        std::size_t column = p;
        if (same_cards) {
          column = static_cast<std::size_t>(
              std::lower_bound(first_set.begin(), first_set.end(), attempt.slot_items[p]) -
              first_set.begin());
        }
        columns[column].push_back(attempt.slot_marks[p]);
        total += attempt.slot_marks[p];
      }
      totals.push_back(total);
    }
    double item_variance = 0;
    for (const auto& column : columns) item_variance += variance(column).value_or(0);
    const double total_variance = variance(totals).value_or(0);
    add_weights(exam, columns, totals, same_cards ? first_set : std::vector<std::size_t>(), items);
    if (total_variance > 0) {
      const double p = static_cast<double>(most);
      const double alpha = 100.0 * p / (p - 1.0) * (1.0 - item_variance / total_variance);
      exam.alpha = alpha;
      // A negative alpha has an error ratio over 100% (Moodle reports it so); over 100%
      // (possible with few questions) has none.
      if (alpha <= 100.0) {
        exam.error_ratio = 100.0 * std::sqrt(1.0 - alpha / 100.0);
        double maximum = 0;
        for (const std::size_t item_at : attempts[g.attempts.front()].slot_items) {
          maximum += items[item_at].head.points;
        }
        if (maximum > 0) {
          exam.standard_error =
              *exam.error_ratio / 100.0 * std::sqrt(total_variance) / maximum * 100.0;
        }
      }
    } else {
      exam.alpha_note = "every sitting scored the same";
    }
  }
}

}  // namespace

ExamReport exam_report(const Group& g, const std::vector<Attempt>& attempts,
                       const std::vector<Item>& items) {
  ExamReport exam;
  exam.decks = g.decks;
  exam.attempts = static_cast<int>(g.attempts.size());
  std::vector<double> percents;
  int passed = 0;
  bool any_pass_mark = false;
  std::size_t most = 0;
  for (const std::size_t a : g.attempts) {
    const Attempt& attempt = attempts[a];
    const double pct = attempt.maximum > 0 ? 100.0 * attempt.total / attempt.maximum : 0;
    percents.push_back(pct);
    const auto band = static_cast<std::size_t>(std::clamp(std::floor(pct / 10.0), 0.0, 9.0));
    ++exam.distribution[band];
    if (attempt.pass_mark) {
      any_pass_mark = true;
      passed += pct + 1e-9 >= *attempt.pass_mark ? 1 : 0;
    }
    most = std::max(most, attempt.slot_items.size());
  }
  exam.questions = static_cast<int>(most);
  if (any_pass_mark) exam.passed = passed;
  exam.mean_percent = mean(percents);
  exam.median_percent = median(percents);
  if (const auto v = variance(percents)) exam.sd_percent = std::sqrt(*v);
  add_shape(exam, percents);
  add_alpha(exam, g, attempts, items);
  return exam;
}

}  // namespace quizdeck::analysis
