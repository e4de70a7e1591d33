// SPDX-License-Identifier: MIT
#include "session/today.h"

#include <algorithm>

#include "core/time.h"

namespace quizdeck::session {

DeckDay deck_day(store::Store& store, const std::string& deck_id, const StudySettings& settings,
                 std::int64_t now, std::optional<int> new_per_day) {
  DeckDay day;
  const std::int64_t number = core::study_day(now, settings.day_start_hour);
  day.start_ms = core::study_day_start(number, settings.day_start_hour);
  day.end_ms = core::study_day_start(number + 1, settings.day_start_hour);
  const auto started = static_cast<int>(store.cards_started_since(deck_id, day.start_ms));
  day.new_left = std::max(0, new_per_day.value_or(settings.new_per_day) - started);
  if (settings.reviews_per_day) {
    // Cards reviewed today that were not introduced today: the day's reviews.
    const auto reviewed = static_cast<int>(store.cards_reviewed_since(deck_id, day.start_ms));
    day.reviews_left = std::max(0, *settings.reviews_per_day - (reviewed - started));
  }
  return day;
}

core::Expected<std::map<std::string, StudySettings>> study_settings_of(
    store::Store& store, const std::vector<std::string>& deck_ids) {
  std::map<std::string, StudySettings> out;
  for (const auto& deck_id : deck_ids) {
    auto settings = study_settings_for(store, deck_id);
    if (!settings) return settings.error();
    out.emplace(deck_id, *settings);
  }
  return out;
}

}  // namespace quizdeck::session
