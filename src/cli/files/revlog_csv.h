// SPDX-License-Identifier: MIT
// Review logs in the CSV that fsrs-rs, ts-fsrs and Anki's research tools read: a header
// naming card_id, review_time (ms since the epoch), review_rating (1-4) and review_state
// (0 new, 1 learning, 2 review, 3 relearning), in any order, other columns ignored
// (review_duration among them). Each review's study day is its local (TZ) day with days
// starting at `day_start_hour`.
#pragma once

#include <vector>

#include "core/expected.h"
#include "core/source_text.h"
#include "optimize/items.h"

namespace quizdeck::cli {

// A failure (kInvalidInput) points at the first bad cell: a missing column, a row with too
// few cells, a time, rating or state that is not one.
core::Expected<std::vector<optimize::LogEntry>> read_revlog_csv(const core::SourceText& source,
                                                                int day_start_hour);

}  // namespace quizdeck::cli
