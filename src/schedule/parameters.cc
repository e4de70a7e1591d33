// SPDX-License-Identifier: MIT
#include "schedule/parameters.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace quizdeck::schedule {
namespace {

// JavaScript's Number(x.toFixed(8)): decimal rounding of the exact binary value, ties away
// from zero. It differs from round8 only on exact ties (dyadic values such as 1/512).
double to_fixed8(double x) {
  char exact[128];
  std::snprintf(exact, sizeof exact, "%.80f", std::fabs(x));  // glibc prints exact digits
  std::string digits = exact;
  const auto point = digits.find('.');
  std::string kept = digits.substr(0, point + 9);
  const char next = digits[point + 9];
  if (next >= '5') {
    // Round the magnitude up: add one unit in the 8th decimal place.
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0) {
      if (kept[static_cast<std::size_t>(i)] == '.') {
        --i;
        continue;
      }
      if (kept[static_cast<std::size_t>(i)] == '9') {
        kept[static_cast<std::size_t>(i)] = '0';
        --i;
        continue;
      }
      ++kept[static_cast<std::size_t>(i)];
      break;
    }
    if (i < 0) kept.insert(kept.begin(), '1');
  }
  const double magnitude = std::strtod(kept.c_str(), nullptr);
  return x < 0 ? -magnitude : magnitude;
}

// The ceiling of w17 and w18 (SPEC 3.3): 2, or less with several relearning steps.
double short_term_ceiling(const std::vector<double>& w, std::size_t relearning_steps) {
  if (relearning_steps <= 1 || w.size() < 15) return 2.0;
  const double a = std::clamp<double>(w[11], 0.001, 5);
  const double b = std::clamp<double>(w[13], 0.001, 0.9);
  const double c = std::clamp<double>(w[14], 0, 4);
  const double v = -(std::log(a) + std::log(std::pow(2.0, b) - 1) + c * 0.3) /
                   static_cast<double>(relearning_steps);
  return std::clamp<double>(round8(std::sqrt(std::max(v, 0.0))), 0.01, 2);
}

void clamp_weights(std::vector<double>& w, std::size_t relearning_steps, bool short_term) {
  const double ceiling = short_term_ceiling(w, relearning_steps);
  static constexpr std::array<std::pair<double, double>, 17> kRanges{{
      {0.001, 100},
      {0.001, 100},
      {0.001, 100},
      {0.001, 100},
      {1, 10},
      {0.001, 4},
      {0.001, 4},
      {0.001, 0.75},
      {0, 4.5},
      {0, 0.8},
      {0.001, 3.5},
      {0.001, 5},
      {0.001, 0.25},
      {0.001, 0.9},
      {0, 4},
      {0, 1},
      {1, 6},
  }};
  for (std::size_t i = 0; i < w.size(); ++i) {
    const double value = std::isnan(w[i]) ? 0.0 : w[i];
    if (i < kRanges.size()) {
      w[i] = std::clamp<double>(value, kRanges[i].first, kRanges[i].second);
    } else if (i == 17 || i == 18) {
      w[i] = std::clamp<double>(value, 0, ceiling);
    } else if (i == 19) {
      w[i] = std::clamp<double>(value, short_term ? 0.01 : 0.0, 0.8);
    } else if (i == 20) {
      w[i] = std::clamp<double>(value, 0.1, 0.8);
    }
  }
}

}  // namespace

double js_round(double x) {
  // floor(x) without a libm call on the hot path: truncation is exact below 2^52, and
  // doubles of 2^52 and more are whole numbers already.
  if (!(std::fabs(x) < 4503599627370496.0)) return x;
  double r = static_cast<double>(static_cast<std::int64_t>(x));
  if (r > x) r -= 1;
  if (x - r >= 0.5) r += 1;
  return r;
}

double round8(double x) {
  return js_round(x * 1e8) / 1e8;
}

std::array<double, 21> prepare_weights(const std::vector<double>& weights,
                                       std::size_t relearning_steps, bool enable_short_term) {
  std::vector<double> w = weights;
  if (w.size() == 17) {
    clamp_weights(w, relearning_steps, enable_short_term);
    const double w4 = w[4];
    const double w5 = w[5];
    const double w6 = w[6];
    w[4] = to_fixed8(w5 * 2 + w4);
    w[5] = to_fixed8(std::log(w5 * 3 + 1) / 3);
    w[6] = to_fixed8(w6 + 0.5);
    w.insert(w.end(), {0.0, 0.0, 0.0, 0.5});
  } else if (w.size() == 19) {
    clamp_weights(w, relearning_steps, enable_short_term);
    w.insert(w.end(), {0.0, 0.5});
  } else if (w.size() != 21) {
    w.assign(kDefaultWeights.begin(), kDefaultWeights.end());
  }
  clamp_weights(w, relearning_steps, enable_short_term);  // ts-fsrs 5.4.2 clamps once more
  std::array<double, 21> out{};
  std::copy(w.begin(), w.end(), out.begin());
  return out;
}

core::Expected<void> check_weights(const std::vector<double>& weights) {
  if (weights.size() != 17 && weights.size() != 19 && weights.size() != 21) {
    return core::fail(
        ExitCode::kUsage,
        fmt::format("FSRS parameters are 17, 19 or 21 numbers, not {}", weights.size()));
  }
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (!std::isfinite(weights[i])) {
      return core::fail(ExitCode::kUsage, fmt::format("parameter w{} is not a finite number", i));
    }
  }
  return {};
}

core::Expected<void> check_retention(double retention) {
  if (!(retention > 0 && retention < 1)) {
    return core::fail(
        ExitCode::kUsage,
        fmt::format("desired retention must be between 0 and 1 (exclusive), not {}", retention));
  }
  return {};
}

core::Expected<void> check_maximum_interval(double days) {
  if (!(days >= 1 && days <= 36500) || days != std::floor(days)) {
    return core::fail(
        ExitCode::kUsage,
        fmt::format("maximum interval must be a whole number of days from 1 to 36500, not {}",
                    days));
  }
  return {};
}

core::Expected<Step> parse_step(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const bool shape_ok = digits > 0 && digits <= 6 && digits + 1 == text.size();
  const char unit = shape_ok ? text.back() : '\0';
  if (!shape_ok || (unit != 'm' && unit != 'h' && unit != 'd')) {
    return core::fail(ExitCode::kUsage,
                      fmt::format("invalid step '{}': write a whole number with m, h or d, such "
                                  "as 10m, 1h or 1d",
                                  text));
  }
  int amount = 0;
  std::from_chars(text.data(), text.data() + digits, amount);
  const int scale = unit == 'm' ? 1 : unit == 'h' ? 60 : 1440;
  return Step{std::string(text), amount * scale};
}

core::Expected<std::vector<Step>> parse_steps(std::string_view list) {
  std::vector<Step> steps;
  if (list.empty() || list == "none") return steps;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    std::string_view item = list.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    auto step = parse_step(item);
    if (!step) return step.error();
    steps.push_back(std::move(*step));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return steps;
}

}  // namespace quizdeck::schedule
