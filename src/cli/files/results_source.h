// SPDX-License-Identifier: MIT
// Results as the results format has them, from where they are kept: a learner's store (the
// exam sittings and every answer, for `quizdeck results`, which writes them out, and
// `quizdeck analyze` without results files, which analyses the store it is given), and a
// class database (every learner's pushed sittings and answers, for `analyze --class`).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/results.h"
#include "core/expected.h"
#include "store/store.h"

namespace quizdeck::cli {

struct ResultsSelection {
  std::vector<std::string> deck_ids;  // empty: every deck
  std::optional<std::int64_t> since_ms;
};

// Exam sittings (by start) that asked a selected deck, then answers to selected decks and
// every answer of those sittings (a sitting's score is all of its answers'), in time
// order, each given to `take`.
void store_results(store::Store& store, const ResultsSelection& selection,
                   const std::function<void(const analysis::ResultsRecord&)>& take);

// A session's sitting record (an exam's), and a review as an answer record (`in_sitting`:
// it belongs to that exam sitting, which takes its number).
analysis::ExamSitting sitting_of(const store::SessionRecord& session);
analysis::Answer answer_of(const store::ReviewRecord& review, bool in_sitting);

// Records learner by learner, as a class's results come: begin(learner label), records,
// end(); `warn` hears of a record left out.
struct LearnerRecords {
  std::function<void(const std::string& learner)> begin;
  std::function<void(const analysis::ResultsRecord&)> take;
  std::function<void()> end;
  std::function<void(const std::string& message)> warn;
};

// Every learner's records in the class database at `url` (classroom/class_push.h),
// streamed: memory does not grow with the class.
core::Expected<void> class_results(const std::string& url, const LearnerRecords& records);

}  // namespace quizdeck::cli
