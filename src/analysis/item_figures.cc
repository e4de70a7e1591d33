// SPDX-License-Identifier: MIT
#include "analysis/item_figures.h"

#include <algorithm>
#include <cmath>

#include "grade/grade.h"

namespace quizdeck::analysis {
namespace {

// Share of attempts ranked strongest (and weakest) for the distractor check: the classical
// 27% of item analysis.
constexpr double kGroupShare = 0.27;

// Moodle's discrimination index and discriminative efficiency (question/classes/
// statistics/questions/calculator.php): sample covariance of the mark with the rest of
// the test over the product of their deviations; the efficiency divides by the
// covariance the same marks would reach, both sorted. From the attempts counted by mark
// and by rest, summed in order of value, so the figures do not depend on the order the
// learners were read in.
void add_discrimination(ItemFigures& f, const Population& population) {
  const auto marks = population.marks.sorted();
  const auto rests = population.rests.sorted();
  std::int64_t n = 0;
  double sum_x = 0;
  double sum_r = 0;
  for (const auto& [mark, at] : marks) {
    n += at.with_rest;
    sum_x += static_cast<double>(at.with_rest) * mark;
  }
  for (const auto& [rest, at] : rests) sum_r += static_cast<double>(at.attempts) * rest;
  if (n < 2) return;
  const double n1 = static_cast<double>(n - 1);
  const double mx = sum_x / static_cast<double>(n);
  const double mr = sum_r / static_cast<double>(n);
  double vx = 0;
  double vr = 0;
  double cov = 0;
  for (const auto& [mark, at] : marks) {
    const double c = static_cast<double>(at.with_rest);
    vx += c * (mark - mx) * (mark - mx);
    cov += (mark - mx) * (at.rest_sum - c * mr);
  }
  for (const auto& [rest, at] : rests) {
    vr += static_cast<double>(at.attempts) * (rest - mr) * (rest - mr);
  }
  vx /= n1;
  vr /= n1;
  cov /= n1;
  if (vx * vr != 0) f.discrimination = 100.0 * cov / std::sqrt(vx * vr);
  // The marks sorted beside the rests sorted.
  double cov_max = 0;
  auto rest = rests.begin();
  std::int64_t rest_left = rest->second.attempts;
  for (const auto& [mark, at] : marks) {
    std::int64_t left = at.with_rest;
    while (left > 0 && rest != rests.end()) {
      const std::int64_t take = std::min(left, rest_left);
      cov_max += static_cast<double>(take) * (mark - mx) * (rest->first - mr);
      left -= take;
      rest_left -= take;
      if (rest_left == 0 && ++rest != rests.end()) rest_left = rest->second.attempts;
    }
  }
  cov_max /= n1;
  if (cov_max != 0) f.efficiency = 100.0 * cov / cov_max;
}

// The picks of the `size` attempts with choices ranked first from `from` on (the weakest,
// or walking back, the strongest): attempts at the group's edge, of one rest, count in
// proportion.
template <typename It>
double group_picks(It from, It to, std::size_t choice, double size) {
  double left = size;
  double picks = 0;
  for (It it = from; it != to && left > 0; ++it) {
    const AtRest& at = it->second;
    if (at.with_choices == 0) continue;
    const double here = static_cast<double>(at.with_choices);
    const double taken = std::min(left, here);
    const auto chose = static_cast<double>(at.picks(choice));
    picks += chose * taken / here;
    left -= taken;
  }
  return picks;
}

// Choice shares, overall and among the strongest and weakest attempts by the rest of the
// test.
void add_choice_shares(ItemFigures& f, const Item& item, const Population& population) {
  f.with_choices = static_cast<int>(population.with_choices);
  const auto rests = population.rests.sorted();
  std::int64_t ranked = 0;
  for (const auto& [rest, at] : rests) ranked += at.with_choices;
  const auto group_size =
      static_cast<std::size_t>(std::floor(kGroupShare * static_cast<double>(ranked)));
  f.group = static_cast<int>(group_size);
  for (std::size_t c = 0; c < item.choices.size(); ++c) {
    ChoiceShare share;
    share.label = c < item.deck_choices ? grade::choice_letter(c) : "?";
    share.text = item.choices[c];
    share.key = c < item.keys.size() && item.keys[c];
    share.picked = c < population.picked.size() ? static_cast<int>(population.picked[c]) : 0;
    if (f.with_choices > 0) share.share = share.picked / static_cast<double>(f.with_choices);
    if (group_size >= 1) {
      const auto size = static_cast<double>(group_size);
      share.weak = group_picks(rests.begin(), rests.end(), c, size) / size;
      share.strong = group_picks(rests.rbegin(), rests.rend(), c, size) / size;
    }
    f.choices.push_back(std::move(share));
  }
}

// The median of counted values, in order of value (0 for none).
double median_of(const std::vector<std::pair<std::int64_t, std::int64_t>>& counted) {
  std::int64_t n = 0;
  for (const auto& [value, count] : counted) n += count;
  if (n == 0) return 0;
  // The values at 0-based ranks (n - 1) / 2 and n / 2, averaged.
  const std::int64_t low_rank = (n - 1) / 2;
  const std::int64_t high_rank = n / 2;
  std::optional<double> low;
  std::int64_t seen = 0;
  for (const auto& [value, count] : counted) {
    seen += count;
    if (!low && seen > low_rank) low = static_cast<double>(value);
    if (seen > high_rank) return (*low + static_cast<double>(value)) / 2.0;
  }
  return *low;
}

}  // namespace

void count(Population& p, const Observation& obs) {
  ++p.attempts;
  AtMark& at_mark = p.marks[obs.mark];
  ++at_mark.attempts;
  AtRest* at_rest = nullptr;
  if (obs.rest) {
    ++at_mark.with_rest;
    at_mark.rest_sum += *obs.rest;
    at_rest = &p.rests[*obs.rest];
    ++at_rest->attempts;
  }
  if (obs.response_ms >= 0) p.add_time(obs.response_ms);
  if (obs.picks == nullptr) return;
  ++p.with_choices;
  if (at_rest != nullptr) ++at_rest->with_choices;
  for (const int c : *obs.picks) {
    const auto at = static_cast<std::size_t>(c);
    if (p.picked.size() <= at) p.picked.resize(at + 1);
    ++p.picked[at];
    if (at_rest != nullptr) at_rest->pick(at);
  }
}

ItemFigures item_figures(const Item& item, const Population& population) {
  ItemFigures f;
  f.attempts = static_cast<int>(population.attempts);
  const double points = item.head.points;
  const auto marks = population.marks.sorted();
  double sum = 0;
  for (const auto& [mark, at] : marks) sum += static_cast<double>(at.attempts) * mark;
  const auto n = static_cast<double>(population.attempts);
  const double mean = n > 0 ? sum / n : 0;
  f.facility = points > 0 ? mean / points : 0;
  if (population.attempts >= 2 && points > 0) {
    double squares = 0;
    for (const auto& [mark, at] : marks) {
      squares += static_cast<double>(at.attempts) * (mark - mean) * (mark - mean);
    }
    f.sd = std::sqrt(squares / (n - 1)) / points;
  }
  add_discrimination(f, population);
  if (!population.times.empty()) f.median_seconds = median_of(population.times.sorted()) / 10.0;
  add_choice_shares(f, item, population);
  return f;
}

}  // namespace quizdeck::analysis
