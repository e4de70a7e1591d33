// SPDX-License-Identifier: MIT
// The study rules a store's settings may change, globally or per deck (`quizdeck config`):
// daily limits, the hour the study day starts, burying siblings, leeches. Each value is
// checked as it is set and again as it is read, so a bad stored value is an error that
// names it, never a silent default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "store/store.h"

namespace quizdeck::session {

enum class LeechAction { kSuspend, kTag };

struct StudySettings {
  int new_per_day = 20;                // new cards introduced per deck per study day
  std::optional<int> reviews_per_day;  // review cards per deck per study day; none: all due
  int day_start_hour = 4;              // local hour the study day starts (as in Anki)
  bool bury_siblings = true;           // answering a card buries its siblings for the day
  int leech_threshold = 8;             // lapses that make a leech (0: never)
  LeechAction leech_action = LeechAction::kSuspend;
  std::string audio_command;             // plays a card's sound in the terminal; empty: none
  std::optional<std::int64_t> exam_day;  // the exam's date (days since 1970-01-01); none: none
  int daily_minutes = 30;                // the study time a day towards an exam
};

struct StudySettingKey {
  std::string_view name;        // as in `quizdeck config new-per-day 30`
  std::string_view value_name;  // for help: "N", "on|off"
  std::string_view help;
};
const std::vector<StudySettingKey>& study_setting_keys();
bool is_study_setting(std::string_view name);

// Sets one setting from its text; a failure (kUsage) says what the value must be.
core::Expected<void> apply_study_setting(StudySettings& settings, std::string_view name,
                                         std::string_view value);

// "2026-12-20" -> days since 1970-01-01; nothing for anything else (or a date that does
// not exist, such as 2026-02-30).
std::optional<std::int64_t> parse_date(std::string_view text);

// Whether a lapse (from `before` to `after` lapses) makes the card a leech: at the
// threshold, and again every half threshold after it (as Anki does).
bool is_leech_lapse(const StudySettings& settings, int before, int after);

// A deck's settings: the defaults, then the store's global values, then the deck's own.
core::Expected<StudySettings> study_settings_for(store::Store& store, const std::string& deck_id);

}  // namespace quizdeck::session
