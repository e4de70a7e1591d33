// SPDX-License-Identifier: MIT
// Instants as integer milliseconds since 1970-01-01T00:00:00Z, and ISO 8601 text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace quizdeck::core {

// "2026-01-01T09:00:00Z", "2026-01-01T09:00:00.250Z", "2026-01-01T10:00:00+01:00",
// "2026-01-01 09:00" (UTC), or a date alone "2026-01-01" (midnight UTC).
std::optional<std::int64_t> parse_iso8601(std::string_view text);

// "2026-01-01T09:00:00.000Z", as JavaScript's Date.toISOString prints it.
std::string format_iso8601(std::int64_t ms);
void append_iso8601(std::string& out, std::int64_t ms);

// "2026-01-01 09:00:00" in local time (TZ).
std::string format_local_time(std::int64_t ms);

// Days since 1970-01-01 of a civil date, and back (proleptic Gregorian calendar).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day);

// "2026-01-31" for a day number.
std::string format_day(std::int64_t days);

// The local (TZ) day an instant falls on, as days since 1970-01-01; and the instant a local
// day starts (its midnight, or the first instant after it on a DST switch at midnight).
std::int64_t local_day(std::int64_t ms);
std::int64_t local_day_start(std::int64_t day);

// The same for study days that start at `hour` local time (Anki's "next day starts at"):
// before that hour an instant belongs to the previous day. A start that falls in a DST
// gap is the first instant after it.
std::int64_t study_day(std::int64_t ms, int hour);
std::int64_t study_day_start(std::int64_t day, int hour);

}  // namespace quizdeck::core
