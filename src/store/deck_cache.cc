// SPDX-License-Identifier: MIT
#include "store/deck_cache.h"

#include <filesystem>

#include <fmt/format.h>

#include "core/hash.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace quizdeck::store {
namespace {

// Bumped (and the tables rebuilt) whenever the meaning of a row changes.
// Findings came later in version 3 (their table is made when missing, and a quizdeck
// that does not know them leaves them alone), so older ones keep using the same cache.
constexpr int kCacheVersion = 3;  // 3: headers and chunks
constexpr const char* kFindingsTable =
    "CREATE TABLE IF NOT EXISTS findings (path TEXT NOT NULL, kind TEXT NOT NULL, content_hash "
    "TEXT NOT NULL, hash TEXT NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (path, kind)) STRICT;";
constexpr std::int64_t kCacheApplicationId = 0x51444b43;  // "QDKC"

}  // namespace

DeckCache::DeckCache(std::string path) : path_(std::move(path)) {}
DeckCache::~DeckCache() = default;
DeckCache::DeckCache(DeckCache&&) noexcept = default;
DeckCache& DeckCache::operator=(DeckCache&&) noexcept = default;

namespace {

std::int64_t pragma(Database& db, const char* sql) {
  Statement query = db.prepare(sql);
  query.step();
  return query.integer(0);
}

// Why what is at the cache's path is not a cache of ours; nothing when it may be used.
std::optional<std::string> not_ours(const FileLook& look) {
  using Kind = FileLook::Kind;
  switch (look.kind) {
    case Kind::kMissing:
      return std::nullopt;
    case Kind::kEmpty:
      if (look.owned && (look.mode & 0177) == 0) return std::nullopt;
      return "an empty file others may use";
    case Kind::kSqlite:
      if (look.application_id == kCacheApplicationId) return std::nullopt;
      // A new cache has no application id until its tables are made.
      if (look.application_id == 0 && look.owned && (look.mode & 0177) == 0) return std::nullopt;
      return "a SQLite database of another program";
    case Kind::kNotSqlite:
      return "a file that is not a SQLite database";
    case Kind::kSymlink:
      return "a symbolic link";
    case Kind::kDirectory:
      return "a directory";
    case Kind::kNotRegular:
      return "not a regular file";
    case Kind::kDenied:
    case Kind::kUnreachable:
      return look.reason;
  }
  return "unknown";
}

}  // namespace

bool DeckCache::open(bool create) {
  if (db_) return true;
  if (refusal_) return false;
  FileLook look = look_at(path_, false);
  if (look.kind == FileLook::Kind::kMissing) {
    if (!create) return false;
    create_private_file(path_);  // O_EXCL: never through a symlink put there meanwhile
    look = look_at(path_, false);
  }
  if (const auto why = not_ours(look)) {
    refusal_ = fmt::format(
        "'{}' is not quizdeck's deck cache ({}); it is left alone and decks are read without "
        "the cache",
        path_, *why);
    return false;
  }
  auto db = std::make_unique<Database>(
      path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW);
  sqlite3_busy_timeout(db->handle(), 2000);
  if (pragma(*db, "PRAGMA application_id") != kCacheApplicationId ||
      pragma(*db, "PRAGMA user_version") != kCacheVersion) {
    if (!create || !build(*db)) return false;
  }
  db->exec("PRAGMA synchronous = NORMAL");
  db->exec("PRAGMA mmap_size = 268435456");
  db_ = std::move(db);
  return true;
}

bool DeckCache::build(Database& db) {
  Transaction transaction(db);
  const std::int64_t id = pragma(db, "PRAGMA application_id");
  if (id == kCacheApplicationId && pragma(db, "PRAGMA user_version") == kCacheVersion) {
    transaction.commit();  // made by another process meanwhile
    return true;
  }
  // Another version's cache, or an empty database: (re)built. Anything else is never
  // touched (a store given by mistake, say).
  const std::int64_t others =
      pragma(db,
             "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT IN ('decks', "
             "'chunks', 'findings')");
  if (others != 0 || (id != 0 && id != kCacheApplicationId)) {
    refusal_ = fmt::format(
        "'{}' is not quizdeck's deck cache (a SQLite database of another program); it is left "
        "alone and decks are read without the cache",
        path_);
    return false;
  }
  db.exec(
      "DROP TABLE IF EXISTS decks; DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS findings;");
  db.exec(
      "CREATE TABLE decks (path TEXT PRIMARY KEY, device INTEGER NOT NULL, inode INTEGER NOT "
      "NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, "
      "checked_ns INTEGER NOT NULL, content_hash TEXT NOT NULL, header_hash TEXT NOT NULL, "
      "header BLOB NOT NULL, index_hash TEXT NOT NULL, card_index BLOB NOT NULL, chunks "
      "INTEGER NOT NULL) STRICT;"
      "CREATE TABLE chunks (path TEXT NOT NULL, chunk INTEGER NOT NULL, hash TEXT NOT NULL, "
      "bytes BLOB NOT NULL, PRIMARY KEY (path, chunk)) STRICT;");
  db.exec(kFindingsTable);
  db.exec("PRAGMA application_id = " + std::to_string(kCacheApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kCacheVersion));
  transaction.commit();
  db.use_wal();
  return true;
}

std::optional<DeckCache::Entry> DeckCache::find(
    const DeckFileKey& key, std::int64_t now_ns,
    const std::function<std::optional<std::string>()>& hash_file) {
  try {
    if (!open(false)) return std::nullopt;
    Statement query = db_->prepare(
        "SELECT device, inode, size, mtime_ns, ctime_ns, checked_ns, content_hash, "
        "header_hash, header, chunks FROM decks WHERE path = ?1");
    query.bind(1, key.path);
    if (!query.step()) return std::nullopt;
    const bool same_identity = query.integer(0) == key.device && query.integer(1) == key.inode &&
                               query.integer(2) == key.size && query.integer(3) == key.mtime_ns &&
                               query.integer(4) == key.ctime_ns;
    const bool settled = key.ctime_ns + kRacyMarginNs < query.integer(5) &&
                         key.mtime_ns + kRacyMarginNs < query.integer(5);
    Entry entry;
    entry.content_hash = query.text(6);
    const std::string_view header = query.blob_view(8);
    if (core::content_hash(header) != query.text_view(7)) return std::nullopt;  // damaged
    entry.header = std::string(header);
    entry.chunks = query.integer(9);
    query.reset();
    if (same_identity && settled) return entry;
    // Changed identity, or changed too recently to tell: the bytes decide.
    const auto hash = hash_file();
    if (!hash || *hash != entry.content_hash) return std::nullopt;
    Statement update = db_->prepare(
        "UPDATE decks SET device = ?2, inode = ?3, size = ?4, mtime_ns = ?5, ctime_ns = ?6, "
        "checked_ns = ?7 WHERE path = ?1");
    update.bind(1, key.path).bind(2, key.device).bind(3, key.inode).bind(4, key.size);
    update.bind(5, key.mtime_ns).bind(6, key.ctime_ns).bind(7, now_ns).run();
    return entry;
  } catch (const StoreError&) {
    db_.reset();
    return std::nullopt;
  }
}

std::optional<std::string> DeckCache::verified_blob(std::string_view sql,
                                                    const std::function<void(Statement&)>& bind) {
  try {
    if (!open(false)) return std::nullopt;
    Statement query = db_->prepare(sql);
    bind(query);
    if (!query.step()) return std::nullopt;
    const std::string_view bytes = query.blob_view(1);
    if (core::content_hash(bytes) != query.text_view(0)) return std::nullopt;  // damaged
    return std::string(bytes);
  } catch (const StoreError&) {
    db_.reset();
    return std::nullopt;
  }
}

std::optional<std::string> DeckCache::index(const std::string& path,
                                            std::string_view content_hash) {
  return verified_blob(
      "SELECT index_hash, card_index FROM decks WHERE path = ?1 AND content_hash = ?2",
      [&](Statement& query) { query.bind(1, path).bind(2, content_hash); });
}

std::optional<std::string> DeckCache::chunk(const std::string& path, std::string_view content_hash,
                                            std::int64_t chunk) {
  return verified_blob(
      "SELECT c.hash, c.bytes FROM chunks c JOIN decks d ON d.path = c.path WHERE c.path = ?1 "
      "AND c.chunk = ?2 AND d.content_hash = ?3",
      [&](Statement& query) { query.bind(1, path).bind(2, chunk).bind(3, content_hash); });
}

std::optional<std::string> DeckCache::finding(const std::string& path,
                                              std::string_view content_hash,
                                              std::string_view kind) {
  return verified_blob(
      "SELECT f.hash, f.bytes FROM findings f JOIN decks d ON d.path = f.path WHERE f.path = ?1 "
      "AND f.kind = ?2 AND f.content_hash = ?3 AND d.content_hash = ?3",
      [&](Statement& query) { query.bind(1, path).bind(2, kind).bind(3, content_hash); });
}

bool DeckCache::put_finding(const std::string& path, std::string_view content_hash,
                            std::string_view kind, std::string_view bytes) {
  try {
    if (!open(false)) return false;
    db_->exec(kFindingsTable);  // missing in a cache an older quizdeck made
    Statement insert = db_->prepare(
        "INSERT OR REPLACE INTO findings (path, kind, content_hash, hash, bytes) SELECT ?1, ?2, "
        "?3, ?4, ?5 FROM decks WHERE path = ?1 AND content_hash = ?3");
    insert.bind(1, path).bind(2, kind).bind(3, content_hash);
    insert.bind(4, core::content_hash(bytes)).bind_blob(5, bytes).run();
    return db_->changes() > 0;
  } catch (const StoreError&) {
    db_.reset();
    return false;
  }
}

void DeckCache::remove_entry(const std::string& path) {
  db_->exec(kFindingsTable);  // missing in a cache an older quizdeck made
  for (const char* sql : {"DELETE FROM decks WHERE path = ?1", "DELETE FROM chunks WHERE path = ?1",
                          "DELETE FROM findings WHERE path = ?1"}) {
    Statement remove = db_->prepare(sql);
    remove.bind(1, path).run();
  }
}

void DeckCache::drop(const std::string& path) {
  try {
    if (!open(false)) return;
    Transaction transaction(*db_);
    remove_entry(path);
    transaction.commit();
  } catch (const StoreError&) {
    db_.reset();
  }
}

bool DeckCache::put(const DeckFileKey& key, std::string_view content_hash, std::int64_t now_ns,
                    std::string_view header, std::string_view index,
                    const std::vector<std::string>& chunks) {
  try {
    bool opened = false;
    try {
      opened = open(true);
    } catch (const StoreError& error) {
      // A damaged cache of ours is only in the way: start a new one (once). What does not
      // say it is ours is left alone. (Closed first: see look_at.)
      db_.reset();
      const FileLook look = look_at(path_, false);
      if ((error.kind() != StoreError::Kind::kCorrupt &&
           error.kind() != StoreError::Kind::kNotADatabase) ||
          look.kind != FileLook::Kind::kSqlite || look.application_id != kCacheApplicationId ||
          !look.owned) {
        throw;
      }
      db_.reset();
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;
        std::filesystem::remove(path_ + suffix, ec);
      }
      opened = open(true);
    }
    if (!opened) return false;
    Transaction transaction(*db_);
    db_->exec(kFindingsTable);  // missing in a cache an older quizdeck made
    Statement insert = db_->prepare(
        "INSERT OR REPLACE INTO decks (path, device, inode, size, mtime_ns, ctime_ns, "
        "checked_ns, content_hash, header_hash, header, index_hash, card_index, chunks) VALUES "
        "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    insert.bind(1, key.path).bind(2, key.device).bind(3, key.inode).bind(4, key.size);
    insert.bind(5, key.mtime_ns).bind(6, key.ctime_ns).bind(7, now_ns).bind(8, content_hash);
    insert.bind(9, core::content_hash(header)).bind_blob(10, header);
    insert.bind(11, core::content_hash(index)).bind_blob(12, index);
    insert.bind(13, static_cast<std::int64_t>(chunks.size())).run();
    for (const char* sql :
         {"DELETE FROM chunks WHERE path = ?1", "DELETE FROM findings WHERE path = ?1"}) {
      Statement clear = db_->prepare(sql);
      clear.bind(1, key.path).run();
    }
    Statement add =
        db_->prepare("INSERT INTO chunks (path, chunk, hash, bytes) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      add.bind(1, key.path).bind(2, static_cast<std::int64_t>(i));
      add.bind(3, core::content_hash(chunks[i])).bind_blob(4, chunks[i]).run();
      add.reset();
    }
    // Entries for deck files that no longer exist.
    std::vector<std::string> gone;
    Statement paths = db_->prepare("SELECT path FROM decks");
    while (paths.step()) {
      std::error_code ec;
      std::string path = paths.text(0);
      if (!std::filesystem::exists(path, ec) && !ec) gone.push_back(std::move(path));
    }
    for (const auto& path : gone) remove_entry(path);
    transaction.commit();
    return true;
  } catch (const StoreError&) {
    db_.reset();
    return false;
  }
}

}  // namespace quizdeck::store
