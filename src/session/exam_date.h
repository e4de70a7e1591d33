// SPDX-License-Identifier: MIT
// Drill towards a deck's exam date (the rules are optimize/exam.h's, shared with the
// simulator and `quizdeck plan`): intervals brought forward to the day before the exam,
// due cards weakest-on-exam-day first, new cards paced to be in by the learning deadline,
// and in the last days the daily budget's spare time spent on the weakest cards not yet
// due. Study days are the deck's (its day-start hour); after the exam day nothing changes.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "deck/deck.h"
#include "schedule/fsrs.h"
#include "session/queue.h"
#include "session/study_settings.h"
#include "session/today.h"
#include "store/store.h"

namespace quizdeck::session {

// Days from the study day of `now` to the exam; nothing without an exam date ahead.
std::optional<int> days_to_exam(const StudySettings& rules, std::int64_t now);

// A review card's new due time, brought forward to the start of the day before the exam
// when it would fall later (the card's state `after` as the scheduler left it).
void bring_forward(store::CardRecord& after, const StudySettings& rules, std::int64_t now);

// New cards allowed today towards the exam: enough to have every new card in by the
// learning deadline, the daily limit at least.
void pace_new_cards(store::Store& store, const deck::Deck& deck, const StudySettings& rules,
                    std::int64_t now, DeckDay& day);

// Reorders the due cards of decks with an exam ahead (weakest predicted exam-day recall
// first, in their own places) and, in the last days before the exam, adds cards not yet
// due whose exam-day recall is below the desired retention, as the daily budget allows.
void order_for_exams(store::Store& store, const std::map<std::string, StudySettings>& rules,
                     const std::map<std::string, schedule::Scheduler>& schedulers,
                     const std::map<std::string, DeckDay>& days, std::int64_t now,
                     const CardFilter& filter, std::vector<QueueEntry>& due);

// Seconds a review is reckoned to take when the daily budget becomes a number of cards.
inline constexpr int kSecondsPerReview = 10;

}  // namespace quizdeck::session
