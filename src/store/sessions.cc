// SPDX-License-Identifier: MIT
// Study sessions: started, ended, and their exam results.
#include "store/store.h"

#include "store/rows.h"

namespace quizdeck::store {

std::int64_t Store::begin_session(const SessionRecord& session) {
  Transaction transaction(db_);
  Statement insert = db_.prepare(
      "INSERT INTO sessions (mode, decks, started_ms, pass_mark) VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, core::mode_name(session.mode))
      .bind(2, join_deck_ids(session.decks))
      .bind(3, session.started_ms);
  insert.bind(4, session.pass_mark).run();
  const std::int64_t id = db_.last_insert_id();
  transaction.commit();
  return id;
}

void Store::end_session(const SessionRecord& session) {
  Transaction transaction(db_);
  Statement update = db_.prepare(
      "UPDATE sessions SET ended_ms = ?2, score = ?3, points = ?4, pass_mark = ?5, passed = ?6 "
      "WHERE id = ?1");
  update.bind(1, session.id).bind(2, session.ended_ms).bind(3, session.score);
  update.bind(4, session.points).bind(5, session.pass_mark);
  if (session.passed) {
    update.bind(6, *session.passed ? 1 : 0);
  } else {
    update.bind_null(6);
  }
  update.run();
  transaction.commit();
}

std::vector<SessionRecord> Store::sessions() {
  Statement query = db_.prepare(
      "SELECT id, mode, decks, started_ms, ended_ms, score, points, pass_mark, passed "
      "FROM sessions ORDER BY started_ms, id");
  std::vector<SessionRecord> out;
  while (query.step()) {
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
    out.push_back(session);
  }
  return out;
}

}  // namespace quizdeck::store
