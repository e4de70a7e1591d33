// SPDX-License-Identifier: MIT
// An answer as the review log keeps it (a Session writes it with each review).
#pragma once

#include "session/session.h"
#include "store/store.h"

namespace quizdeck::session {

// A flash card's rating, a typed answer as typed, and a choice answer as what it picked,
// with the choices as they were shown (so history and item analysis can tell which
// distractor was chosen); the card's content hash and the credit earned.
void store_answer(store::ReviewRecord& review, const Question& question, const Result& result);

}  // namespace quizdeck::session
