// SPDX-License-Identifier: MIT
#include "session/study_settings.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "core/time.h"

namespace quizdeck::session {
namespace {

std::optional<int> whole_number(std::string_view text, int low, int high) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> on_off(std::string_view text) {
  if (text == "on" || text == "true" || text == "1") return true;
  if (text == "off" || text == "false" || text == "0") return false;
  return std::nullopt;
}

core::Failure bad_value(std::string_view name, std::string_view wanted, std::string_view value) {
  return core::fail(ExitCode::kUsage, fmt::format("{} takes {}, not '{}'", name, wanted, value));
}

}  // namespace

std::optional<std::int64_t> parse_date(std::string_view text) {
  // YYYY-MM-DD exactly, a date that exists.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = whole_number(text.substr(0, 4), 1970, 9999);
  const auto month = whole_number(text.substr(5, 2), 1, 12);
  const auto day = whole_number(text.substr(8, 2), 1, 31);
  if (!year || !month || !day) return std::nullopt;
  const std::int64_t n =
      core::days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  std::int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  core::civil_from_days(n, y, m, d);
  if (m != static_cast<unsigned>(*month) || d != static_cast<unsigned>(*day)) return std::nullopt;
  return n;
}

const std::vector<StudySettingKey>& study_setting_keys() {
  static const std::vector<StudySettingKey> keys{
      {"new-per-day", "N", "new cards per deck per study day, 0 to 9999 (default 20)"},
      {"reviews-per-day", "N|none",
       "review cards per deck per study day, 0 to 99999, or none for all that are due "
       "(default none)"},
      {"day-start", "HOUR", "the local hour (0 to 23) a study day starts (default 4)"},
      {"bury-siblings", "on|off",
       "answering a card buries its siblings (the other blanks of a cloze) until the next "
       "study day (default on)"},
      {"leech-threshold", "N",
       "lapses that make a card a leech, 1 to 99, or 0 for never (default 8)"},
      {"leech-action", "suspend|tag",
       "what happens to a leech: suspended and marked, or only marked (default suspend)"},
      {"audio-command", "COMMAND",
       "a shell command that plays a card's sound, given the file as its last argument "
       "(such as 'paplay' or 'mpv --really-quiet'; default none: sounds are named, not "
       "played)"},
      {"exam-date", "DATE|none",
       "the day of the exam the deck prepares for (YYYY-MM-DD): drill then aims at recall on "
       "that day and `quizdeck plan` shows readiness (default none)"},
      {"daily-minutes", "N",
       "minutes a day for study towards the exam date, 1 to 1440 (default 30)"},
  };
  return keys;
}

bool is_study_setting(std::string_view name) {
  for (const auto& key : study_setting_keys()) {
    if (key.name == name) return true;
  }
  return false;
}

core::Expected<void> apply_study_setting(StudySettings& settings, std::string_view name,
                                         std::string_view value) {
  if (name == "new-per-day") {
    const auto n = whole_number(value, 0, 9999);
    if (!n) return bad_value(name, "a whole number from 0 to 9999", value);
    settings.new_per_day = *n;
  } else if (name == "reviews-per-day") {
    if (value == "none") {
      settings.reviews_per_day.reset();
      return {};
    }
    const auto n = whole_number(value, 0, 99999);
    if (!n) return bad_value(name, "a whole number from 0 to 99999, or none", value);
    settings.reviews_per_day = *n;
  } else if (name == "day-start") {
    const auto n = whole_number(value, 0, 23);
    if (!n) return bad_value(name, "an hour from 0 to 23", value);
    settings.day_start_hour = *n;
  } else if (name == "bury-siblings") {
    const auto flag = on_off(value);
    if (!flag) return bad_value(name, "on or off", value);
    settings.bury_siblings = *flag;
  } else if (name == "leech-threshold") {
    const auto n = whole_number(value, 0, 99);
    if (!n) return bad_value(name, "a whole number from 1 to 99, or 0 for never", value);
    settings.leech_threshold = *n;
  } else if (name == "leech-action") {
    if (value == "suspend") {
      settings.leech_action = LeechAction::kSuspend;
    } else if (value == "tag") {
      settings.leech_action = LeechAction::kTag;
    } else {
      return bad_value(name, "suspend or tag", value);
    }
  } else if (name == "audio-command") {
    const bool blank = value.find_first_not_of(" \t") == std::string_view::npos;
    if (blank || value.find_first_of("\n\r") != std::string_view::npos) {
      return bad_value(name, "a command on one line", value);
    }
    settings.audio_command = std::string(value);
  } else if (name == "exam-date") {
    if (value == "none") {
      settings.exam_day.reset();
      return {};
    }
    const auto day = parse_date(value);
    if (!day) return bad_value(name, "a date such as 2026-12-20, or none", value);
    settings.exam_day = *day;
  } else if (name == "daily-minutes") {
    const auto n = whole_number(value, 1, 1440);
    if (!n) return bad_value(name, "a whole number of minutes from 1 to 1440", value);
    settings.daily_minutes = *n;
  } else {
    return core::fail(ExitCode::kUsage, fmt::format("unknown setting '{}'", name));
  }
  return {};
}

bool is_leech_lapse(const StudySettings& settings, int before, int after) {
  const int threshold = settings.leech_threshold;
  if (threshold <= 0 || after <= before || after < threshold) return false;
  return (after - threshold) % std::max(1, threshold / 2) == 0;
}

core::Expected<StudySettings> study_settings_for(store::Store& store, const std::string& deck_id) {
  StudySettings settings;
  for (const std::string& scope : {std::string(), deck_id}) {
    for (const auto& [key, value] : store.settings(scope)) {
      if (!is_study_setting(key)) continue;  // the scheduler's
      if (auto applied = apply_study_setting(settings, key, value); !applied) {
        return core::fail(ExitCode::kInvalidInput,
                          fmt::format("the settings of deck '{}' are not valid: {}", deck_id,
                                      applied.error().message()));
      }
    }
  }
  return settings;
}

}  // namespace quizdeck::session
