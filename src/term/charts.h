// SPDX-License-Identifier: MIT
// Text charts: vertical bars, a calendar heatmap, a sparkline and a meter, drawn with
// Unicode blocks or, when the locale is not UTF-8, with ASCII.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace quizdeck::term {

struct ChartStyle {
  bool utf8 = true;
  bool color = false;
};

// Vertical bars, `height` rows, one column per value (two cells when `wide`), with a
// y axis labelled at the top and bottom.
std::vector<std::string> bar_chart(const std::vector<int>& values, int height, bool wide,
                                   const ChartStyle& style);

// A calendar of the last `weeks` weeks: one row per weekday (Mon..Sun), one column per
// week, each cell shaded by that day's count. `days` are (day number, count); `today` is
// the last day shown.
std::vector<std::string> heatmap(const std::vector<std::pair<std::int64_t, int>>& days,
                                 std::int64_t today, int weeks, const ChartStyle& style);

// One cell per value, eight levels between the smallest and the largest.
std::string sparkline(const std::vector<double>& values, const ChartStyle& style);

// A horizontal meter `width` cells wide, filled to `fraction`.
std::string meter(double fraction, int width, const ChartStyle& style);

}  // namespace quizdeck::term
