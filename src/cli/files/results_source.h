// SPDX-License-Identifier: MIT
// A learner's results as the results format has them, read from their store: the exam
// sittings and every answer, for `quizdeck results` (which writes them out) and `quizdeck
// analyze` without results files (which analyses the store it is given).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/results.h"
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

}  // namespace quizdeck::cli
