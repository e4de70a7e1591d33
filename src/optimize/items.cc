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

Item Item::of(std::vector<Review> reviews, std::int64_t time_ms) {
  Item item;
  item.length = reviews.size();
  item.long_term = static_cast<std::size_t>(std::count_if(
      reviews.begin(), reviews.end(), [](const Review& x) { return x.delta_t >= 1; }));
  item.card = std::make_shared<const std::vector<Review>>(std::move(reviews));
  item.time_ms = time_ms;
  return item;
}

Conversion items_from_log(std::vector<LogEntry> log) {
  std::stable_sort(log.begin(), log.end(), [](const LogEntry& a, const LogEntry& b) {
    return std::tie(a.card, a.time_ms) < std::tie(b.card, b.time_ms);
  });
  Conversion out;
  for (std::size_t begin = 0; begin < log.size();) {
    std::size_t end = begin;
    while (end < log.size() && log[end].card == log[begin].card) ++end;
    const std::size_t start = last_learning_start(log, begin, end);
    auto reviews = std::make_shared<std::vector<Review>>();
    reviews->reserve(end - start);
    std::vector<Item> targets;  // their reviews filled in below
    std::size_t long_term = 0;
    for (std::size_t i = start; i < end; ++i) {
      const double gap =
          i == start ? 0.0
                     : static_cast<double>(std::max<std::int64_t>(0, log[i].day - log[i - 1].day));
      reviews->push_back({log[i].rating, gap});
      if (gap >= 1) ++long_term;
      if (i > start && gap > 0)
        targets.push_back({nullptr, reviews->size(), log[i].time_ms, long_term});
    }
    std::shared_ptr<const std::vector<Review>> shared = std::move(reviews);
    for (Item& item : targets) {
      item.card = shared;
      out.items.push_back(std::move(item));
    }
    const bool any = !targets.empty();
    out.reviews += end - start;
    if (any) ++out.cards;
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
  const auto reviews = item.reviews();
  for (std::size_t i = 0; i + 1 < reviews.size(); ++i) {
    if (reviews[i].rating == 1 && reviews[i].delta_t >= 1) ++lapses;
  }
  if (lapses == 0) return {gap, length, 0};
  return {gap, length, bin_of(static_cast<double>(lapses), 1.73, 1.65)};
}

}  // namespace quizdeck::optimize
