// SPDX-License-Identifier: MIT
// Study sessions: started, ended, and their exam results.
#include "store/store.h"

#include <fmt/format.h>

#include "store/rows.h"

namespace quizdeck::store {

std::int64_t Store::begin_session(const SessionRecord& session) {
  Transaction transaction(db_);
  Statement insert = db_.prepare(
      "INSERT INTO sessions (mode, decks, started_ms, pass_mark, plan) VALUES (?1, ?2, ?3, ?4, "
      "?5)");
  insert.bind(1, core::mode_name(session.mode))
      .bind(2, join_deck_ids(session.decks))
      .bind(3, session.started_ms);
  insert.bind(4, session.pass_mark).bind(5, session.plan).run();
  const std::int64_t id = db_.last_insert_id();
  transaction.commit();
  return id;
}

void Store::end_session(const SessionRecord& session) {
  Transaction transaction(db_);
  Statement update = db_.prepare(
      "UPDATE sessions SET ended_ms = ?2, score = ?3, points = ?4, pass_mark = ?5, passed = ?6, "
      "complete = ?7, plan = coalesce(?8, plan) WHERE id = ?1");
  update.bind(1, session.id).bind(2, session.ended_ms).bind(3, session.score);
  update.bind(4, session.points).bind(5, session.pass_mark);
  if (session.passed) {
    update.bind(6, *session.passed ? 1 : 0);
  } else {
    update.bind_null(6);
  }
  update.bind(7, session.complete ? 1 : 0).bind(8, session.plan);
  update.run();
  transaction.commit();
}

void Store::resume_session(std::int64_t id, const std::string& plan) {
  Transaction transaction(db_);
  Statement update =
      db_.prepare("UPDATE sessions SET complete = 1, ended_ms = NULL, plan = ?2 WHERE id = ?1");
  update.bind(1, id).bind(2, plan).run();
  transaction.commit();
}

void Store::set_session_plan(std::int64_t id, const std::string& plan) {
  Transaction transaction(db_);
  Statement update = db_.prepare("UPDATE sessions SET plan = ?2 WHERE id = ?1");
  update.bind(1, id).bind(2, plan).run();
  transaction.commit();
}

std::optional<SessionRecord> Store::session(std::int64_t id) {
  Statement query =
      db_.prepare(fmt::format("SELECT {} FROM sessions WHERE id = ?1", kSessionColumns));
  query.bind(1, id);
  if (!query.step()) return std::nullopt;
  return read_session(query);
}

std::vector<SessionRecord> Store::sessions() {
  Statement query =
      db_.prepare(fmt::format("SELECT {} FROM sessions ORDER BY started_ms, id", kSessionColumns));
  std::vector<SessionRecord> out;
  while (query.step()) out.push_back(read_session(query));
  return out;
}

}  // namespace quizdeck::store
