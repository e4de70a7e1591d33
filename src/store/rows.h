// SPDX-License-Identifier: MIT
// Inside the store only: the column lists of cards, reviews and sessions, reading a row into a
// record and binding a record to a statement. An out-of-range state, rating or mode in a
// row is damage (kCorrupt), not a value to pass on.
#pragma once

#include <cstddef>
#include <string>

#include "store/store.h"

namespace quizdeck::store {

inline constexpr const char* kCardColumns =
    "deck_id, card_id, prompt, created_ms, state, due_ms, stability, difficulty, elapsed_days, "
    "scheduled_days, learning_steps, reps, lapses, last_review_ms, note, suspended, "
    "buried_until_ms, flag, leech";
inline constexpr const char* kReviewColumns =
    "id, time_ms, deck_id, card_id, rating, correct, answer, response_ms, session_id, mode, "
    "scheduled, reset_ms, answer_form, shown, content, credit, origin, seq, question";
inline constexpr const char* kSessionColumns =
    "id, mode, decks, started_ms, ended_ms, score, points, pass_mark, passed, complete, plan, "
    "origin, origin_id";

core::State state_column(const Statement& row, int column);
core::Rating rating_column(const Statement& row, int column);
core::ReviewMode mode_column(const Statement& row, int column);

CardRecord read_card(const Statement& row);
ReviewRecord read_review(const Statement& row);
SessionRecord read_session(const Statement& row);
// Binds a card to ?1..?19 in kCardColumns order.
void bind_card(Statement& statement, const CardRecord& card);
// Writes a card's scheduling state and marks; the card must be in the store.
void update_card_state(Database& db, const CardRecord& card);
// A card's kept, scheduled reviews in time order: what its schedule is built from.
std::vector<ReviewRecord> schedule_history(Database& db, const std::string& deck_id,
                                           const std::string& card_id);
// "?3, ?4, ..." for `count` values bound from parameter `first` on.
std::string in_list(std::size_t count, int first);

// Deck ids as the sessions table keeps them (comma-joined), and back.
std::string join_deck_ids(const std::vector<std::string>& ids);
std::vector<std::string> split_deck_ids(std::string_view joined);

}  // namespace quizdeck::store
