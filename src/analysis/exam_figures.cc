// SPDX-License-Identifier: MIT
#include "analysis/exam_figures.h"

#include <algorithm>
#include <cmath>

#include "analysis/sample.h"

namespace quizdeck::analysis {
namespace {

// A column's sample variance and its sample covariance with the total.
struct ColumnFigures {
  double variance = 0;
  double covariance = 0;
};

ColumnFigures figures_of(const Column& column) {
  ColumnFigures f;
  if (column.n < 2) return f;
  f.variance = column.squares / static_cast<double>(column.n - 1);
  f.covariance = column.products / static_cast<double>(column.n - 1);
  return f;
}

// Moodle's effective weights (question/classes/statistics/questions/calculator.php): each
// column's sample covariance with the total (the column included); the roots of those not
// negative, each over their sum.
void add_weights(ExamReport& exam, const std::vector<ColumnFigures>& columns,
                 const std::vector<std::size_t>& column_items, const std::vector<Item>& items) {
  double roots = 0;
  for (const ColumnFigures& c : columns) {
    if (c.covariance >= 0) roots += std::sqrt(c.covariance);
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
    if (columns[c].covariance >= 0) w.weight = 100.0 * std::sqrt(columns[c].covariance) / roots;
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
void add_alpha(ExamReport& exam, const Group& g, const std::vector<Item>& items) {
  const auto most = static_cast<std::size_t>(exam.questions);
  const bool same_length = g.fewest == most;
  exam.basis = g.same_cards ? "cards" : "positions";
  if (!g.same_cards && !same_length) {
    exam.alpha_note = "sittings asked different numbers of questions";
    return;
  }
  if (most < 2) {
    exam.alpha_note = "fewer than 2 questions";
    return;
  }
  if (g.percents.size() < 2) {
    exam.alpha_note = "fewer than 2 sittings";
    return;
  }
  const std::vector<Column>& columns = g.same_cards ? g.card_columns : g.position_columns;
  std::vector<ColumnFigures> figures;
  double item_variance = 0;
  for (const Column& column : columns) {
    figures.push_back(figures_of(column));
    item_variance += figures.back().variance;
  }
  const double total_variance = variance(g.totals).value_or(0);
  add_weights(exam, figures, g.same_cards ? g.first_set : std::vector<std::size_t>(), items);
  if (total_variance <= 0) {
    exam.alpha_note = "every sitting scored the same";
    return;
  }
  const double p = static_cast<double>(most);
  const double alpha = 100.0 * p / (p - 1.0) * (1.0 - item_variance / total_variance);
  exam.alpha = alpha;
  // A negative alpha has an error ratio over 100% (Moodle reports it so); over 100%
  // (possible with few questions) has none.
  if (alpha <= 100.0) {
    exam.error_ratio = 100.0 * std::sqrt(1.0 - alpha / 100.0);
    if (g.first_maximum > 0) {
      exam.standard_error =
          *exam.error_ratio / 100.0 * std::sqrt(total_variance) / g.first_maximum * 100.0;
    }
  }
}

}  // namespace

void count_sitting(Group& g, const SittingMarks& sitting, const std::vector<Item>& items) {
  const double pct = sitting.percent;
  g.percents.push_back(pct);
  const auto band = static_cast<std::size_t>(std::clamp(std::floor(pct / 10.0), 0.0, 9.0));
  ++g.distribution[band];
  if (sitting.pass_mark) {
    g.any_pass_mark = true;
    g.passed += pct + 1e-9 >= *sitting.pass_mark ? 1 : 0;
  }
  const std::size_t asked = sitting.items.size();
  const bool first = g.percents.size() == 1;
  g.most = first ? asked : std::max(g.most, asked);
  g.fewest = first ? asked : std::min(g.fewest, asked);
  double total = 0;
  for (const double mark : sitting.marks) total += mark;
  g.totals.push_back(total);
  std::vector<std::size_t> set = sitting.items;
  std::sort(set.begin(), set.end());
  if (first) {
    g.first_set = set;
    for (const std::size_t item : sitting.items) g.first_maximum += items[item].head.points;
    g.card_columns.resize(set.size());
  } else if (g.same_cards && set != g.first_set) {
    g.same_cards = false;
    g.card_columns = {};  // never used: the exam's items are its positions
  }
  if (g.position_columns.size() < asked) g.position_columns.resize(asked);
  for (std::size_t p = 0; p < asked; ++p) {
    g.position_columns[p].add(sitting.marks[p], total);
    if (g.same_cards) {
      const auto column = static_cast<std::size_t>(
          std::lower_bound(g.first_set.begin(), g.first_set.end(), sitting.items[p]) -
          g.first_set.begin());
      g.card_columns[column].add(sitting.marks[p], total);
    }
  }
}

ExamReport exam_report(const Group& g, const std::vector<Item>& items) {
  ExamReport exam;
  exam.decks = g.decks;
  exam.attempts = static_cast<int>(g.percents.size());
  exam.distribution = g.distribution;
  exam.questions = static_cast<int>(g.most);
  if (g.any_pass_mark) exam.passed = g.passed;
  exam.mean_percent = mean(g.percents);
  exam.median_percent = median(g.percents);
  if (const auto v = variance(g.percents)) exam.sd_percent = std::sqrt(*v);
  add_shape(exam, g.percents);
  add_alpha(exam, g, items);
  return exam;
}

}  // namespace quizdeck::analysis
