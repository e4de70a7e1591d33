// SPDX-License-Identifier: MIT
#include "analysis/response_times.h"

#include <array>
#include <string>

#include "core/normalize.h"
#include "core/time.h"

namespace quizdeck::analysis {
namespace {

// Reads a timestamp left to right; any part that is not as expected fails the whole.
class Scan {
 public:
  explicit Scan(std::string_view text) : rest_(text) {}
  // An unsigned number of 1 to `digits` digits.
  std::optional<int> number(std::size_t digits) {
    std::size_t n = 0;
    int value = 0;
    while (n < rest_.size() && n < digits && rest_[n] >= '0' && rest_[n] <= '9') {
      value = value * 10 + (rest_[n] - '0');
      ++n;
    }
    if (n == 0 || (n < rest_.size() && rest_[n] >= '0' && rest_[n] <= '9')) return std::nullopt;
    rest_.remove_prefix(n);
    return value;
  }
  bool take(char c) {
    if (rest_.empty() || rest_.front() != c) return false;
    rest_.remove_prefix(1);
    return true;
  }
  bool spaces() {  // one or more
    if (!take(' ')) return false;
    while (take(' ')) {
    }
    return true;
  }
  std::string word() {  // ASCII letters, lower-cased
    std::size_t n = 0;
    while (n < rest_.size() &&
           ((rest_[n] >= 'a' && rest_[n] <= 'z') || (rest_[n] >= 'A' && rest_[n] <= 'Z'))) {
      ++n;
    }
    std::string out = core::ascii_lower(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return out;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// A 12-hour clock's hour with its AM or PM, as a 24-hour one.
std::optional<int> with_marker(int hour, const std::string& marker) {
  if (hour < 1 || hour > 12) return std::nullopt;
  if (marker == "am") return hour == 12 ? 0 : hour;
  if (marker == "pm") return hour == 12 ? 12 : hour + 12;
  return std::nullopt;
}

// The instant of a civil date and time (UTC), or nothing for a date that does not exist.
std::optional<std::int64_t> instant(int year, int month, int day, int hour, int minute,
                                    int second) {
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > kDays[static_cast<std::size_t>(month - 1)] || (month == 2 && day == 29 && !leap) ||
      hour > 23 || minute > 59 || second > 59) {
    return std::nullopt;
  }
  const std::int64_t days =
      core::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000;
}

}  // namespace

std::optional<std::int64_t> forms_time(std::string_view text) {
  if (auto iso = core::parse_iso8601(text)) return iso;
  Scan scan(text);
  const auto a = scan.number(4);
  if (!a || !scan.take('/')) return std::nullopt;
  const auto b = scan.number(2);
  if (!b || !scan.take('/')) return std::nullopt;
  const auto c = scan.number(4);
  if (!c || !scan.spaces()) return std::nullopt;
  auto hour = scan.number(2);
  if (!hour || !scan.take(':')) return std::nullopt;
  const auto minute = scan.number(2);
  if (!minute || !scan.take(':')) return std::nullopt;
  const auto second = scan.number(2);
  if (!second) return std::nullopt;
  int offset_minutes = 0;
  if (!scan.done()) {
    // Google's own: " AM GMT+2" (the zone optional, "GMT" alone for UTC).
    if (!scan.spaces()) return std::nullopt;
    hour = with_marker(*hour, scan.word());
    if (!hour) return std::nullopt;
    if (!scan.done()) {
      if (!scan.spaces() || scan.word() != "gmt") return std::nullopt;
      if (!scan.done()) {
        const int sign = scan.take('+') ? 1 : scan.take('-') ? -1 : 0;
        const auto hours = scan.number(2);
        if (sign == 0 || !hours || *hours > 14) return std::nullopt;
        int minutes = 0;
        if (scan.take(':')) {
          const auto m = scan.number(2);
          if (!m || *m > 59) return std::nullopt;
          minutes = *m;
        }
        offset_minutes = sign * (*hours * 60 + minutes);
      }
    }
  }
  if (!scan.done()) return std::nullopt;
  // Year first: Google's own "2026/05/14"; else the US order Sheets uses, month first.
  const bool year_first = *a > 31;
  const auto at = year_first ? instant(*a, *b, *c, *hour, *minute, *second)
                             : instant(*c, *a, *b, *hour, *minute, *second);
  if (!at) return std::nullopt;
  return *at - static_cast<std::int64_t>(offset_minutes) * 60000;
}

std::optional<std::int64_t> moodle_time(std::string_view text) {
  if (auto iso = core::parse_iso8601(text)) return iso;
  static constexpr std::array<std::string_view, 12> kMonths{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  Scan scan(text);
  const auto day = scan.number(2);
  if (!day || !scan.spaces()) return std::nullopt;
  const std::string name = scan.word();
  int month = 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m) {
    if (name.size() >= 3 && kMonths[m].starts_with(name)) month = static_cast<int>(m) + 1;
  }
  if (month == 0 || !scan.spaces()) return std::nullopt;
  const auto year = scan.number(4);
  if (!year) return std::nullopt;
  scan.take(',');
  if (!scan.spaces()) return std::nullopt;
  auto hour = scan.number(2);
  if (!hour || !scan.take(':')) return std::nullopt;
  const auto minute = scan.number(2);
  if (!minute) return std::nullopt;
  if (!scan.done()) {
    if (!scan.spaces()) return std::nullopt;
    hour = with_marker(*hour, scan.word());
    if (!hour || !scan.done()) return std::nullopt;
  }
  return instant(*year, month, *day, *hour, *minute, 0);
}

}  // namespace quizdeck::analysis
