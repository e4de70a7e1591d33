// SPDX-License-Identifier: MIT
// Scheduler settings with ts-fsrs's defaults, and the preparation ts-fsrs applies to
// weights: 17- and 19-weight sets migrated to 21, every weight clamped to its range.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace quizdeck::schedule {

inline constexpr std::array<double, 21> kDefaultWeights{
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,  1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

struct Step {
  std::string text;  // as written, e.g. "10m"
  int minutes = 0;
};

struct Parameters {
  std::array<double, 21> w = kDefaultWeights;  // prepared (migrated and clamped)
  double request_retention = 0.9;
  int maximum_interval = 36500;
  bool enable_fuzz = false;
  bool enable_short_term = true;
  std::vector<Step> learning_steps{{"1m", 1}, {"10m", 10}};
  std::vector<Step> relearning_steps{{"10m", 10}};
};

// Migrates (17 or 19 weights) and clamps as ts-fsrs 5.4.2 does. `weights` must have 17, 19
// or 21 finite entries (check_weights says why not); the relearning steps and short-term
// mode take part in the clamping of w17..w19, so pass the final ones.
std::array<double, 21> prepare_weights(const std::vector<double>& weights,
                                       std::size_t relearning_steps, bool enable_short_term);

// A failure (kUsage) says what is wrong.
core::Expected<void> check_weights(const std::vector<double>& weights);
core::Expected<void> check_retention(double retention);    // must be in (0, 1)
core::Expected<void> check_maximum_interval(double days);  // a whole number of days, 1 to 36500

// "1m", "10m", "1h", "1d": a whole number of minutes, hours or days (0 allowed).
core::Expected<Step> parse_step(std::string_view text);
// A comma-separated list; "none" or "" for no steps.
core::Expected<std::vector<Step>> parse_steps(std::string_view list);

// JavaScript's Math.round (halves towards +infinity) and ts-fsrs's 8-decimal rounding.
double js_round(double x);
double round8(double x);

}  // namespace quizdeck::schedule
