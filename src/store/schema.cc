// SPDX-License-Identifier: MIT
// Schema versions and migrations. Version 1 had no settings and no way to set reviews
// aside; version 2 adds both. A migration runs in one transaction after the store was
// copied to "<path>.bak-v<old version>".
#include <fmt/format.h>

#include "store/schema.h"

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

}  // namespace

void create_schema(Database& db) {
  create_schema_v1(db);
  migrate_schema(db, 1);
}

void migrate_schema(Database& db, int from_version) {
  if (from_version < 2) migrate_v1_to_v2(db);
  db.exec(fmt::format("PRAGMA user_version = {};", kSchemaVersion));
}

}  // namespace quizdeck::store
