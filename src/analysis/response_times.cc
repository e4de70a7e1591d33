// SPDX-License-Identifier: MIT
#include "analysis/response_times.h"

#include <cstdio>
#include <string>

#include "core/normalize.h"
#include "core/time.h"

namespace quizdeck::analysis {
std::optional<std::int64_t> forms_time(std::string_view text) {
  if (auto iso = core::parse_iso8601(text)) return iso;
  int a = 0, b = 0, c = 0, hour = 0, minute = 0, second = 0;
  char am[3] = {};
  int offset_hours = 0;
  if (text.size() > 64) return std::nullopt;  // no timestamp is longer
  const std::string s(text);
  int n = std::sscanf(s.c_str(), "%d/%d/%d %d:%d:%d %2s GMT%d", &a, &b, &c, &hour, &minute, &second,
                      am, &offset_hours);
  if (n < 6) return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (a > 31) {  // year first: Google's own "2026/05/14 ..."
    year = a, month = b, day = c;
  } else {  // the US order Sheets uses by default: month/day/year
    month = a, day = b, year = c;
  }
  if (n >= 7) {
    const std::string marker = core::ascii_lower(am);
    if (marker == "pm" && hour < 12) hour += 12;
    if (marker == "am" && hour == 12) hour = 0;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1970 || year > 9999 || hour > 23 ||
      minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::int64_t days =
      core::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour - (n >= 8 ? offset_hours : 0)) * 60 + minute) * 60000 + second * 1000;
}

std::optional<std::int64_t> moodle_time(std::string_view text) {
  if (auto iso = core::parse_iso8601(text)) return iso;
  static constexpr const char* kMonths[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
  int day = 0, year = 0, hour = 0, minute = 0;
  char month_name[16] = {};
  char am[3] = {};
  const std::string s(text.substr(0, 64));
  const int n = std::sscanf(s.c_str(), "%d %15[A-Za-z] %d, %d:%d %2s", &day, month_name, &year,
                            &hour, &minute, am);
  if (n < 5) return std::nullopt;
  int month = 0;
  const std::string name = core::ascii_lower(month_name);
  for (int m = 0; m < 12; ++m) {
    if (name.size() >= 3 && std::string_view(kMonths[m]).starts_with(name)) month = m + 1;
  }
  if (n == 6) {
    const std::string marker = core::ascii_lower(am);
    if (marker == "pm" && hour < 12) hour += 12;
    if (marker == "am" && hour == 12) hour = 0;
  }
  if (month == 0 || day < 1 || day > 31 || year < 1970 || year > 9999 || hour > 23 || minute > 59) {
    return std::nullopt;
  }
  const std::int64_t days =
      core::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60000;
}

}  // namespace quizdeck::analysis
