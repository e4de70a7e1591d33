// SPDX-License-Identifier: MIT
// Writing reviews with a card state the test chose, for store tests that set up history.
#pragma once

#include <cstdint>

#include "store/store.h"

namespace quizdeck::test {

// Records `review` leaving the card in `state`; the review's id.
inline std::int64_t record(store::Store& store, const store::ReviewRecord& review,
                           const store::CardRecord& state) {
  return store.record_review(review, [&](const store::CardRecord&) { return state; }).review_id;
}

}  // namespace quizdeck::test
