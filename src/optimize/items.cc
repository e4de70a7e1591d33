// SPDX-License-Identifier: MIT
#include "optimize/items.h"

#include <algorithm>
#include <cmath>

namespace quizdeck::optimize {
namespace {

bool learning(const LogEntry& e) {
  return e.state == 0 || e.state == 1;
}

// Where the card's last run of new/learning reviews starts; `end` when it has none.
std::size_t last_learning_start(const std::vector<LogEntry>& log, std::size_t begin,
                                std::size_t end) {
  std::size_t start = end;
  for (std::size_t i = end; i-- > begin;) {
    if (learning(log[i])) {
      start = i;
    } else if (start != end) {
      break;
    }
  }
  return start;
}

double log_base(double x, double base) {
  return std::log(x) / std::log(base);
}

std::uint32_t bin_of(double x, double base, double scale) {
  return static_cast<std::uint32_t>(
      std::llround(scale * std::pow(base, std::floor(log_base(x, base)))));
}

}  // namespace

std::size_t Item::long_term_reviews() const {
  return static_cast<std::size_t>(std::count_if(reviews.begin(), reviews.end(),
                                                [](const Review& r) { return r.delta_t >= 1; }));
}

Conversion items_from_log(std::vector<LogEntry> log) {
  std::stable_sort(log.begin(), log.end(), [](const LogEntry& a, const LogEntry& b) {
    return std::tie(a.card, a.time_ms) < std::tie(b.card, b.time_ms);
  });
  Conversion out;
  std::size_t card_number = 0;
  for (std::size_t begin = 0; begin < log.size();) {
    std::size_t end = begin;
    while (end < log.size() && log[end].card == log[begin].card) ++end;
    const std::size_t start = last_learning_start(log, begin, end);
    std::vector<Review> reviews;
    bool any = false;
    for (std::size_t i = start; i < end; ++i) {
      const double gap =
          i == start ? 0.0
                     : static_cast<double>(std::max<std::int64_t>(0, log[i].day - log[i - 1].day));
      reviews.push_back({log[i].rating, gap});
      if (i > start && gap > 0) {
        out.items.push_back({reviews, log[i].time_ms, card_number});
        any = true;
      }
    }
    out.reviews += end - start;
    if (any) ++out.cards;
    ++card_number;
    begin = end;
  }
  std::stable_sort(out.items.begin(), out.items.end(),
                   [](const Item& a, const Item& b) { return a.time_ms < b.time_ms; });
  return out;
}

std::tuple<std::uint32_t, std::uint32_t, std::uint32_t> rmse_bin(const Item& item) {
  const std::uint32_t gap = static_cast<std::uint32_t>(std::llround(
      2.48 * std::pow(3.62, std::floor(log_base(item.current().delta_t, 3.62))) * 100));
  const std::uint32_t length =
      bin_of(static_cast<double>(item.long_term_reviews()) + 1, 1.89, 1.99);
  std::size_t lapses = 0;
  for (std::size_t i = 0; i + 1 < item.reviews.size(); ++i) {
    if (item.reviews[i].rating == 1 && item.reviews[i].delta_t >= 1) ++lapses;
  }
  if (lapses == 0) return {gap, length, 0};
  return {gap, length, bin_of(static_cast<double>(lapses), 1.73, 1.65)};
}

}  // namespace quizdeck::optimize
