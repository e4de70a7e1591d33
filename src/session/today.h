// SPDX-License-Identifier: MIT
// A deck's study day around now (it starts at the deck's `day-start` hour) and what its
// daily limits still allow: the one "today" drill, status, stats and report share.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "session/study_settings.h"
#include "store/store.h"

namespace quizdeck::session {

struct DeckDay {
  std::int64_t start_ms = 0;        // this study day's start
  std::int64_t end_ms = 0;          // the next one's
  int new_left = 0;                 // new cards the daily limit still allows
  std::optional<int> reviews_left;  // review cards it still allows (none: no limit)
};

// `new_per_day` overrides the deck's setting for one run (--new).
DeckDay deck_day(store::Store& store, const std::string& deck_id, const StudySettings& settings,
                 std::int64_t now, std::optional<int> new_per_day = std::nullopt);

// The study settings of each deck, from the store; a failure names the deck whose stored
// value is not valid.
core::Expected<std::map<std::string, StudySettings>> study_settings_of(
    store::Store& store, const std::vector<std::string>& deck_ids);

}  // namespace quizdeck::session
