// SPDX-License-Identifier: MIT
#include "term/charts.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

namespace quizdeck::term {
namespace {

// Eighths of a cell, from empty to full.
const char* const kBlocks[] = {" ",      "\u2581", "\u2582", "\u2583", "\u2584",
                               "\u2585", "\u2586", "\u2587", "\u2588"};
const char* const kAsciiBlocks[] = {" ", ".", ".", ":", ":", "|", "|", "#", "#"};
const char* const kShades[] = {"\u00b7", "\u2591", "\u2592", "\u2593", "\u2588"};
const char* const kAsciiShades[] = {".", "-", "+", "*", "#"};

std::string green(const ChartStyle& style, const std::string& text) {
  return style.color ? "\x1b[32m" + text + "\x1b[0m" : text;
}

}  // namespace

std::vector<std::string> bar_chart(const std::vector<int>& values, int height, bool wide,
                                   const ChartStyle& style) {
  const int top = std::max(1, values.empty() ? 1 : *std::max_element(values.begin(), values.end()));
  const auto blocks = style.utf8 ? kBlocks : kAsciiBlocks;
  const std::string label_top = std::to_string(top);
  const std::size_t label_width = label_top.size();
  std::vector<std::string> lines;
  for (int row = height - 1; row >= 0; --row) {
    std::string label = row == height - 1 ? label_top : row == 0 ? std::string("0") : "";
    std::string line =
        std::string(label_width - label.size(), ' ') + label +
        (style.utf8 ? (label.empty() ? " \u2502" : " \u2524") : (label.empty() ? " |" : " +"));
    std::string bars;
    for (const int value : values) {
      // Eighths of a row this value fills in this row.
      const double eighths = static_cast<double>(value) * height * 8 / top - row * 8.0;
      int level = static_cast<int>(std::clamp(std::ceil(eighths), 0.0, 8.0));
      if (value > 0 && row == 0 && level == 0) level = 1;  // a non-zero day always shows
      bars += blocks[level];
      if (wide) bars += ' ';
    }
    lines.push_back(line + green(style, bars));
  }
  return lines;
}

std::vector<std::string> heatmap(const std::vector<std::pair<std::int64_t, int>>& days,
                                 std::int64_t today, int weeks, const ChartStyle& style) {
  std::map<std::int64_t, int> counts(days.begin(), days.end());
  int most = 0;
  for (const auto& [day, count] : days) most = std::max(most, count);
  const auto shades = style.utf8 ? kShades : kAsciiShades;
  // Day 0 (1970-01-01) was a Thursday: weekday 0 is Monday.
  const auto weekday = [](std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); };
  const std::int64_t last_monday = today - weekday(today);
  const std::int64_t first_monday = last_monday - static_cast<std::int64_t>(weeks - 1) * 7;
  static const char* const kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::vector<std::string> lines;
  for (int w = 0; w < 7; ++w) {
    std::string line = std::string(kNames[w]) + " ";
    for (std::int64_t monday = first_monday; monday <= last_monday; monday += 7) {
      const std::int64_t day = monday + w;
      if (day > today) {
        line += ' ';
        continue;
      }
      const auto it = counts.find(day);
      const int count = it == counts.end() ? 0 : it->second;
      int level = 0;
      if (count > 0) level = 1 + std::min(3, count * 4 / (most + 1));
      line += level == 0 ? std::string(shades[0]) : green(style, shades[level]);
    }
    lines.push_back(line);
  }
  return lines;
}

std::string sparkline(const std::vector<double>& values, const ChartStyle& style) {
  if (values.empty()) return {};
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  const auto blocks = style.utf8 ? kBlocks : kAsciiBlocks;
  std::string out;
  for (const double value : values) {
    const double span = *high - *low;
    const int level = span <= 0 ? 4 : 1 + static_cast<int>(std::round((value - *low) / span * 7));
    out += blocks[std::clamp(level, 1, 8)];
  }
  return green(style, out);
}

std::string meter(double fraction, int width, const ChartStyle& style) {
  const int filled = static_cast<int>(std::round(std::clamp(fraction, 0.0, 1.0) * width));
  std::string full;
  std::string empty;
  for (int i = 0; i < width; ++i) {
    (i < filled ? full : empty) +=
        style.utf8 ? (i < filled ? "\u2588" : "\u2591") : (i < filled ? "#" : ".");
  }
  return green(style, full) + empty;
}

}  // namespace quizdeck::term
