// SPDX-License-Identifier: MIT
// What "due" means, the one definition every command uses (drill, status, stats, report
// and their JSON): a card in review is due on the study day its due time falls in, from
// that day's start (so a drill asks every card due today, not only those due by the
// second); a card in (re)learning steps is due when its step comes, or up to 20 minutes
// early (Anki's learn-ahead limit). New cards are never "due": they are introduced.
#pragma once

#include <cstdint>

#include "core/review.h"

namespace quizdeck::schedule {

inline constexpr std::int64_t kLearnAheadMs = 20 * 60'000;

// `day_end`: the start of the next study day (see core::study_day_start).
inline bool is_due(core::State state, std::int64_t due_ms, std::int64_t now, std::int64_t day_end) {
  if (state == core::State::kNew) return false;
  if (core::in_steps(state)) return due_ms <= now + kLearnAheadMs;
  return due_ms < day_end;
}

}  // namespace quizdeck::schedule
