// SPDX-License-Identifier: MIT
#include "optimize/pretrain.h"

#include "optimize/model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace quizdeck::optimize {
namespace {

// The gap of an item's first long-term review, in whole days (at least 1).
std::int64_t first_long_term_gap(const Item& item) {
  for (const Review& r : item.reviews()) {
    if (r.delta_t >= 1) return static_cast<std::int64_t>(std::floor(r.delta_t));
  }
  return 1;
}

struct Group {
  double gap = 0;
  double recall = 0;  // share passed
  double count = 0;
};

double curve_loss(const std::vector<Group>& groups, double s, double default_s) {
  const double decay = -default_params()[20];
  const double factor = std::pow(0.9, 1 / decay) - 1;
  double loss = 0;
  for (const Group& g : groups) {
    const double p = std::pow(g.gap / s * factor + 1, decay);
    loss += -(g.recall * std::log(p) + (1 - g.recall) * std::log(1 - p)) * g.count;
  }
  return loss + std::abs(s - default_s) / 16;
}

double best_stability(const std::vector<Group>& groups, double default_s) {
  double low = kMinS;
  double high = kMaxInitS;
  double best = default_s;
  for (int i = 0; i < 1000 && high - low > std::numeric_limits<double>::epsilon(); ++i) {
    const double mid1 = low + (high - low) / 3;
    const double mid2 = high - (high - low) / 3;
    if (curve_loss(groups, mid1, default_s) < curve_loss(groups, mid2, default_s)) {
      high = mid2;
    } else {
      low = mid1;
    }
    best = (high + low) / 2;
  }
  return best;
}

}  // namespace

Prepared filter_outliers(const std::vector<Item>& items) {
  // first rating -> first long-term gap -> item indices
  std::map<int, std::map<std::int64_t, std::vector<std::size_t>>> groups;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].long_term_reviews() != 1) continue;
    groups[items[i].reviews().front().rating][first_long_term_gap(items[i])].push_back(i);
  }
  Prepared out;
  out.train.reserve(items.size());
  std::set<std::pair<int, std::int64_t>> removed;
  for (const auto& [rating, by_gap] : groups) {
    std::vector<std::pair<std::int64_t, const std::vector<std::size_t>*>> sub;
    std::size_t total = 0;
    for (const auto& [gap, members] : by_gap) {
      sub.emplace_back(gap, &members);
      total += members.size();
    }
    // Smallest groups first, shorter gaps first among equals.
    std::sort(sub.begin(), sub.end(), [](const auto& a, const auto& b) {
      if (a.second->size() != b.second->size()) return a.second->size() < b.second->size();
      return a.first < b.first;
    });
    const std::size_t quota = std::max<std::size_t>(20, total / 20);
    std::size_t dropped = 0;
    for (const auto& [gap, members] : sub) {
      const bool keep_share = dropped + members->size() >= quota;
      const double max_gap = rating != 4 ? 100 : 365;
      if (keep_share && members->size() >= 6 && static_cast<double>(gap) <= max_gap) {
        for (const std::size_t i : *members) out.initial.push_back(items[i]);
      } else {
        if (!keep_share) dropped += members->size();
        removed.insert({rating, gap});
      }
    }
  }
  for (const Item& item : items) {
    if (item.long_term_reviews() == 0 ||
        !removed.contains({item.reviews().front().rating, first_long_term_gap(item)})) {
      out.train.push_back(item);
    }
  }
  return out;
}

std::vector<Item> evaluation_items(const std::vector<Item>& items) {
  Prepared prepared = filter_outliers(items);
  std::vector<Item> out = std::move(prepared.initial);
  out.reserve(out.size() + prepared.train.size());
  for (Item& item : prepared.train) {
    if (item.long_term_reviews() != 1) out.push_back(std::move(item));
  }
  return out;
}

double average_recall(const std::vector<Item>& items) {
  if (items.empty()) return 0;
  std::size_t passed = 0;
  for (const Item& item : items) passed += item.current().rating > 1 ? 1 : 0;
  return static_cast<double>(passed) / static_cast<double>(items.size());
}

std::optional<InitialStability> initial_stability(const std::vector<Item>& initial, double recall) {
  // first rating -> gap -> (passed, count)
  std::map<int, std::map<std::int64_t, std::pair<double, double>>> seen;
  for (const Item& item : initial) {
    if (item.long_term_reviews() != 1) continue;
    auto& cell = seen[item.reviews().front().rating][first_long_term_gap(item)];
    for (const Review& r : item.reviews()) {
      if (r.delta_t < 1) continue;
      cell.first += r.rating > 1 ? 1 : 0;
      cell.second += 1;
      break;
    }
  }
  InitialStability out;
  std::map<int, double> fitted;
  for (const auto& [rating, by_gap] : seen) {
    std::vector<Group> groups;
    double count = 0;
    for (const auto& [gap, cell] : by_gap) {
      const double real = cell.first / cell.second;
      // Laplace smoothing towards the learner's average recall.
      groups.push_back({static_cast<double>(gap), (real * cell.second + recall) / (cell.second + 1),
                        cell.second});
      count += cell.second;
    }
    out.count[rating] = static_cast<std::size_t>(count);
    fitted[rating] = best_stability(groups, default_params()[static_cast<std::size_t>(rating - 1)]);
  }
  const auto filled = smooth_and_fill(fitted, out.count);
  if (!filled) return std::nullopt;
  out.stability = *filled;
  return out;
}

std::optional<std::array<double, 4>> smooth_and_fill(std::map<int, double> s,
                                                     const std::map<int, std::size_t>& count) {
  std::erase_if(s, [&](const auto& entry) {
    return !count.contains(entry.first) || entry.first < 1 || entry.first > 4;
  });
  if (s.empty()) return std::nullopt;
  constexpr std::pair<int, int> kPairs[] = {{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}};
  for (const auto& [small, big] : kPairs) {
    if (!s.contains(small) || !s.contains(big) || s[small] <= s[big]) continue;
    if (count.at(small) > count.at(big)) {
      s[big] = s[small];
    } else {
      s[small] = s[big];
    }
  }
  constexpr double w1 = 0.41;
  constexpr double w2 = 0.54;
  std::array<std::optional<double>, 5> r;  // by rating, 1-4
  for (const auto& [rating, value] : s) r[static_cast<std::size_t>(rating)] = value;
  const auto p = [](double a, double b) { return std::pow(a, b); };
  if (s.size() == 1) {
    const auto [rating, value] = *s.begin();
    const double factor = value / default_params()[static_cast<std::size_t>(rating - 1)];
    for (std::size_t i = 1; i <= 4; ++i) r[i] = default_params()[i - 1] * factor;
  } else if (s.size() == 2) {
    if (!r[1] && !r[2]) {
      const double r3 = *r[3], r4 = *r[4];
      r[2] = p(r3, 1 / (1 - w2)) * p(r4, 1 - 1 / (1 - w2));
      r[1] = p(*r[2], 1 / w1) * p(r3, 1 - 1 / w1);
    } else if (!r[1] && !r[3]) {
      const double r2 = *r[2], r4 = *r[4];
      r[3] = p(r2, 1 - w2) * p(r4, w2);
      r[1] = p(r2, 1 / w1) * p(*r[3], 1 - 1 / w1);
    } else if (!r[1] && !r[4]) {
      const double r2 = *r[2], r3 = *r[3];
      r[4] = p(r2, 1 - 1 / w2) * p(r3, 1 / w2);
      r[1] = p(r2, 1 / w1) * p(r3, 1 - 1 / w1);
    } else if (!r[2] && !r[3]) {
      const double r1 = *r[1], r4 = *r[4];
      const double k = w1 / (w1 + w2 - w1 * w2);
      const double m = w2 / (w1 + w2 - w1 * w2);
      r[2] = p(r1, k) * p(r4, 1 - k);
      r[3] = p(r1, 1 - m) * p(r4, m);
    } else if (!r[2] && !r[4]) {
      const double r1 = *r[1], r3 = *r[3];
      r[2] = p(r1, w1) * p(r3, 1 - w1);
      r[4] = p(*r[2], 1 - 1 / w2) * p(r3, 1 / w2);
    } else {  // 1 and 2 known
      const double r1 = *r[1], r2 = *r[2];
      r[3] = p(r1, 1 - 1 / (1 - w1)) * p(r2, 1 / (1 - w1));
      r[4] = p(r2, 1 - 1 / w2) * p(*r[3], 1 / w2);
    }
  } else if (s.size() == 3) {
    if (!r[1]) {
      r[1] = p(*r[2], 1 / w1) * p(*r[3], 1 - 1 / w1);
    } else if (!r[2]) {
      r[2] = p(*r[1], w1) * p(*r[3], 1 - w1);
    } else if (!r[3]) {
      r[3] = p(*r[2], 1 - w2) * p(*r[4], w2);
    } else {
      r[4] = p(*r[2], 1 - 1 / w2) * p(*r[3], 1 / w2);
    }
  }
  std::array<double, 4> out{};
  for (std::size_t i = 0; i < 4; ++i) out[i] = std::clamp(*r[i + 1], kMinS, kMaxInitS);
  return out;
}

}  // namespace quizdeck::optimize
