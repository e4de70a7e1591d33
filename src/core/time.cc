// SPDX-License-Identifier: MIT
#include "core/time.h"

#include <climits>
#include <ctime>

#include <fmt/format.h>

namespace quizdeck::core {

// Howard Hinnant's algorithms (public domain), valid far beyond any review date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& year, unsigned& month, unsigned& day) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

namespace {

bool read_number(std::string_view text, std::size_t& pos, std::size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += digits;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

unsigned days_in_month(int year, int month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!read_number(text, pos, 4, year) || !expect(text, pos, '-') ||
      !read_number(text, pos, 2, month) || !expect(text, pos, '-') ||
      !read_number(text, pos, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > days_in_month(year, month)) {
    return std::nullopt;
  }
  std::int64_t offset_minutes = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
    ++pos;
    if (!read_number(text, pos, 2, hour) || !expect(text, pos, ':') ||
        !read_number(text, pos, 2, minute)) {
      return std::nullopt;
    }
    if (expect(text, pos, ':')) {
      if (!read_number(text, pos, 2, second)) return std::nullopt;
      if (expect(text, pos, '.')) {
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        const std::size_t count = pos - start;
        if (count == 0 || count > 9) return std::nullopt;
        for (std::size_t i = 0; i < 3; ++i) {
          millis = millis * 10 + (i < count ? text[start + i] - '0' : 0);
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (pos < text.size()) {
      if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
      } else if (text[pos] == '+' || text[pos] == '-') {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = 0, om = 0;
        if (!read_number(text, pos, 2, oh)) return std::nullopt;
        expect(text, pos, ':');
        if (!read_number(text, pos, 2, om) || oh > 23 || om > 59) return std::nullopt;
        offset_minutes = sign * (oh * 60 + om);
      }
    }
    if (pos != text.size()) return std::nullopt;
  }
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second;
  return (seconds - offset_minutes * 60) * 1000 + millis;
}

void append_iso8601(std::string& out, std::int64_t ms) {
  std::int64_t days = ms / 86'400'000;
  std::int64_t rest = ms % 86'400'000;
  if (rest < 0) {
    rest += 86'400'000;
    --days;
  }
  // Consecutive times often fall on one day (a review and the card's last_review).
  thread_local std::int64_t cached_days = INT64_MIN;
  thread_local std::int64_t year = 0;
  thread_local unsigned month = 0, day = 0;
  if (days != cached_days) {
    civil_from_days(days, year, month, day);
    cached_days = days;
  }
  if (year < 0 || year > 9999) {
    out += fmt::format("{:04}-{:02}-{:02}", year, month, day);
  } else {
    const auto y = static_cast<unsigned>(year);
    const char date[] = {static_cast<char>('0' + y / 1000),
                         static_cast<char>('0' + y / 100 % 10),
                         static_cast<char>('0' + y / 10 % 10),
                         static_cast<char>('0' + y % 10),
                         '-',
                         static_cast<char>('0' + month / 10),
                         static_cast<char>('0' + month % 10),
                         '-',
                         static_cast<char>('0' + day / 10),
                         static_cast<char>('0' + day % 10)};
    out.append(date, sizeof date);
  }
  const auto r = static_cast<unsigned>(rest);
  const unsigned hour = r / 3'600'000, minute = r / 60'000 % 60, second = r / 1000 % 60,
                 millis = r % 1000;
  const char time[] = {'T',
                       static_cast<char>('0' + hour / 10),
                       static_cast<char>('0' + hour % 10),
                       ':',
                       static_cast<char>('0' + minute / 10),
                       static_cast<char>('0' + minute % 10),
                       ':',
                       static_cast<char>('0' + second / 10),
                       static_cast<char>('0' + second % 10),
                       '.',
                       static_cast<char>('0' + millis / 100),
                       static_cast<char>('0' + millis / 10 % 10),
                       static_cast<char>('0' + millis % 10),
                       'Z'};
  out.append(time, sizeof time);
}

std::string format_iso8601(std::int64_t ms) {
  std::string out;
  append_iso8601(out, ms);
  return out;
}

std::string format_day(std::int64_t days) {
  std::int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
  civil_from_days(days, year, month, day);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::int64_t local_day(std::int64_t ms) {
  return study_day(ms, 0);
}

std::int64_t local_day_start(std::int64_t day) {
  return study_day_start(day, 0);
}

std::int64_t study_day(std::int64_t ms, int hour) {
  const std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  std::tm fields{};
  localtime_r(&seconds, &fields);
  const std::int64_t day =
      days_from_civil(fields.tm_year + 1900, static_cast<unsigned>(fields.tm_mon + 1),
                      static_cast<unsigned>(fields.tm_mday));
  // Before the hour the day starts, it is still the previous study day.
  return fields.tm_hour < hour ? day - 1 : day;
}

std::int64_t study_day_start(std::int64_t day, int hour) {
  std::int64_t year = 0;
  unsigned month = 0;
  unsigned mday = 0;
  civil_from_days(day, year, month, mday);
  std::tm fields{};
  fields.tm_year = static_cast<int>(year - 1900);
  fields.tm_mon = static_cast<int>(month) - 1;
  fields.tm_mday = static_cast<int>(mday);
  fields.tm_hour = hour;
  fields.tm_isdst = -1;
  return static_cast<std::int64_t>(std::mktime(&fields)) * 1000;
}

std::string format_local_time(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm fields{};
  localtime_r(&seconds, &fields);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &fields);
  return buffer;
}

}  // namespace quizdeck::core
