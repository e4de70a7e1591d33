// SPDX-License-Identifier: MIT
// What `quizdeck sync` keeps in the store: the device id, what was sent, the last synced
// marks and settings with their stamps, journal positions, devices; and one sync's merge.
#include <fmt/format.h>

#include <map>
#include <set>

#include "store/rows.h"
#include "store/schema.h"
#include "store/store.h"

namespace quizdeck::store {
namespace {

CardMarks read_marks(const Statement& row, int first) {
  CardMarks marks;
  marks.suspended = row.integer(first) != 0;
  marks.buried_until_ms = row.optional_integer(first + 1);
  marks.flag = static_cast<int>(row.integer(first + 2));
  marks.leech = row.integer(first + 3) != 0;
  return marks;
}

void remember_marks(Database& db, const SyncedMarks& m) {
  Statement& upsert = db.kept(
      "INSERT INTO sync_marks (deck_id, card_id, suspended, buried_until_ms, flag, leech, "
      "time_ms, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (deck_id, card_id) "
      "DO UPDATE SET suspended = ?3, buried_until_ms = ?4, flag = ?5, leech = ?6, time_ms = ?7, "
      "device = ?8");
  upsert.bind(1, m.deck_id).bind(2, m.card_id).bind(3, m.marks.suspended ? 1 : 0);
  upsert.bind(4, m.marks.buried_until_ms).bind(5, m.marks.flag).bind(6, m.marks.leech ? 1 : 0);
  upsert.bind(7, m.stamp.time_ms).bind(8, m.stamp.device).run();
}

void remember_setting(Database& db, const SyncedSetting& s) {
  Statement& upsert = db.kept(
      "INSERT INTO sync_settings (scope, key, value, time_ms, device) VALUES (?1, ?2, ?3, ?4, "
      "?5) ON CONFLICT (scope, key) DO UPDATE SET value = ?3, time_ms = ?4, device = ?5");
  upsert.bind(1, s.scope).bind(2, s.key).bind(3, s.value).bind(4, s.stamp.time_ms);
  upsert.bind(5, s.stamp.device).run();
}

// A card (and its deck) this store has not seen, made so that history for it has a
// place: no prompt, no place in its deck (syncing the deck file gives it both).
bool ensure_card(Database& db, const std::string& deck_id, const std::string& card_id,
                 std::int64_t created_ms) {
  Statement& deck =
      db.kept("INSERT OR IGNORE INTO decks (id, title, path, seen_ms) VALUES (?1, ?1, '', 0)");
  deck.bind(1, deck_id).run();
  Statement& card = db.kept(
      "INSERT OR IGNORE INTO cards (deck_id, card_id, prompt, created_ms, state, due_ms, "
      "stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses) "
      "VALUES (?1, ?2, '', ?3, 0, ?3, 0, 0, 0, 0, 0, 0, 0)");
  card.bind(1, deck_id).bind(2, card_id).bind(3, created_ms).run();
  return db.changes() > 0;
}

void remember_sitting(Database& db, std::int64_t session_id, const SyncedSitting& sitting) {
  Statement& upsert = db.kept(
      "INSERT INTO sync_sittings (session_id, time_ms, record) VALUES (?1, ?2, ?3) ON CONFLICT "
      "(session_id) DO UPDATE SET time_ms = ?2, record = ?3");
  upsert.bind(1, session_id).bind(2, sitting.time_ms).bind(3, sitting.record).run();
}

// Another device's exam sitting: added, or replacing the one held when its stamp is later;
// its answers (reviews of that device, already here or coming in this same merge) are
// linked to it. An answer already in a sitting stays there: it was answered in one, and a
// line naming it for another is damage. Nothing changes when the held one's stamp is not earlier.
void take_sitting(Database& db, const SyncedSitting& sitting, SyncCounts& counts) {
  const SessionRecord& s = sitting.session;
  Statement& held = db.kept(
      "SELECT s.id, y.time_ms FROM sessions s LEFT JOIN sync_sittings y ON y.session_id = s.id "
      "WHERE s.origin = ?1 AND s.origin_id = ?2");
  held.bind(1, s.origin).bind(2, s.origin_id);
  std::optional<std::int64_t> id;
  std::optional<std::int64_t> held_ms;
  if (held.step()) {
    id = held.integer(0);
    held_ms = held.optional_integer(1);
  }
  held.reset();
  if (held_ms && *held_ms >= sitting.time_ms) return;
  Statement& write = db.kept(
      "INSERT INTO sessions (id, mode, decks, started_ms, ended_ms, score, points, pass_mark, "
      "passed, complete, plan, origin, origin_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
      "?10, ?11, ?12, ?13) ON CONFLICT (id) DO UPDATE SET mode = ?2, decks = ?3, started_ms = "
      "?4, ended_ms = ?5, score = ?6, points = ?7, pass_mark = ?8, passed = ?9, complete = ?10, "
      "plan = ?11");
  if (id) {
    write.bind(1, *id);
  } else {
    write.bind_null(1);
  }
  write.bind(2, core::mode_name(s.mode)).bind(3, join_deck_ids(s.decks)).bind(4, s.started_ms);
  write.bind(5, s.ended_ms).bind(6, s.score).bind(7, s.points).bind(8, s.pass_mark);
  if (s.passed) {
    write.bind(9, *s.passed ? 1 : 0);
  } else {
    write.bind_null(9);
  }
  write.bind(10, s.complete ? 1 : 0).bind(11, s.plan).bind(12, s.origin).bind(13, s.origin_id);
  write.run();
  const std::int64_t session_id = id ? *id : db.last_insert_id();
  remember_sitting(db, session_id, sitting);
  Statement& link = db.kept(
      "UPDATE reviews SET session_id = ?1 WHERE origin = ?2 AND seq BETWEEN ?3 AND ?4 AND "
      "session_id IS NULL");
  for (const auto& [first, last] : sitting.answers) {
    link.bind(1, session_id).bind(2, s.origin).bind(3, first).bind(4, last).run();
  }
  ++(id ? counts.sittings_changed : counts.sittings_added);
}

// A read of several statements that must see one state of the store (a deferred
// transaction: another process may write meanwhile, this read does not see it).
class Snapshot {
 public:
  explicit Snapshot(Database& db) : db_(db) { db_.exec("BEGIN"); }
  ~Snapshot() { sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr); }
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

 private:
  Database& db_;
};

}  // namespace

std::string Store::device_id() {
  Statement query = db_.prepare("SELECT device FROM sync_self");
  if (!query.step()) {
    throw StoreError(StoreError::Kind::kCorrupt, "the store has no device id");
  }
  return query.text(0);
}

SyncOutbox Store::sync_outbox(std::int64_t now) {
  SyncOutbox out;
  const Snapshot snapshot(db_);
  const std::string self = device_id();
  Statement sent = db_.prepare("SELECT sent_seq, sent_tombstone FROM sync_self");
  sent.step();
  const std::int64_t sent_seq = sent.integer(0);
  const std::int64_t sent_tombstone = sent.integer(1);
  out.last_seq = sent_seq;
  out.last_tombstone = sent_tombstone;
  Statement reviews = db_.prepare(fmt::format(
      "SELECT {} FROM reviews WHERE origin = ?1 AND seq > ?2 ORDER BY seq", kReviewColumns));
  reviews.bind(1, self).bind(2, sent_seq);
  while (reviews.step()) {
    out.reviews.push_back(read_review(reviews));
    out.last_seq = std::max(out.last_seq, out.reviews.back().seq);
  }
  Statement tombstones = db_.prepare(
      "SELECT id, origin, seq FROM sync_tombstones WHERE local = 1 AND id > ?1 ORDER BY id");
  tombstones.bind(1, sent_tombstone);
  while (tombstones.step()) {
    ReviewRecord id;
    id.origin = tombstones.text(1);
    id.seq = tombstones.integer(2);
    out.tombstones.emplace_back(tombstones.integer(0), std::move(id));
    out.last_tombstone = std::max(out.last_tombstone, tombstones.integer(0));
  }
  Statement marks = db_.prepare(
      "SELECT c.deck_id, c.card_id, c.suspended, c.buried_until_ms, c.flag, c.leech FROM cards "
      "c LEFT JOIN sync_marks m ON m.deck_id = c.deck_id AND m.card_id = c.card_id WHERE CASE "
      "WHEN m.deck_id IS NULL THEN c.suspended != 0 OR c.buried_until_ms IS NOT NULL OR c.flag "
      "!= 0 OR c.leech != 0 ELSE c.suspended IS NOT m.suspended OR c.buried_until_ms IS NOT "
      "m.buried_until_ms OR c.flag IS NOT m.flag OR c.leech IS NOT m.leech END ORDER BY "
      "c.deck_id, c.card_id");
  while (marks.step()) {
    out.marks.push_back({marks.text(0), marks.text(1), read_marks(marks, 2), {now, self}});
  }
  Statement settings = db_.prepare(
      "SELECT s.scope, s.key, s.value FROM settings s LEFT JOIN sync_settings r ON r.scope = "
      "s.scope AND r.key = s.key WHERE r.value IS NOT s.value UNION ALL SELECT r.scope, r.key, "
      "NULL FROM sync_settings r WHERE r.value IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
      "settings s WHERE s.scope = r.scope AND s.key = r.key) ORDER BY 1, 2");
  while (settings.step()) {
    SyncedSetting setting{settings.text(0), settings.text(1), std::nullopt, {now, self}};
    if (!settings.is_null(2)) setting.value = settings.text(2);
    out.settings.push_back(std::move(setting));
  }
  Statement sittings = db_.prepare(fmt::format(
      "SELECT {}, y.record FROM sessions s LEFT JOIN sync_sittings y ON y.session_id = s.id "
      "WHERE s.origin = ?1 AND s.mode = 'exam' ORDER BY s.id",
      kSessionColumns));
  sittings.bind(1, self);
  std::map<std::int64_t, std::size_t> index;
  while (sittings.step()) {
    SittingToSend sitting{read_session(sittings), {}, std::nullopt};
    if (!sittings.is_null(13)) sitting.sent = sittings.text(13);
    index[sitting.session.id] = out.sittings.size();
    out.sittings.push_back(std::move(sitting));
  }
  Statement answers = db_.prepare(
      "SELECT session_id, seq FROM reviews WHERE session_id IN (SELECT id FROM sessions WHERE "
      "origin = ?1 AND mode = 'exam') AND origin = ?1 ORDER BY session_id, seq");
  answers.bind(1, self);
  while (answers.step()) {
    const auto at = index.find(answers.integer(0));
    if (at != index.end()) out.sittings[at->second].answers.push_back(answers.integer(1));
  }
  return out;
}

SyncCounts Store::apply_sync(const SyncMerge& merge, const Newer& newer, const Replay& replay,
                             bool commit) {
  Transaction transaction(db_);
  SyncCounts counts;
  // The cards whose history changed here since the last sync are replayed too: a review
  // answered after the clock was set back, or undone, leaves a state the replay in time
  // order would not give, and every store must hold the replay's.
  std::set<std::pair<std::string, std::string>> touched;
  Statement changed_here = db_.prepare(
      "SELECT r.deck_id, r.card_id FROM reviews r, sync_self s WHERE r.origin = s.device AND "
      "r.seq > s.sent_seq AND r.seq <= ?1 UNION SELECT t.deck_id, t.card_id FROM "
      "sync_tombstones t, sync_self s WHERE t.local = 1 AND t.id > s.sent_tombstone AND t.id <= "
      "?2 AND t.deck_id IS NOT NULL");
  changed_here.bind(1, merge.sent_seq).bind(2, merge.sent_tombstone);
  while (changed_here.step()) touched.emplace(changed_here.text(0), changed_here.text(1));
  Statement sent = db_.prepare(
      "UPDATE sync_self SET sent_seq = max(sent_seq, ?1), sent_tombstone = max(sent_tombstone, "
      "?2)");
  sent.bind(1, merge.sent_seq).bind(2, merge.sent_tombstone).run();
  for (const auto& marks : merge.sent_marks) remember_marks(db_, marks);
  for (const auto& setting : merge.sent_settings) remember_setting(db_, setting);
  for (const auto& sitting : merge.sent_sittings)
    remember_sitting(db_, sitting.session.id, sitting);

  Statement bury =
      db_.prepare("INSERT OR IGNORE INTO sync_tombstones (origin, seq, local) VALUES (?1, ?2, 0)");
  Statement remove =
      db_.prepare("DELETE FROM reviews WHERE origin = ?1 AND seq = ?2 RETURNING deck_id, card_id");
  for (const auto& [origin, seq] : merge.tombstones) {
    bury.bind(1, origin).bind(2, seq).run();
    remove.bind(1, origin).bind(2, seq);
    while (remove.step()) {
      touched.emplace(remove.text(0), remove.text(1));
      ++counts.reviews_removed;
    }
    remove.reset();
  }

  Statement known = db_.prepare(
      "SELECT 1 FROM reviews WHERE origin = ?1 AND seq = ?2 UNION ALL SELECT 1 FROM "
      "sync_tombstones WHERE origin = ?1 AND seq = ?2");
  Statement insert = db_.prepare(
      "INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms, "
      "session_id, mode, scheduled, answer_form, shown, reset_ms, content, credit, origin, seq, "
      "question) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
      "?16, ?17)");
  std::map<std::string, std::vector<const ReviewRecord*>> by_deck;
  for (const auto& review : merge.reviews) {
    known.bind(1, review.origin).bind(2, review.seq);
    const bool seen = known.step();
    known.reset();
    if (!seen) by_deck[review.deck_id].push_back(&review);
  }
  const auto write = [&](const std::vector<const ReviewRecord*>& batch) {
    for (const ReviewRecord* r : batch) {
      if (ensure_card(db_, r->deck_id, r->card_id, r->time_ms)) ++counts.cards_made;
      insert.bind(1, r->time_ms).bind(2, r->deck_id).bind(3, r->card_id);
      insert.bind(4, static_cast<int>(r->rating)).bind(5, r->correct ? 1 : 0).bind(6, r->answer);
      insert.bind(7, r->response_ms).bind(8, core::mode_name(r->mode));
      insert.bind(9, r->scheduled ? 1 : 0).bind(10, r->answer_form).bind(11, r->shown);
      insert.bind(12, r->reset_ms).bind(13, r->content).bind(14, r->credit);
      insert.bind(15, r->origin).bind(16, r->seq).bind(17, r->question).run();
      touched.emplace(r->deck_id, r->card_id);
      ++counts.reviews_added;
    }
  };
  for (const auto& deck : by_deck) {
    // (A structured binding cannot be captured by a lambda before C++20's fix in clang.)
    const std::vector<const ReviewRecord*>& batch = deck.second;
    // A deck's summaries are refilled once, not per review, when much of its log comes in.
    if (worth_bulk_write(deck.first, static_cast<std::int64_t>(batch.size()))) {
      bulk_write(deck.first, [&] { write(batch); });
    } else {
      write(batch);
    }
  }

  Statement held_setting =
      db_.prepare("SELECT value, time_ms, device FROM sync_settings WHERE scope = ?1 AND key = ?2");
  Statement current_setting =
      db_.prepare("SELECT value FROM settings WHERE scope = ?1 AND key = ?2");
  for (const auto& setting : merge.settings) {
    held_setting.bind(1, setting.scope).bind(2, setting.key);
    SyncStamp held;
    if (held_setting.step()) held = {held_setting.integer(1), held_setting.text(2)};
    held_setting.reset();
    if (!newer(setting.stamp, held)) continue;
    current_setting.bind(1, setting.scope).bind(2, setting.key);
    std::optional<std::string> current;
    if (current_setting.step()) current = current_setting.text(0);
    current_setting.reset();
    if (current != setting.value) {
      if (setting.value) {
        Statement upsert = db_.prepare(
            "INSERT INTO settings (scope, key, value) VALUES (?1, ?2, ?3) ON CONFLICT (scope, "
            "key) DO UPDATE SET value = ?3");
        upsert.bind(1, setting.scope).bind(2, setting.key).bind(3, *setting.value).run();
      } else {
        Statement drop = db_.prepare("DELETE FROM settings WHERE scope = ?1 AND key = ?2");
        drop.bind(1, setting.scope).bind(2, setting.key).run();
      }
      ++counts.settings_changed;
    }
    remember_setting(db_, setting);
  }

  Statement held_marks =
      db_.prepare("SELECT time_ms, device FROM sync_marks WHERE deck_id = ?1 AND card_id = ?2");
  Statement card_marks = db_.prepare(
      "SELECT suspended, buried_until_ms, flag, leech FROM cards WHERE deck_id = ?1 AND card_id "
      "= ?2");
  Statement set_marks = db_.prepare(
      "UPDATE cards SET suspended = ?3, buried_until_ms = ?4, flag = ?5, leech = ?6 WHERE "
      "deck_id = ?1 AND card_id = ?2");
  for (const auto& marks : merge.marks) {
    held_marks.bind(1, marks.deck_id).bind(2, marks.card_id);
    SyncStamp held;
    if (held_marks.step()) held = {held_marks.integer(0), held_marks.text(1)};
    held_marks.reset();
    if (!newer(marks.stamp, held)) continue;
    if (ensure_card(db_, marks.deck_id, marks.card_id, marks.stamp.time_ms)) ++counts.cards_made;
    card_marks.bind(1, marks.deck_id).bind(2, marks.card_id);
    card_marks.step();
    const CardMarks current = read_marks(card_marks, 0);
    card_marks.reset();
    if (!(current == marks.marks)) {
      set_marks.bind(1, marks.deck_id).bind(2, marks.card_id);
      set_marks.bind(3, marks.marks.suspended ? 1 : 0).bind(4, marks.marks.buried_until_ms);
      set_marks.bind(5, marks.marks.flag).bind(6, marks.marks.leech ? 1 : 0).run();
      ++counts.marks_changed;
    }
    remember_marks(db_, marks);
  }

  // After the reviews: a sitting's answers come before it.
  const std::string self = device_id();
  for (const auto& sitting : merge.sittings) {
    if (sitting.session.origin != self) take_sitting(db_, sitting, counts);
  }

  for (const auto& position : merge.positions) {
    Statement upsert = db_.prepare(
        "INSERT INTO sync_journals (name, device, offset, lines) VALUES (?1, ?2, ?3, ?4) ON "
        "CONFLICT (name) DO UPDATE SET device = ?2, offset = ?3, lines = ?4");
    upsert.bind(1, position.name).bind(2, position.device).bind(3, position.offset);
    upsert.bind(4, position.lines).run();
  }
  for (const auto& device : merge.devices) {
    Statement upsert = db_.prepare(
        "INSERT INTO sync_devices (device, synced_ms, retired_ms) VALUES (?1, ?2, ?3) ON "
        "CONFLICT (device) DO UPDATE SET synced_ms = max(coalesce(synced_ms, ?2), coalesce(?2, "
        "synced_ms)), retired_ms = coalesce(retired_ms, ?3)");
    upsert.bind(1, device.device).bind(2, device.synced_ms).bind(3, device.retired_ms).run();
  }

  for (const auto& [deck_id, card_id] : touched) {
    const auto current = card(deck_id, card_id);
    if (!current) continue;
    update_card_state(db_, replay(*current, schedule_history(db_, deck_id, card_id)));
    ++counts.cards_replayed;
  }
  if (commit) transaction.commit();
  return counts;
}

std::vector<JournalPosition> Store::journal_positions() {
  Statement query =
      db_.prepare("SELECT name, device, offset, lines FROM sync_journals ORDER BY name");
  std::vector<JournalPosition> out;
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.integer(2), query.integer(3)});
  }
  return out;
}

std::vector<DeviceRecord> Store::sync_devices() {
  Statement query =
      db_.prepare("SELECT device, synced_ms, retired_ms FROM sync_devices ORDER BY device");
  std::vector<DeviceRecord> out;
  while (query.step()) {
    out.push_back({query.text(0), query.optional_integer(1), query.optional_integer(2)});
  }
  return out;
}

}  // namespace quizdeck::store
