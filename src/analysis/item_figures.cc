// SPDX-License-Identifier: MIT
#include "analysis/item_figures.h"

#include <algorithm>
#include <cmath>

#include "analysis/sample.h"
#include "grade/grade.h"

namespace quizdeck::analysis {
namespace {

// Share of attempts ranked strongest (and weakest) for the distractor check: the classical
// 27% of item analysis.
constexpr double kGroupShare = 0.27;

// The rest of the test for an observation: an exam's other marks; a drill learner's mean
// credit on the other cards they answered (none when they answered only this one).
std::optional<double> rest_of(const Attempt& attempt, const Observation& obs, double points) {
  if (attempt.exam) return attempt.total - obs.mark;
  if (attempt.count < 2) return std::nullopt;
  const double credit = points > 0 ? obs.mark / points : 0.0;
  return (attempt.total - credit) / static_cast<double>(attempt.count - 1);
}

// Moodle's discrimination index and discriminative efficiency (question/classes/
// statistics/questions/calculator.php): sample covariance of the mark with the rest of
// the test over the product of their deviations; the efficiency divides by the
// covariance the same marks would reach, both sorted.
void add_discrimination(ItemFigures& f, const std::vector<double>& marks,
                        const std::vector<double>& rests) {
  if (marks.size() < 2) return;
  const double n1 = static_cast<double>(marks.size() - 1);
  const double mx = mean(marks);
  const double mr = mean(rests);
  double vx = 0;
  double vr = 0;
  double cov = 0;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    vx += (marks[i] - mx) * (marks[i] - mx);
    vr += (rests[i] - mr) * (rests[i] - mr);
    cov += (marks[i] - mx) * (rests[i] - mr);
  }
  vx /= n1;
  vr /= n1;
  cov /= n1;
  if (vx * vr != 0) f.discrimination = 100.0 * cov / std::sqrt(vx * vr);
  std::vector<double> sx = marks;
  std::vector<double> sr = rests;
  std::sort(sx.begin(), sx.end());
  std::sort(sr.begin(), sr.end());
  double cov_max = 0;
  for (std::size_t i = 0; i < sx.size(); ++i) cov_max += (sx[i] - mx) * (sr[i] - mr);
  cov_max /= n1;
  if (cov_max != 0) f.efficiency = 100.0 * cov / cov_max;
}

// Choice shares, overall and among the strongest and weakest attempts by the rest of the
// test.
void add_choice_shares(ItemFigures& f, const Item& item, const std::vector<Observation>& population,
                       const std::vector<Attempt>& attempts) {
  const double points = item.head.points;
  std::vector<std::pair<double, const Observation*>> ranked;
  for (const Observation& obs : population) {
    if (!obs.with_choices) continue;
    ++f.with_choices;
    if (const auto rest = rest_of(attempts[obs.attempt], obs, points))
      ranked.emplace_back(*rest, &obs);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto group_size =
      static_cast<std::size_t>(std::floor(kGroupShare * static_cast<double>(ranked.size())));
  f.group = static_cast<int>(group_size);
  for (std::size_t c = 0; c < item.choices.size(); ++c) {
    ChoiceShare share;
    share.label = c < item.deck_choices ? grade::choice_letter(c) : "?";
    share.text = item.choices[c];
    share.key = c < item.keys.size() && item.keys[c];
    const auto picks = [&](const Observation& obs) {
      return std::find(obs.picks.begin(), obs.picks.end(), static_cast<int>(c)) != obs.picks.end();
    };
    for (const Observation& obs : population) share.picked += picks(obs) ? 1 : 0;
    if (f.with_choices > 0) share.share = share.picked / static_cast<double>(f.with_choices);
    if (group_size >= 1) {
      int weak = 0;
      int strong = 0;
      for (std::size_t i = 0; i < group_size; ++i) {
        weak += picks(*ranked[i].second) ? 1 : 0;
        strong += picks(*ranked[ranked.size() - 1 - i].second) ? 1 : 0;
      }
      share.weak = weak / static_cast<double>(group_size);
      share.strong = strong / static_cast<double>(group_size);
    }
    f.choices.push_back(std::move(share));
  }
}

}  // namespace

ItemFigures item_figures(const Item& item, const std::vector<Observation>& population,
                         const std::vector<Attempt>& attempts,
                         const std::vector<std::int64_t>& times) {
  ItemFigures f;
  f.attempts = static_cast<int>(population.size());
  const double points = item.head.points;
  std::vector<double> marks;
  std::vector<double> rests;
  std::vector<double> paired_marks;
  for (const Observation& obs : population) {
    marks.push_back(obs.mark);
    if (const auto rest = rest_of(attempts[obs.attempt], obs, points)) {
      paired_marks.push_back(obs.mark);
      rests.push_back(*rest);
    }
  }
  f.facility = points > 0 ? mean(marks) / points : 0;
  if (const auto v = variance(marks); v && points > 0) f.sd = std::sqrt(*v) / points;
  add_discrimination(f, paired_marks, rests);
  std::vector<double> seconds;
  for (const std::int64_t ms : times) {
    if (ms >= 0) seconds.push_back(static_cast<double>(ms) / 1000.0);
  }
  if (!seconds.empty()) f.median_seconds = median(seconds);
  add_choice_shares(f, item, population, attempts);
  return f;
}

}  // namespace quizdeck::analysis
