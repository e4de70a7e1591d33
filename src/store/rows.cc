// SPDX-License-Identifier: MIT
#include "store/rows.h"

#include <fmt/format.h>

namespace quizdeck::store {
namespace {

[[noreturn]] void damaged(const Statement& row, int column, std::string_view what) {
  throw StoreError(StoreError::Kind::kCorrupt,
                   fmt::format("the store holds an impossible {} ('{}'); run 'quizdeck store "
                               "check'",
                               what, row.text(column)));
}

}  // namespace

core::State state_column(const Statement& row, int column) {
  if (const auto state = core::state_from_number(row.integer(column))) return *state;
  damaged(row, column, "card state");
}

core::Rating rating_column(const Statement& row, int column) {
  if (const auto rating = core::rating_from_number(row.integer(column))) return *rating;
  damaged(row, column, "rating");
}

core::ReviewMode mode_column(const Statement& row, int column) {
  if (const auto mode = core::parse_mode(row.text_view(column))) return *mode;
  damaged(row, column, "session mode");
}

CardRecord read_card(const Statement& row) {
  CardRecord card;
  card.deck_id = row.text(0);
  card.card_id = row.text(1);
  card.prompt = row.text(2);
  card.created_ms = row.integer(3);
  card.state = state_column(row, 4);
  card.due_ms = row.integer(5);
  card.stability = row.real(6);
  card.difficulty = row.real(7);
  card.elapsed_days = static_cast<int>(row.integer(8));
  card.scheduled_days = static_cast<int>(row.integer(9));
  card.learning_steps = static_cast<int>(row.integer(10));
  card.reps = static_cast<int>(row.integer(11));
  card.lapses = static_cast<int>(row.integer(12));
  card.last_review_ms = row.optional_integer(13);
  if (!row.is_null(14)) card.note = row.text(14);
  card.marks.suspended = row.integer(15) != 0;
  card.marks.buried_until_ms = row.optional_integer(16);
  card.marks.flag = static_cast<int>(row.integer(17));
  card.marks.leech = row.integer(18) != 0;
  return card;
}

ReviewRecord read_review(const Statement& row) {
  ReviewRecord review;
  review.id = row.integer(0);
  review.time_ms = row.integer(1);
  review.deck_id = row.text(2);
  review.card_id = row.text(3);
  review.rating = rating_column(row, 4);
  review.correct = row.integer(5) != 0;
  review.answer = row.text(6);
  review.response_ms = row.integer(7);
  review.session_id = row.optional_integer(8);
  review.mode = mode_column(row, 9);
  review.scheduled = row.integer(10) != 0;
  review.reset_ms = row.optional_integer(11);
  review.answer_form = row.text(12);
  if (!row.is_null(13)) review.shown = row.text(13);
  if (!row.is_null(14)) review.content = row.text(14);
  if (!row.is_null(15)) review.credit = row.real(15);
  if (!row.is_null(16)) review.origin = row.text(16);
  review.seq = row.is_null(17) ? 0 : row.integer(17);
  if (!row.is_null(18)) review.question = row.text(18);
  return review;
}

void bind_card(Statement& statement, const CardRecord& card) {
  statement.bind(1, card.deck_id)
      .bind(2, card.card_id)
      .bind(3, card.prompt)
      .bind(4, card.created_ms)
      .bind(5, static_cast<int>(card.state))
      .bind(6, card.due_ms)
      .bind(7, card.stability)
      .bind(8, card.difficulty)
      .bind(9, card.elapsed_days)
      .bind(10, card.scheduled_days)
      .bind(11, card.learning_steps)
      .bind(12, card.reps)
      .bind(13, card.lapses)
      .bind(14, card.last_review_ms)
      .bind(16, card.marks.suspended ? 1 : 0)
      .bind(17, card.marks.buried_until_ms)
      .bind(18, card.marks.flag)
      .bind(19, card.marks.leech ? 1 : 0);
  if (card.note.empty()) {
    statement.bind_null(15);
  } else {
    statement.bind(15, card.note);
  }
}

void update_card_state(Database& db, const CardRecord& card) {
  Statement& update = db.kept(
      "UPDATE cards SET state = ?5, due_ms = ?6, stability = ?7, difficulty = ?8, "
      "elapsed_days = ?9, scheduled_days = ?10, learning_steps = ?11, reps = ?12, lapses = ?13, "
      "last_review_ms = ?14, suspended = ?16, buried_until_ms = ?17, flag = ?18, leech = ?19 "
      "WHERE deck_id = ?1 AND card_id = ?2");
  bind_card(update, card);
  update.run();
  if (db.changes() != 1) {
    throw StoreError(
        StoreError::Kind::kInvalid,
        fmt::format("card '{}' of deck '{}' is not in the store", card.card_id, card.deck_id));
  }
}

std::string in_list(std::size_t count, int first) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) {
    list += fmt::format("{}?{}", i == 0 ? "" : ", ", first + static_cast<int>(i));
  }
  return list;
}

std::string join_deck_ids(const std::vector<std::string>& ids) {
  std::string joined;
  for (const auto& id : ids) joined += (joined.empty() ? "" : ",") + id;
  return joined;
}

std::vector<std::string> split_deck_ids(std::string_view joined) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  while (start < joined.size()) {
    const std::size_t comma = joined.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? joined.size() : comma;
    if (end > start) ids.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return ids;
}

SessionRecord read_session(const Statement& query) {
  SessionRecord session;
  session.id = query.integer(0);
  session.mode = mode_column(query, 1);
  session.decks = split_deck_ids(query.text_view(2));
  session.started_ms = query.integer(3);
  session.ended_ms = query.optional_integer(4);
  if (!query.is_null(5)) session.score = query.real(5);
  if (!query.is_null(6)) session.points = query.real(6);
  if (!query.is_null(7)) session.pass_mark = query.real(7);
  if (!query.is_null(8)) session.passed = query.integer(8) != 0;
  session.complete = query.integer(9) != 0;
  if (!query.is_null(10)) session.plan = query.text(10);
  if (!query.is_null(11)) session.origin = query.text(11);
  session.origin_id = query.optional_integer(12).value_or(0);
  return session;
}

}  // namespace quizdeck::store
