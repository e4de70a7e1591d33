// SPDX-License-Identifier: MIT
#include "store/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "store/schema.h"

namespace quizdeck::store {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCardColumns =
    "deck_id, card_id, prompt, created_ms, state, due_ms, stability, difficulty, elapsed_days, "
    "scheduled_days, learning_steps, reps, lapses, last_review_ms";
constexpr const char* kReviewColumns =
    "id, time_ms, deck_id, card_id, rating, correct, answer, response_ms, session_id, mode, "
    "scheduled, reset_ms";

CardRecord read_card(const Statement& row) {
  CardRecord card;
  card.deck_id = row.text(0);
  card.card_id = row.text(1);
  card.prompt = row.text(2);
  card.created_ms = row.integer(3);
  card.state = static_cast<int>(row.integer(4));
  card.due_ms = row.integer(5);
  card.stability = row.real(6);
  card.difficulty = row.real(7);
  card.elapsed_days = static_cast<int>(row.integer(8));
  card.scheduled_days = static_cast<int>(row.integer(9));
  card.learning_steps = static_cast<int>(row.integer(10));
  card.reps = static_cast<int>(row.integer(11));
  card.lapses = static_cast<int>(row.integer(12));
  card.last_review_ms = row.optional_integer(13);
  return card;
}

ReviewRecord read_review(const Statement& row) {
  ReviewRecord review;
  review.id = row.integer(0);
  review.time_ms = row.integer(1);
  review.deck_id = row.text(2);
  review.card_id = row.text(3);
  review.rating = static_cast<int>(row.integer(4));
  review.correct = row.integer(5) != 0;
  review.answer = row.text(6);
  review.response_ms = row.integer(7);
  review.session_id = row.optional_integer(8);
  review.mode = row.text(9);
  review.scheduled = row.integer(10) != 0;
  review.reset_ms = row.optional_integer(11);
  return review;
}

// Binds a card's state to ?1..?14 in kCardColumns order.
void bind_card(Statement& statement, const CardRecord& card) {
  statement.bind(1, card.deck_id)
      .bind(2, card.card_id)
      .bind(3, card.prompt)
      .bind(4, card.created_ms)
      .bind(5, card.state)
      .bind(6, card.due_ms)
      .bind(7, card.stability)
      .bind(8, card.difficulty)
      .bind(9, card.elapsed_days)
      .bind(10, card.scheduled_days)
      .bind(11, card.learning_steps)
      .bind(12, card.reps)
      .bind(13, card.lapses)
      .bind(14, card.last_review_ms);
}

void update_card_state(Database& db, const CardRecord& card) {
  Statement& update = db.kept(
      "UPDATE cards SET state = ?5, due_ms = ?6, stability = ?7, difficulty = ?8, "
      "elapsed_days = ?9, scheduled_days = ?10, learning_steps = ?11, reps = ?12, lapses = ?13, "
      "last_review_ms = ?14 WHERE deck_id = ?1 AND card_id = ?2");
  bind_card(update, card);
  update.run();
  if (db.changes() != 1) {
    throw StoreError(
        StoreError::Kind::kInvalid,
        fmt::format("card '{}' of deck '{}' is not in the store", card.card_id, card.deck_id));
  }
}

// "?3, ?4, ..." for `count` values bound from parameter `first` on.
std::string in_list(std::size_t count, int first) {
  std::string list;
  for (std::size_t i = 0; i < count; ++i) {
    list += fmt::format("{}?{}", i == 0 ? "" : ", ", first + static_cast<int>(i));
  }
  return list;
}

// A file that is not empty and does not start with SQLite's header is refused before
// SQLite touches it.
void check_header(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    throw StoreError(StoreError::Kind::kIo,
                     fmt::format("cannot read '{}': {}", path, ec.message()));
  }
  if (size == 0) return;
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  if (!in || std::memcmp(header, "SQLite format 3", 16) != 0) {
    throw StoreError(StoreError::Kind::kNotADatabase,
                     fmt::format("'{}' is not a quizdeck store (not a SQLite database); "
                                 "quizdeck leaves it as it is",
                                 path));
  }
}

}  // namespace

void create_private_file(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) {
    // Every directory made here is private to the user.
    std::vector<fs::path> missing;
    for (fs::path p = parent; !p.empty() && !fs::exists(p); p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
        throw StoreError(StoreError::Kind::kIo, fmt::format("cannot create the directory '{}': {}",
                                                            it->string(), std::strerror(errno)));
      }
    }
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) {
    throw StoreError(StoreError::Kind::kIo,
                     fmt::format("cannot create '{}': {}", path, std::strerror(errno)));
  }
  if (fd >= 0) ::close(fd);
}

Store Store::open(const std::string& path, const OpenOptions& options) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists) {
    if (!options.create) {
      throw StoreError(StoreError::Kind::kIo, fmt::format("there is no store at '{}' yet", path));
    }
    create_private_file(path);
  } else {
    if (fs::is_directory(path, ec)) {
      throw StoreError(StoreError::Kind::kIo,
                       fmt::format("'{}' is a directory, not a store", path));
    }
    check_header(path);
  }

  Store store(Database(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX));
  Database& db = store.db_;
  sqlite3_busy_timeout(db.handle(), options.busy_timeout_ms);
  // Read-only looks first: nothing is written to a file that turns out not to be ours.
  // (Each statement is finished at once so no read transaction stays open.)
  const auto read_integer = [&](const char* sql) {
    Statement query = db.prepare(sql);
    query.step();
    return query.integer(0);
  };
  const std::int64_t application_id = read_integer("PRAGMA application_id");
  const int version = static_cast<int>(read_integer("PRAGMA user_version"));
  const bool empty = read_integer("SELECT count(*) FROM sqlite_master") == 0;

  if (application_id != kApplicationId) {
    if (!(application_id == 0 && empty)) {
      throw StoreError(StoreError::Kind::kForeign,
                       fmt::format("'{}' is a SQLite database of another program, not a quizdeck "
                                   "store; quizdeck leaves it as it is",
                                   path));
    }
    store.configure(options.busy_timeout_ms);
    Transaction transaction(db);
    create_schema(db);
    transaction.commit();
    return store;
  }
  if (version > kSchemaVersion) {
    throw StoreError(StoreError::Kind::kNewerVersion,
                     fmt::format("'{}' was written by a newer quizdeck (store version {}; this "
                                 "quizdeck knows up to {}); upgrade quizdeck to use it",
                                 path, version, kSchemaVersion));
  }
  if (version < 1) {
    throw StoreError(
        StoreError::Kind::kCorrupt,
        fmt::format("'{}' is marked as a quizdeck store but has no schema version", path));
  }
  store.configure(options.busy_timeout_ms);
  if (version < kSchemaVersion) store.migrate(path, version);
  return store;
}

Store Store::open_memory() {
  Store store(Database(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  store.db_.exec("PRAGMA foreign_keys = ON");
  Transaction transaction(store.db_);
  create_schema(store.db_);
  transaction.commit();
  return store;
}

void Store::configure(int busy_timeout_ms) {
  sqlite3_busy_timeout(db_.handle(), busy_timeout_ms);
  // WAL with synchronous=NORMAL: a commit is durable against a crash of quizdeck (the
  // WAL is written before COMMIT returns) and costs microseconds; a power loss can lose
  // only the last commits, never corrupt the file. The WAL is kept from growing.
  {
    Statement mode = db_.prepare("PRAGMA journal_mode = WAL");
    mode.step();
  }
  db_.exec(
      "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
      "PRAGMA journal_size_limit = 4194304;");
  // Reads of a large review log go through the page cache mapping instead of one pread()
  // per page (writes still go through the WAL).
  db_.exec("PRAGMA mmap_size = 1073741824");
}

void Store::migrate(const std::string& path, int from_version) {
  const std::string backup = fmt::format("{}.bak-v{}", path, from_version);
  std::error_code ec;
  fs::remove(backup, ec);
  Statement copy = db_.prepare("VACUUM INTO ?1");
  copy.bind(1, backup);
  copy.run();
  ::chmod(backup.c_str(), 0600);
  Transaction transaction(db_);
  migrate_schema(db_, from_version);
  transaction.commit();
}

int Store::schema_version() {
  Statement query = db_.prepare("PRAGMA user_version");
  query.step();
  return static_cast<int>(query.integer(0));
}

void Store::sync_deck(const DeckRecord& deck, const std::vector<CardSeen>& cards,
                      std::int64_t now) {
  // Only what changed is written: the deck's cards, by id, are walked beside the store's
  // (both sorted), so an unchanged deck of 10,000 cards costs one read and no copies.
  std::vector<const CardSeen*> sorted;
  sorted.reserve(cards.size());
  for (const auto& card : cards) sorted.push_back(&card);
  std::sort(sorted.begin(), sorted.end(),
            [](const CardSeen* a, const CardSeen* b) { return a->card_id < b->card_id; });
  std::vector<const CardSeen*> changed;
  {
    Statement existing =
        db_.prepare("SELECT card_id, prompt FROM cards WHERE deck_id = ?1 ORDER BY card_id");
    existing.bind(1, deck.id);
    auto next = sorted.begin();
    while (existing.step() && next != sorted.end()) {
      const std::string_view id = existing.text_view(0);
      while (next != sorted.end() && (*next)->card_id < id) changed.push_back(*next++);
      if (next != sorted.end() && (*next)->card_id == id) {
        if ((*next)->prompt != existing.text_view(1)) changed.push_back(*next);
        ++next;
      }
    }
    changed.insert(changed.end(), next, sorted.end());
  }
  Transaction transaction(db_);
  Statement upsert = db_.prepare(
      "INSERT INTO decks (id, title, path, seen_ms) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (id) DO UPDATE SET title = ?2, path = ?3, seen_ms = ?4");
  upsert.bind(1, deck.id).bind(2, deck.title).bind(3, deck.path).bind(4, now).run();
  Statement insert = db_.prepare(
      "INSERT INTO cards (deck_id, card_id, prompt, created_ms, state, due_ms, stability, "
      "difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses) "
      "VALUES (?1, ?2, ?3, ?4, 0, ?4, 0, 0, 0, 0, 0, 0, 0) "
      "ON CONFLICT (deck_id, card_id) DO UPDATE SET prompt = ?3 WHERE prompt != ?3");
  for (const CardSeen* card : changed) {
    insert.bind(1, deck.id).bind(2, card->card_id).bind(3, card->prompt).bind(4, now).run();
    insert.reset();
  }
  transaction.commit();
}

std::vector<DeckRecord> Store::decks() {
  std::vector<DeckRecord> out;
  Statement query = db_.prepare("SELECT id, title, path, seen_ms FROM decks ORDER BY id");
  while (query.step()) {
    out.push_back({query.text(0), query.text(1), query.text(2), query.integer(3)});
  }
  return out;
}

std::optional<DeckRecord> Store::deck(const std::string& deck_id) {
  Statement query = db_.prepare("SELECT id, title, path, seen_ms FROM decks WHERE id = ?1");
  query.bind(1, deck_id);
  if (!query.step()) return std::nullopt;
  return DeckRecord{query.text(0), query.text(1), query.text(2), query.integer(3)};
}

std::optional<CardRecord> Store::card(const std::string& deck_id, const std::string& card_id) {
  Statement query = db_.prepare(
      fmt::format("SELECT {} FROM cards WHERE deck_id = ?1 AND card_id = ?2", kCardColumns));
  query.bind(1, deck_id).bind(2, card_id);
  if (!query.step()) return std::nullopt;
  return read_card(query);
}

std::vector<CardRecord> Store::cards(const std::optional<std::string>& deck_id) {
  Statement query = db_.prepare(
      fmt::format("SELECT {} FROM cards WHERE ?1 IS NULL OR deck_id = ?1 ORDER BY deck_id, card_id",
                  kCardColumns));
  query.bind(1, deck_id);
  std::vector<CardRecord> out;
  while (query.step()) out.push_back(read_card(query));
  return out;
}

std::vector<CardRecord> Store::due_cards(const std::vector<std::string>& deck_ids, std::int64_t now,
                                         int limit) {
  Statement query = db_.prepare(
      fmt::format("SELECT {} FROM cards INDEXED BY cards_due WHERE state != 0 AND due_ms <= ?1 "
                  "AND deck_id IN ({}) ORDER BY due_ms, deck_id, card_id LIMIT ?2",
                  kCardColumns, in_list(deck_ids.size(), 3)));
  query.bind(1, now).bind(2, limit);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 3, deck_ids[i]);
  std::vector<CardRecord> out;
  while (query.step()) out.push_back(read_card(query));
  return out;
}

std::vector<Store::DueEntry> Store::due_queue(const std::vector<std::string>& deck_ids,
                                              std::int64_t now, int limit) {
  Statement query = db_.prepare(fmt::format(
      "SELECT deck_id, card_id, due_ms, state FROM cards INDEXED BY cards_due WHERE state != 0 AND "
      "due_ms <= ?1 AND deck_id IN ({}) ORDER BY due_ms, deck_id, card_id LIMIT ?2",
      in_list(deck_ids.size(), 3)));
  query.bind(1, now).bind(2, limit);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 3, deck_ids[i]);
  std::vector<DueEntry> out;
  while (query.step()) {
    out.push_back(
        {query.text(0), query.text(1), query.integer(2), static_cast<int>(query.integer(3))});
  }
  return out;
}

std::int64_t Store::cards_started_since(const std::string& deck_id, std::int64_t since) {
  // A card started since `since` has its latest scheduled review then (last_review_ms)
  // and none before. Only the cards reviewed since are looked at, each through the
  // (deck, card, time) index: no scan of the review history.
  Statement query = db_.prepare(
      "SELECT count(*) FROM cards c WHERE c.deck_id = ?1 AND c.last_review_ms >= ?2 AND NOT "
      "EXISTS (SELECT 1 FROM reviews r WHERE r.deck_id = c.deck_id AND r.card_id = c.card_id "
      "AND r.time_ms < ?2 AND r.scheduled = 1 AND r.reset_ms IS NULL)");
  query.bind(1, deck_id).bind(2, since);
  query.step();
  return query.integer(0);
}

std::vector<std::string> Store::new_card_ids(const std::string& deck_id) {
  std::vector<std::string> ids;
  Statement query = db_.prepare("SELECT card_id FROM cards WHERE deck_id = ?1 AND state = 0");
  query.bind(1, deck_id);
  while (query.step()) ids.push_back(query.text(0));
  return ids;
}

std::optional<std::int64_t> Store::next_due(const std::vector<std::string>& deck_ids,
                                            std::int64_t now) {
  Statement query = db_.prepare(fmt::format(
      "SELECT min(due_ms) FROM cards INDEXED BY cards_due WHERE state != 0 AND due_ms > ?1 "
      "AND deck_id IN ({})",
      in_list(deck_ids.size(), 2)));
  query.bind(1, now);
  for (std::size_t i = 0; i < deck_ids.size(); ++i)
    query.bind(static_cast<int>(i) + 2, deck_ids[i]);
  query.step();
  return query.optional_integer(0);
}

std::int64_t Store::record_review(const ReviewRecord& review, const CardRecord& new_state) {
  Transaction transaction(db_);
  Statement& insert = db_.kept(
      "INSERT INTO reviews (time_ms, deck_id, card_id, rating, correct, answer, response_ms, "
      "session_id, mode, scheduled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  insert.bind(1, review.time_ms)
      .bind(2, review.deck_id)
      .bind(3, review.card_id)
      .bind(4, review.rating)
      .bind(5, review.correct ? 1 : 0)
      .bind(6, review.answer)
      .bind(7, review.response_ms)
      .bind(8, review.session_id)
      .bind(9, review.mode)
      .bind(10, review.scheduled ? 1 : 0)
      .run();
  const std::int64_t id = db_.last_insert_id();
  if (review.scheduled) update_card_state(db_, new_state);
  transaction.commit();
  return id;
}

void Store::undo_review(std::int64_t review_id, const CardRecord& previous_state) {
  Transaction transaction(db_);
  Statement& remove = db_.kept("DELETE FROM reviews WHERE id = ?1 RETURNING scheduled");
  remove.bind(1, review_id);
  if (!remove.step()) {
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("review {} is not in the store", review_id));
  }
  const bool scheduled = remove.integer(0) != 0;
  remove.run();
  if (scheduled) update_card_state(db_, previous_state);
  transaction.commit();
}

std::vector<ReviewRecord> Store::reviews(const ReviewFilter& filter) {
  Statement query = db_.prepare(fmt::format(
      "SELECT {} FROM reviews WHERE (?1 IS NULL OR deck_id = ?1) AND (?2 IS NULL OR card_id = ?2) "
      "AND (?3 IS NULL OR time_ms >= ?3) AND (?4 = 0 OR (scheduled = 1 AND reset_ms IS NULL)) "
      "ORDER BY time_ms, id",
      kReviewColumns));
  query.bind(1, filter.deck_id).bind(2, filter.card_id).bind(3, filter.since_ms);
  query.bind(4, filter.only_scheduled_and_kept ? 1 : 0);
  std::vector<ReviewRecord> out;
  while (query.step()) out.push_back(read_review(query));
  return out;
}

std::int64_t Store::review_count() {
  Statement query = db_.prepare("SELECT count(*) FROM reviews");
  query.step();
  return query.integer(0);
}

std::map<std::string, std::int64_t> Store::review_counts(const std::string& deck_id) {
  Statement query =
      db_.prepare("SELECT card_id, count(*) FROM reviews WHERE deck_id = ?1 GROUP BY card_id");
  query.bind(1, deck_id);
  std::map<std::string, std::int64_t> out;
  while (query.step()) out.emplace(query.text(0), query.integer(1));
  return out;
}

std::int64_t Store::begin_session(const SessionRecord& session) {
  Transaction transaction(db_);
  Statement insert = db_.prepare(
      "INSERT INTO sessions (mode, decks, started_ms, pass_mark) VALUES (?1, ?2, ?3, ?4)");
  insert.bind(1, session.mode).bind(2, session.decks).bind(3, session.started_ms);
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
    session.mode = query.text(1);
    session.decks = query.text(2);
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

std::size_t Store::rebuild(
    const std::function<CardRecord(const CardRecord&, const std::vector<ReviewRecord>&)>& replay) {
  Transaction transaction(db_);
  std::vector<CardRecord> all = cards();
  Statement query = db_.prepare(
      fmt::format("SELECT {} FROM reviews WHERE deck_id = ?1 AND card_id = ?2 AND scheduled = 1 "
                  "AND reset_ms IS NULL ORDER BY time_ms, id",
                  kReviewColumns));
  for (const auto& card : all) {
    query.bind(1, card.deck_id).bind(2, card.card_id);
    std::vector<ReviewRecord> history;
    while (query.step()) history.push_back(read_review(query));
    query.reset();
    update_card_state(db_, replay(card, history));
  }
  fill_summaries(db_);  // a repair too, should they ever disagree with the log
  transaction.commit();
  return all.size();
}

void Store::relink(const std::string& deck_id, const std::string& old_id, const std::string& new_id,
                   const std::string& new_prompt) {
  Transaction transaction(db_);
  const auto old_card = card(deck_id, old_id);
  if (!old_card) {
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("deck '{}' has no card '{}' in the store", deck_id, old_id));
  }
  Statement count = db_.prepare("SELECT count(*) FROM reviews WHERE deck_id = ?1 AND card_id = ?2");
  count.bind(1, deck_id).bind(2, new_id);
  count.step();
  if (count.integer(0) > 0) {
    throw StoreError(StoreError::Kind::kInvalid,
                     fmt::format("card '{}' already has reviews of its own; relink moves history "
                                 "only to a card without any",
                                 new_id));
  }
  db_.exec("PRAGMA defer_foreign_keys = ON");
  Statement drop = db_.prepare("DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2");
  drop.bind(1, deck_id).bind(2, new_id).run();
  Statement move_card =
      db_.prepare("UPDATE cards SET card_id = ?3, prompt = ?4 WHERE deck_id = ?1 AND card_id = ?2");
  move_card.bind(1, deck_id).bind(2, old_id).bind(3, new_id).bind(4, new_prompt).run();
  Statement move_reviews =
      db_.prepare("UPDATE reviews SET card_id = ?3 WHERE deck_id = ?1 AND card_id = ?2");
  move_reviews.bind(1, deck_id).bind(2, old_id).bind(3, new_id).run();
  transaction.commit();
}

void Store::bulk_write(const std::string& deck_id, const std::function<void()>& write) {
  // Inside the caller's transaction: the triggers are off while `write` runs, and the
  // deck's summaries are then read again from its log.
  Statement pause = db_.prepare("INSERT INTO bulk_write (deck_id) VALUES (?1)");
  pause.bind(1, deck_id).run();
  write();
  db_.exec("DELETE FROM bulk_write");
  fill_summaries(db_, deck_id);
}

std::int64_t Store::prune(const std::string& deck_id, const std::vector<std::string>& card_ids) {
  Transaction transaction(db_);
  std::int64_t removed = 0;
  Statement count = db_.prepare("SELECT count(*) FROM reviews WHERE deck_id = ?1 AND card_id = ?2");
  std::int64_t rows = 0;
  for (const auto& card_id : card_ids) {
    count.bind(1, deck_id).bind(2, card_id);
    count.step();
    rows += count.integer(0);
    count.reset();
  }
  const auto remove = [&] {
    Statement reviews_out = db_.prepare("DELETE FROM reviews WHERE deck_id = ?1 AND card_id = ?2");
    Statement card_out = db_.prepare("DELETE FROM cards WHERE deck_id = ?1 AND card_id = ?2");
    for (const auto& card_id : card_ids) {
      reviews_out.bind(1, deck_id).bind(2, card_id).run();
      removed += db_.changes();
      reviews_out.reset();
      card_out.bind(1, deck_id).bind(2, card_id).run();
      card_out.reset();
    }
  };
  if (worth_bulk_write(deck_id, rows)) {
    bulk_write(deck_id, remove);
  } else {
    remove();
  }
  transaction.commit();
  return removed;
}

std::int64_t Store::reset(const std::string& deck_id, const std::optional<std::string>& card_id,
                          std::int64_t now) {
  Transaction transaction(db_);
  std::int64_t marked = 0;
  const auto mark = [&] {
    Statement update = db_.prepare(
        "UPDATE reviews SET reset_ms = ?3 WHERE deck_id = ?1 AND (?2 IS NULL OR card_id = ?2) "
        "AND reset_ms IS NULL");
    update.bind(1, deck_id).bind(2, card_id).bind(3, now).run();
    marked = db_.changes();
  };
  if (!card_id) {
    bulk_write(deck_id, mark);  // every review of the deck
  } else {
    mark();
  }
  Statement fresh = db_.prepare(
      "UPDATE cards SET state = 0, due_ms = ?3, stability = 0, difficulty = 0, elapsed_days = 0, "
      "scheduled_days = 0, learning_steps = 0, reps = 0, lapses = 0, last_review_ms = NULL "
      "WHERE deck_id = ?1 AND (?2 IS NULL OR card_id = ?2)");
  fresh.bind(1, deck_id).bind(2, card_id).bind(3, now).run();
  transaction.commit();
  return marked;
}

bool Store::worth_bulk_write(const std::string& deck_id, std::int64_t rows) {
  // The triggers cost about ten times what a refill spends per review of the deck.
  if (rows < 1000) return false;
  Statement count = db_.prepare("SELECT count(*) FROM reviews WHERE deck_id = ?1");
  count.bind(1, deck_id);
  count.step();
  return rows * 10 > count.integer(0);
}

std::vector<Store::CardStateRow> Store::card_states(const std::vector<std::string>& deck_ids) {
  // Both in card id order (the primary keys' order): the totals are merged in one walk.
  Statement cards = db_.prepare(
      "SELECT card_id, state, due_ms, stability, last_review_ms FROM cards WHERE deck_id = ?1 "
      "ORDER BY card_id");
  Statement totals = db_.prepare(
      "SELECT card_id, reviews, correct FROM card_totals WHERE deck_id = ?1 ORDER BY card_id");
  std::vector<CardStateRow> out;
  for (std::size_t d = 0; d < deck_ids.size(); ++d) {
    cards.bind(1, deck_ids[d]);
    totals.bind(1, deck_ids[d]);
    bool more_totals = totals.step();
    while (cards.step()) {
      CardStateRow& row = out.emplace_back();
      row.deck = static_cast<int>(d);
      row.card_id = cards.text(0);
      row.state = static_cast<int>(cards.integer(1));
      row.due_ms = cards.integer(2);
      row.stability = cards.real(3);
      row.last_review_ms = cards.optional_integer(4);
      while (more_totals && totals.text_view(0) < row.card_id) more_totals = totals.step();
      if (more_totals && totals.text_view(0) == row.card_id) {
        row.reviews = static_cast<int>(totals.integer(1));
        row.correct = static_cast<int>(totals.integer(2));
      }
    }
    cards.reset();
    totals.reset();
  }
  return out;
}

std::vector<Store::ReviewBucket> Store::review_buckets(const std::vector<std::string>& deck_ids,
                                                       std::int64_t since_ms) {
  // Each deck's buckets in order, straight from the primary key; decks are added up here
  // (SQLite's GROUP BY costs more than the whole read).
  Statement query = db_.prepare(
      "SELECT bucket, reviews, correct, response_ms, recalls, recalls_right FROM review_buckets "
      "WHERE deck_id = ?1 AND bucket >= ?2 AND reviews > 0 ORDER BY bucket");
  // The first bucket that starts at or after `since`.
  const std::int64_t first = since_ms / kReviewBucketMs + (since_ms % kReviewBucketMs > 0 ? 1 : 0);
  std::vector<ReviewBucket> out;
  for (const auto& deck_id : deck_ids) {
    query.bind(1, deck_id).bind(2, first);
    while (query.step()) {
      out.push_back({query.integer(0) * kReviewBucketMs, static_cast<int>(query.integer(1)),
                     static_cast<int>(query.integer(2)), query.integer(3),
                     static_cast<int>(query.integer(4)), static_cast<int>(query.integer(5))});
    }
    query.reset();
  }
  if (deck_ids.size() > 1) {
    std::stable_sort(out.begin(), out.end(), [](const ReviewBucket& a, const ReviewBucket& b) {
      return a.start_ms < b.start_ms;
    });
    std::vector<ReviewBucket> merged;
    for (const auto& bucket : out) {
      if (merged.empty() || merged.back().start_ms != bucket.start_ms) {
        merged.push_back(bucket);
        continue;
      }
      ReviewBucket& sum = merged.back();
      sum.reviews += bucket.reviews;
      sum.correct += bucket.correct;
      sum.response_ms += bucket.response_ms;
      sum.recalls += bucket.recalls;
      sum.recalls_right += bucket.recalls_right;
    }
    out = std::move(merged);
  }
  return out;
}

std::map<std::string, std::string> Store::settings(const std::string& scope) {
  Statement query = db_.prepare("SELECT key, value FROM settings WHERE scope = ?1 ORDER BY key");
  query.bind(1, scope);
  std::map<std::string, std::string> out;
  while (query.step()) out.emplace(query.text(0), query.text(1));
  return out;
}

void Store::set_setting(const std::string& scope, const std::string& key,
                        const std::string& value) {
  Transaction transaction(db_);
  Statement upsert = db_.prepare(
      "INSERT INTO settings (scope, key, value) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (scope, key) DO UPDATE SET value = ?3");
  upsert.bind(1, scope).bind(2, key).bind(3, value).run();
  transaction.commit();
}

void Store::unset_setting(const std::string& scope, const std::string& key) {
  Transaction transaction(db_);
  Statement remove = db_.prepare("DELETE FROM settings WHERE scope = ?1 AND key = ?2");
  remove.bind(1, scope).bind(2, key).run();
  transaction.commit();
}

std::vector<std::string> Store::integrity_check() {
  Statement query = db_.prepare("PRAGMA integrity_check");
  std::vector<std::string> out;
  while (query.step()) out.push_back(query.text(0));
  return out;
}

std::vector<std::string> Store::integrity_report(const std::string& path) {
  sqlite3* db = nullptr;
  std::vector<std::string> out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    out.push_back(
        fmt::format("cannot open the store: {}", db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* query = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &query, nullptr) != SQLITE_OK) {
    out.push_back(fmt::format("SQLite cannot read the store at all: {}", sqlite3_errmsg(db)));
  } else {
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(query)) == SQLITE_ROW) {
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)));
    }
    if (rc != SQLITE_DONE) out.push_back(fmt::format("the check stopped: {}", sqlite3_errmsg(db)));
  }
  sqlite3_finalize(query);
  sqlite3_close(db);
  return out;
}

std::vector<std::string> Store::consistency_check() {
  std::vector<std::string> problems;
  Statement foreign = db_.prepare("PRAGMA foreign_key_check");
  while (foreign.step()) {
    problems.push_back(fmt::format("table {} row {} refers to a missing row of {}", foreign.text(0),
                                   foreign.integer(1), foreign.text(2)));
  }
  // A card's reps and lapses are what its kept, scheduled reviews say.
  Statement counts = db_.prepare(
      "SELECT c.deck_id, c.card_id, c.reps, count(r.id) FROM cards c LEFT JOIN reviews r "
      "ON r.deck_id = c.deck_id AND r.card_id = c.card_id AND r.scheduled = 1 AND r.reset_ms IS "
      "NULL "
      "GROUP BY c.deck_id, c.card_id HAVING c.reps != count(r.id)");
  while (counts.step()) {
    problems.push_back(
        fmt::format("card {}/{} says {} reviews but the log has {} (run 'quizdeck "
                    "store rebuild')",
                    counts.text(0), counts.text(1), counts.integer(2), counts.integer(3)));
  }
  Statement states = db_.prepare(
      "SELECT deck_id, card_id FROM cards WHERE (state = 0 AND reps != 0) OR "
      "(state != 0 AND (last_review_ms IS NULL OR stability <= 0 OR difficulty < 1 OR "
      "difficulty > 10 OR due_ms < last_review_ms))");
  while (states.step()) {
    problems.push_back(
        fmt::format("card {}/{} has an impossible scheduling state (run 'quizdeck "
                    "store rebuild')",
                    states.text(0), states.text(1)));
  }
  // The summaries statistics read are what the log says.
  const auto differences = [&](const std::string& table, const std::string& expected) {
    Statement query = db_.prepare(fmt::format(
        "SELECT (SELECT count(*) FROM ({1} EXCEPT SELECT * FROM {0})) + (SELECT count(*) FROM "
        "(SELECT * FROM {0} WHERE reviews > 0 EXCEPT {1}))",
        table, expected));
    query.step();
    return query.integer(0);
  };
  const std::int64_t buckets = differences("review_buckets", expected_review_buckets_sql());
  const std::int64_t totals = differences("card_totals", expected_card_totals_sql());
  if (buckets + totals > 0) {
    problems.push_back(
        fmt::format("the review summaries disagree with the log in {} rows (run 'quizdeck "
                    "store rebuild')",
                    buckets + totals));
  }
  Statement times =
      db_.prepare("SELECT count(*) FROM reviews WHERE response_ms < 0 OR time_ms <= 0");
  times.step();
  if (times.integer(0) > 0) {
    problems.push_back(fmt::format("{} reviews have impossible times", times.integer(0)));
  }
  return problems;
}

}  // namespace quizdeck::store
