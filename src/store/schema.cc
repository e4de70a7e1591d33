// SPDX-License-Identifier: MIT
// Schema versions and migrations. Version 1 had no settings and no way to set reviews
// aside; version 2 adds both; version 3 adds the summaries statistics read. A migration
// runs in one transaction after the store was copied to "<path>.bak-v<old version>".
#include <fmt/format.h>

#include "store/schema.h"
#include "store/store.h"

namespace quizdeck::store {

void create_schema_v1(Database& db) {
  db.exec(R"sql(
CREATE TABLE decks (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  path TEXT NOT NULL,
  seen_ms INTEGER NOT NULL
) STRICT;
CREATE TABLE cards (
  deck_id TEXT NOT NULL REFERENCES decks(id),
  card_id TEXT NOT NULL,
  prompt TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
  due_ms INTEGER NOT NULL,
  stability REAL NOT NULL,
  difficulty REAL NOT NULL,
  elapsed_days INTEGER NOT NULL,
  scheduled_days INTEGER NOT NULL,
  learning_steps INTEGER NOT NULL,
  reps INTEGER NOT NULL,
  lapses INTEGER NOT NULL,
  last_review_ms INTEGER,
  PRIMARY KEY (deck_id, card_id)
) STRICT;
CREATE INDEX cards_due ON cards(due_ms, deck_id, card_id, state) WHERE state != 0;
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('drill', 'exam', 'cram')),
  decks TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  ended_ms INTEGER,
  score REAL,
  points REAL,
  pass_mark REAL,
  passed INTEGER CHECK (passed IN (0, 1))
) STRICT;
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
  answer TEXT NOT NULL,
  response_ms INTEGER NOT NULL,
  session_id INTEGER REFERENCES sessions(id),
  mode TEXT NOT NULL CHECK (mode IN ('drill', 'exam', 'cram')),
  scheduled INTEGER NOT NULL CHECK (scheduled IN (0, 1)),
  FOREIGN KEY (deck_id, card_id) REFERENCES cards(deck_id, card_id)
) STRICT;
CREATE INDEX reviews_card_time ON reviews(deck_id, card_id, time_ms);
)sql");
  db.exec(fmt::format("PRAGMA application_id = {}; PRAGMA user_version = 1;", kApplicationId));
}

namespace {

void migrate_v1_to_v2(Database& db) {
  db.exec(R"sql(
ALTER TABLE reviews ADD COLUMN reset_ms INTEGER;
CREATE TABLE settings (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
)sql");
}

// Version 3 keeps what statistics read as reviews are written, so `stats` costs the same
// whatever the size of the log: reviews per deck and 15-minute bucket (local days are made
// of them in every time zone), with the "recalls" among them, and kept reviews per card;
// and an index holding what it reads of each card.
// A recall is a scheduled, kept review of a card whose previous one (by time, then id) was
// on an earlier UTC day: a test of memory, not a same-day learning step. Triggers keep
// both tables equal to what the log says after every insert, delete and update, so no
// code path (and no hand-written SQL) can leave them behind.

// Recalls compare UTC days.
constexpr std::int64_t kUtcDayMs = 86'400'000;

// The time of the kept, scheduled review before row R of the same card, R itself left out.
std::string previous_time(std::string_view row) {
  return fmt::format(
      "(SELECT p.time_ms FROM reviews p WHERE p.deck_id = {0}.deck_id AND p.card_id = "
      "{0}.card_id AND p.scheduled = 1 AND p.reset_ms IS NULL AND p.id != {0}.id AND "
      "p.time_ms <= {0}.time_ms AND (p.time_ms < {0}.time_ms OR p.id < {0}.id) "
      "ORDER BY p.time_ms DESC, p.id DESC LIMIT 1)",
      row);
}

constexpr std::string_view kAddToBucket =
    "ON CONFLICT (deck_id, bucket) DO UPDATE SET reviews = reviews + excluded.reviews, "
    "correct = correct + excluded.correct, response_ms = response_ms + excluded.response_ms, "
    "recalls = recalls + excluded.recalls, recalls_right = recalls_right + excluded.recalls_right";

// Statements adding (sign 1) or taking away (sign -1) row R's part of the summaries.
std::string apply_review(std::string_view row, int sign) {
  const std::string previous = previous_time(row);
  std::string out = fmt::format(
      // Its own bucket: counts, and whether it is a recall.
      "INSERT INTO review_buckets (deck_id, bucket, reviews, correct, response_ms, recalls, "
      "recalls_right) SELECT {0}.deck_id, {0}.time_ms / {4}, {1}, {1} * {0}.correct, "
      "{1} * {0}.response_ms, {1} * recall, {1} * recall * {0}.correct FROM (SELECT CASE WHEN "
      "{0}.scheduled = 1 THEN coalesce({2} / {5} < {0}.time_ms / {5}, 0) ELSE 0 END "
      "AS recall) WHERE {0}.reset_ms IS NULL {3};\n"
      // The next scheduled review of the card now follows R (or, without R, R's previous
      // one): whether it is a recall may change.
      "INSERT INTO review_buckets (deck_id, bucket, reviews, correct, response_ms, recalls, "
      "recalls_right) SELECT {0}.deck_id, next_time / {4}, 0, 0, 0, change, change * "
      "next_correct FROM (SELECT s.time_ms AS next_time, s.correct AS next_correct, {1} * "
      "(({0}.time_ms / {5} < s.time_ms / {5}) - coalesce({2} / {5} < s.time_ms / "
      "{5}, 0)) AS change FROM reviews s WHERE s.deck_id = {0}.deck_id AND s.card_id = "
      "{0}.card_id AND s.scheduled = 1 AND s.reset_ms IS NULL AND s.id != {0}.id AND s.time_ms "
      ">= {0}.time_ms AND (s.time_ms > {0}.time_ms OR s.id > {0}.id) ORDER BY s.time_ms, s.id "
      "LIMIT 1) WHERE {0}.scheduled = 1 AND {0}.reset_ms IS NULL AND change != 0 {3};\n"
      "INSERT INTO card_totals (deck_id, card_id, reviews, correct) SELECT {0}.deck_id, "
      "{0}.card_id, {1}, {1} * {0}.correct WHERE {0}.reset_ms IS NULL ON CONFLICT (deck_id, "
      "card_id) DO UPDATE SET reviews = reviews + excluded.reviews, correct = correct + "
      "excluded.correct;\n",
      row, sign, previous, kAddToBucket, kReviewBucketMs, kUtcDayMs);
  if (sign < 0) {
    out += fmt::format(
        "DELETE FROM review_buckets WHERE deck_id = {0}.deck_id AND bucket = {0}.time_ms / "
        "{1} AND reviews = 0;\n"
        "DELETE FROM card_totals WHERE deck_id = {0}.deck_id AND card_id = {0}.card_id AND "
        "reviews = 0;\n",
        row, kReviewBucketMs);
  }
  return out;
}

void migrate_v2_to_v3(Database& db) {
  db.exec(R"sql(
CREATE TABLE review_buckets (
  deck_id TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  reviews INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  response_ms INTEGER NOT NULL,
  recalls INTEGER NOT NULL,
  recalls_right INTEGER NOT NULL,
  PRIMARY KEY (deck_id, bucket)
) STRICT, WITHOUT ROWID;
-- What stats reads of every card, in card id order, without visiting the table's rows.
CREATE INDEX cards_stats ON cards(deck_id, card_id, state, due_ms, stability, last_review_ms);
CREATE TABLE card_totals (
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  reviews INTEGER NOT NULL,
  correct INTEGER NOT NULL,
  PRIMARY KEY (deck_id, card_id)
) STRICT, WITHOUT ROWID;
)sql");
  // A row in bulk_write (only ever inside a transaction that then refills the summaries of
  // the deck it changed) turns the triggers off: resetting a deck of a million reviews
  // is one pass, not a million.
  db.exec(R"sql(
CREATE TABLE bulk_write (deck_id TEXT NOT NULL) STRICT;
)sql");
  db.exec(fmt::format(
      "CREATE TRIGGER reviews_summary_insert AFTER INSERT ON reviews WHEN NOT EXISTS (SELECT 1 "
      "FROM bulk_write) BEGIN\n{}END;\n"
      "CREATE TRIGGER reviews_summary_delete AFTER DELETE ON reviews WHEN NOT EXISTS (SELECT 1 "
      "FROM bulk_write) BEGIN\n{}END;\n"
      "CREATE TRIGGER reviews_summary_update AFTER UPDATE OF time_ms, deck_id, card_id, correct, "
      "response_ms, scheduled, reset_ms ON reviews WHEN NOT EXISTS (SELECT 1 FROM bulk_write) "
      "BEGIN\n{}{}END;\n",
      apply_review("NEW", 1), apply_review("OLD", -1), apply_review("OLD", -1),
      apply_review("NEW", 1)));
  fill_summaries(db);
}

// Version 4 makes start-up independent of the deck's size: a deck's content hash when it
// was last synced (an unchanged deck is not synced again), each card's place in its deck
// and its tags (NULL place: the card left its deck), so that drills and statistics need
// nothing of the deck but the cards they show; new cards found in deck order from an
// index, an index of the cards reviewed, by time (today's new cards), and the stats index
// only over cards with a learning state (new cards are counted, not read).
void migrate_v3_to_v4(Database& db) {
  db.exec(R"sql(
ALTER TABLE decks ADD COLUMN synced_hash TEXT;
ALTER TABLE cards ADD COLUMN position INTEGER;
ALTER TABLE cards ADD COLUMN tags TEXT NOT NULL DEFAULT '';
CREATE INDEX cards_fresh ON cards(deck_id, position, tags) WHERE state = 0;
CREATE INDEX cards_reviewed ON cards(deck_id, last_review_ms) WHERE last_review_ms IS NOT NULL;
DROP INDEX cards_stats;
CREATE INDEX cards_studied ON cards(deck_id, card_id, state, due_ms, stability, last_review_ms,
  position, tags) WHERE state != 0;
DROP INDEX cards_due;
CREATE INDEX cards_due ON cards(due_ms, deck_id, card_id, state, position, tags)
  WHERE state != 0;
)sql");
}

// Version 5 adds the study rules: a card's note (siblings, such as the blanks of one cloze,
// share it), whether it is suspended, buried until a time, flagged (0-7) or a leech; the
// due and new-card indexes leave suspended cards out and cover what their queries read; and a
// session keeps an exam's plan (to resume it) and whether it was completed. Every deck is
// synced again on its next use, so its cards learn their notes.
void migrate_v4_to_v5(Database& db) {
  db.exec(R"sql(
ALTER TABLE cards ADD COLUMN note TEXT;
ALTER TABLE cards ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1));
ALTER TABLE cards ADD COLUMN buried_until_ms INTEGER;
ALTER TABLE cards ADD COLUMN flag INTEGER NOT NULL DEFAULT 0 CHECK (flag BETWEEN 0 AND 7);
ALTER TABLE cards ADD COLUMN leech INTEGER NOT NULL DEFAULT 0 CHECK (leech IN (0, 1));
DROP INDEX cards_due;
CREATE INDEX cards_due ON cards(due_ms, deck_id, card_id, state, position, tags, buried_until_ms,
  suspended) WHERE state != 0 AND suspended = 0;
DROP INDEX cards_fresh;
CREATE INDEX cards_fresh ON cards(deck_id, position, tags, buried_until_ms, suspended)
  WHERE state = 0 AND suspended = 0;
DROP INDEX cards_studied;
CREATE INDEX cards_studied ON cards(deck_id, card_id, state, due_ms, stability, last_review_ms,
  position, tags, suspended, buried_until_ms, flag, leech) WHERE state != 0;
CREATE INDEX cards_marked ON cards(deck_id, card_id)
  WHERE suspended != 0 OR buried_until_ms IS NOT NULL OR flag != 0 OR leech != 0;
CREATE INDEX cards_note ON cards(deck_id, note) WHERE note IS NOT NULL;
ALTER TABLE sessions ADD COLUMN complete INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1));
ALTER TABLE sessions ADD COLUMN plan TEXT;
UPDATE decks SET synced_hash = NULL;
)sql");
}

// Version 6 stores what a choice answer picked, not a letter: `answer_form` says how to
// read `answer` ('typed': as typed; 'choices': a JSON array of the picked choices' texts;
// 'legacy': as typed by an older quizdeck, a letter for choice cards) and `shown` keeps
// the choices' texts in the order they were shown (a JSON array; choice cards only).
void migrate_v5_to_v6(Database& db) {
  db.exec(R"sql(
ALTER TABLE reviews ADD COLUMN answer_form TEXT NOT NULL DEFAULT 'legacy'
  CHECK (answer_form IN ('legacy', 'typed', 'choices'));
ALTER TABLE reviews ADD COLUMN shown TEXT;
)sql");
}

// Version 7 lets `answer_form` say 'anki': a review imported from an Anki package's log
// (`answer` is then empty: Anki keeps no answers). Widening a CHECK changes no stored row,
// so the table's definition is edited in place, as SQLite documents for such changes
// (lang_altertable.html, "making other kinds of table schema changes"), not rebuilt.
void migrate_v6_to_v7(Database& db) {
  const std::string from = "CHECK (answer_form IN ('legacy', 'typed', 'choices'))";
  const std::string to = "CHECK (answer_form IN ('legacy', 'typed', 'choices', 'anki'))";
  Statement version = db.prepare("PRAGMA schema_version");
  version.step();
  const std::int64_t schema_version = version.integer(0);
  version.reset();
  db.exec("PRAGMA writable_schema = ON");
  Statement edit = db.prepare(
      "UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) WHERE type = 'table' AND name = "
      "'reviews' AND instr(sql, ?1) > 0");
  edit.bind(1, from).bind(2, to).run();
  const int changed = db.changes();
  db.exec(fmt::format("PRAGMA schema_version = {}", schema_version + 1));
  db.exec("PRAGMA writable_schema = OFF");
  if (changed != 1) {
    throw StoreError(StoreError::Kind::kCorrupt,
                     "the review log's definition is not the one version 6 wrote");
  }
}

// Version 8 keeps, per answer, which version of the card was asked (`content`: its content
// hash) and the share of its points the answer earned (`credit`), for item analysis.
void migrate_v7_to_v8(Database& db) {
  db.exec(R"sql(
ALTER TABLE reviews ADD COLUMN content TEXT;
ALTER TABLE reviews ADD COLUMN credit REAL CHECK (credit BETWEEN 0 AND 1);
)sql");
}

// Version 9 keeps the class push queue: the finished exam sittings (and, when the learner
// opted in, drill sessions) waiting to go to the class database, each under a random UUID
// given when it is queued, which is its key there (so a push repeated after a crash adds
// nothing). A pushed entry stays, with the time it went, so nothing is queued twice.
void migrate_v8_to_v9(Database& db) {
  db.exec(R"sql(
CREATE TABLE class_queue (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('exam', 'drill')),
  session_id INTEGER NOT NULL UNIQUE REFERENCES sessions(id),
  queued_ms INTEGER NOT NULL,
  pushed_ms INTEGER
) STRICT;
CREATE INDEX class_queue_waiting ON class_queue(queued_ms) WHERE pushed_ms IS NULL;
)sql");
}

// Version 10 lets stores on several machines share one history (`quizdeck sync`): each
// store has a device id (128 random bits, hex, made once), each review a globally unique
// id (`origin`: the device that made it, `seq`: its number there), given by a trigger to
// every review written without one (so every path that writes reviews, hand-written SQL
// included, gets one) and kept for reviews merged from other devices. A review deleted
// (an undo, a prune) leaves a tombstone of its id, so a journal read later never brings it
// back (a local one names its card, replayed when it is sent). What sync remembers: what this store
// has written to its journal, the last mark and setting values it saw with their (time, device)
// stamps (last writer wins), how far it has read each journal, and what it knows of each device.
// Existing reviews get this store's id and their row id as their number.
void migrate_v9_to_v10(Database& db) {
  db.exec(R"sql(
ALTER TABLE reviews ADD COLUMN origin TEXT;
ALTER TABLE reviews ADD COLUMN seq INTEGER;
CREATE TABLE sync_self (
  device TEXT NOT NULL CHECK (length(device) = 32),
  next_seq INTEGER NOT NULL,
  sent_seq INTEGER NOT NULL DEFAULT 0,
  sent_tombstone INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sync_self (device, next_seq)
  SELECT lower(hex(randomblob(16))), coalesce(max(id), 0) + 1 FROM reviews;
UPDATE reviews SET origin = (SELECT device FROM sync_self), seq = id;
CREATE UNIQUE INDEX reviews_origin ON reviews(origin, seq);
CREATE TRIGGER reviews_origin_insert AFTER INSERT ON reviews WHEN NEW.origin IS NULL BEGIN
  UPDATE reviews SET origin = (SELECT device FROM sync_self),
    seq = (SELECT next_seq FROM sync_self) WHERE id = NEW.id;
  UPDATE sync_self SET next_seq = next_seq + 1;
END;
CREATE TABLE sync_tombstones (
  id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL,
  seq INTEGER NOT NULL,
  local INTEGER NOT NULL CHECK (local IN (0, 1)),
  deck_id TEXT,
  card_id TEXT,
  UNIQUE (origin, seq)
) STRICT;
CREATE TRIGGER reviews_origin_delete AFTER DELETE ON reviews WHEN OLD.origin IS NOT NULL BEGIN
  INSERT OR IGNORE INTO sync_tombstones (origin, seq, local, deck_id, card_id)
    VALUES (OLD.origin, OLD.seq, 1, OLD.deck_id, OLD.card_id);
END;
CREATE TABLE sync_marks (
  deck_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  suspended INTEGER NOT NULL CHECK (suspended IN (0, 1)),
  buried_until_ms INTEGER,
  flag INTEGER NOT NULL CHECK (flag BETWEEN 0 AND 7),
  leech INTEGER NOT NULL CHECK (leech IN (0, 1)),
  time_ms INTEGER NOT NULL,
  device TEXT NOT NULL,
  PRIMARY KEY (deck_id, card_id)
) STRICT;
CREATE TABLE sync_settings (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT,
  time_ms INTEGER NOT NULL,
  device TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
CREATE TABLE sync_journals (
  name TEXT PRIMARY KEY,
  device TEXT NOT NULL,
  offset INTEGER NOT NULL,
  lines INTEGER NOT NULL
) STRICT;
CREATE TABLE sync_devices (
  device TEXT PRIMARY KEY,
  synced_ms INTEGER,
  retired_ms INTEGER
) STRICT;
)sql");
}

}  // namespace

std::string expected_review_buckets_sql(std::string_view and_where) {
  // The previous kept review of a scheduled one, by the same order the triggers use.
  return fmt::format(
      "SELECT deck_id, time_ms / {1} AS bucket, count(*) AS reviews, sum(correct) AS correct, "
      "sum(response_ms) AS response_ms, sum(recall) AS recalls, sum(recall * correct) AS "
      "recalls_right FROM (SELECT deck_id, time_ms, correct, response_ms, CASE WHEN scheduled "
      "= 1 THEN coalesce(lag(time_ms) OVER (PARTITION BY deck_id, card_id, scheduled ORDER BY "
      "time_ms, id) / {2} < time_ms / {2}, 0) ELSE 0 END AS recall FROM reviews WHERE reset_ms "
      "IS NULL{0}) GROUP BY deck_id, time_ms / {1}",
      and_where, kReviewBucketMs, kUtcDayMs);
}

std::string expected_card_totals_sql(std::string_view and_where) {
  return "SELECT deck_id, card_id, count(*) AS reviews, sum(correct) AS correct FROM reviews "
         "WHERE reset_ms IS NULL" +
         std::string(and_where) + " GROUP BY deck_id, card_id";
}

void fill_summaries(Database& db, const std::optional<std::string>& deck_id) {
  // A whole refill is also a repair: no write is in bulk any more (a row left in
  // bulk_write by hand would keep the triggers off).
  if (!deck_id) db.exec("DELETE FROM bulk_write");
  const std::string where = deck_id ? " AND deck_id = ?1" : "";
  const std::string clear_where = deck_id ? " WHERE deck_id = ?1" : "";
  for (const std::string& sql :
       {"DELETE FROM review_buckets" + clear_where, "DELETE FROM card_totals" + clear_where,
        "INSERT INTO review_buckets " + expected_review_buckets_sql(where),
        "INSERT INTO card_totals " + expected_card_totals_sql(where)}) {
    Statement statement = db.prepare(sql);
    if (deck_id) statement.bind(1, *deck_id);
    statement.run();
  }
}

void create_schema(Database& db) {
  create_schema_v1(db);
  migrate_schema(db, 1);
}

// Version 11 keeps the quiet spells the streak needs: a deck's pause in study (from the
// end of its last review's 15-minute bucket to its next review, at least 23 hours, the
// shortest local day) and, as the store stood when the pause began, when its first card
// came due (or the next review, if that came first). A day of the pause that ended before
// then had nothing due: it does not break a streak. Recorded as the review ending the
// pause is written; the log cannot tell it afterwards (it keeps no due times).
void migrate_v10_to_v11(Database& db) {
  db.exec(R"sql(
CREATE TABLE quiet_spells (
  deck_id TEXT NOT NULL,
  since_ms INTEGER NOT NULL,
  until_ms INTEGER NOT NULL CHECK (until_ms > since_ms),
  PRIMARY KEY (deck_id, since_ms)
) STRICT, WITHOUT ROWID;
)sql");
}

// Version 12 lets exam sittings travel with `quizdeck sync`: each session gets an id across
// stores like a review's (`origin`, the device that sat it, and `origin_id`, its number
// there: its row id), given by a trigger to every session written without one and kept for
// sittings merged from other devices. `sync_sittings` keeps, of each sitting sync sent or
// took, the record and the stamp of the sync that carried it (sent again when it changes;
// an older record never replaces a newer one); answers are linked to a sitting that comes
// in through reviews_session. Every other device's journal is read again from the start
// once: an older quizdeck skipped the sitting lines it did not know (nothing else read
// again is added twice).
void migrate_v11_to_v12(Database& db) {
  db.exec(R"sql(
ALTER TABLE sessions ADD COLUMN origin TEXT;
ALTER TABLE sessions ADD COLUMN origin_id INTEGER;
UPDATE sessions SET origin = (SELECT device FROM sync_self), origin_id = id;
CREATE UNIQUE INDEX sessions_origin ON sessions(origin, origin_id);
CREATE TRIGGER sessions_origin_insert AFTER INSERT ON sessions WHEN NEW.origin IS NULL BEGIN
  UPDATE sessions SET origin = (SELECT device FROM sync_self), origin_id = NEW.id
    WHERE id = NEW.id;
END;
CREATE INDEX reviews_session ON reviews(session_id) WHERE session_id IS NOT NULL;
CREATE TABLE sync_sittings (
  session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
  time_ms INTEGER NOT NULL,
  record TEXT NOT NULL
) STRICT;
UPDATE sync_journals SET offset = 0, lines = 0 WHERE device != (SELECT device FROM sync_self);
)sql");
}

// Version 13 keeps, per answer, what the card asked when it was asked (`question`: its
// question hash), so that answers to a card whose key was edited since (another answer
// accepted) are graded again by the card as it is now.
void migrate_v12_to_v13(Database& db) {
  db.exec("ALTER TABLE reviews ADD COLUMN question TEXT;");
}

void migrate_schema(Database& db, int from_version, int to_version) {
  if (from_version < 2 && to_version >= 2) migrate_v1_to_v2(db);
  if (from_version < 3 && to_version >= 3) migrate_v2_to_v3(db);
  if (from_version < 4 && to_version >= 4) migrate_v3_to_v4(db);
  if (from_version < 5 && to_version >= 5) migrate_v4_to_v5(db);
  if (from_version < 6 && to_version >= 6) migrate_v5_to_v6(db);
  if (from_version < 7 && to_version >= 7) migrate_v6_to_v7(db);
  if (from_version < 8 && to_version >= 8) migrate_v7_to_v8(db);
  if (from_version < 9 && to_version >= 9) migrate_v8_to_v9(db);
  if (from_version < 10 && to_version >= 10) migrate_v9_to_v10(db);
  if (from_version < 11 && to_version >= 11) migrate_v10_to_v11(db);
  if (from_version < 12 && to_version >= 12) migrate_v11_to_v12(db);
  if (from_version < 13 && to_version >= 13) migrate_v12_to_v13(db);
  db.exec(fmt::format("PRAGMA user_version = {};", to_version));
}

}  // namespace quizdeck::store
