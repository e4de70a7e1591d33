// SPDX-License-Identifier: MIT
// The class push queue: sessions waiting to go to the class database (quizdeck(1), CLASS).
#include "store/store.h"

namespace quizdeck::store {

bool Store::queue_for_class(const ClassQueueEntry& entry) {
  Transaction transaction(db_);
  Statement insert = db_.prepare(
      "INSERT INTO class_queue (id, kind, session_id, queued_ms) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (session_id) DO NOTHING");
  insert.bind(1, entry.id)
      .bind(2, entry.mode == core::ReviewMode::kExam ? "exam" : "drill")
      .bind(3, entry.session_id)
      .bind(4, entry.queued_ms)
      .run();
  const bool added = db_.changes() == 1;
  transaction.commit();
  return added;
}

std::vector<ClassQueueEntry> Store::class_queue(bool pushed) {
  Statement query = db_.prepare(
      pushed ? "SELECT id, kind, session_id, queued_ms, pushed_ms FROM class_queue ORDER BY "
               "queued_ms, rowid"
             : "SELECT id, kind, session_id, queued_ms, pushed_ms FROM class_queue WHERE "
               "pushed_ms IS NULL ORDER BY queued_ms, rowid");
  std::vector<ClassQueueEntry> out;
  while (query.step()) {
    ClassQueueEntry entry;
    entry.id = query.text(0);
    entry.mode = query.text_view(1) == "exam" ? core::ReviewMode::kExam : core::ReviewMode::kDrill;
    entry.session_id = query.integer(2);
    entry.queued_ms = query.integer(3);
    entry.pushed_ms = query.optional_integer(4);
    out.push_back(std::move(entry));
  }
  return out;
}

void Store::mark_class_pushed(const std::string& id, std::int64_t now) {
  Transaction transaction(db_);
  Statement update =
      db_.prepare("UPDATE class_queue SET pushed_ms = ?2 WHERE id = ?1 AND pushed_ms IS NULL");
  update.bind(1, id).bind(2, now).run();
  transaction.commit();
}

}  // namespace quizdeck::store
