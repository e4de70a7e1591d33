// SPDX-License-Identifier: MIT
#include "store/deck_cache.h"

#include <filesystem>

#include <fmt/format.h>

#include "core/hash.h"
#include "store/sqlite.h"
#include "store/store.h"

namespace quizdeck::store {
namespace {

// Bumped (and the table rebuilt) whenever the meaning of a row changes.
constexpr int kCacheVersion = 2;                          // 2: outlines
constexpr std::int64_t kCacheApplicationId = 0x51444b43;  // "QDKC"

}  // namespace

DeckCache::DeckCache(std::string path) : path_(std::move(path)) {}
DeckCache::~DeckCache() = default;
DeckCache::DeckCache(DeckCache&&) noexcept = default;
DeckCache& DeckCache::operator=(DeckCache&&) noexcept = default;

bool DeckCache::open(bool create) {
  if (db_) return true;
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) {
    if (!create) return false;
    create_private_file(path_);
  }
  auto db = std::make_unique<Database>(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  sqlite3_busy_timeout(db->handle(), 2000);
  Statement version = db->prepare("PRAGMA user_version");
  version.step();
  const std::int64_t found = version.integer(0);
  version.reset();
  Statement application = db->prepare("PRAGMA application_id");
  application.step();
  const std::int64_t id = application.integer(0);
  application.reset();
  if (id != kCacheApplicationId || found != kCacheVersion) {
    // Another version's cache, or not a cache at all (a store given by mistake is never
    // touched: only an empty file or one of ours is (re)built).
    Statement tables =
        db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name != 'decks'");
    tables.step();
    if (tables.integer(0) != 0 || (id != 0 && id != kCacheApplicationId)) return false;
    tables.reset();
    if (!create) return false;
    db->exec("PRAGMA journal_mode = WAL");
    Transaction transaction(*db);
    db->exec("DROP TABLE IF EXISTS decks");
    db->exec(
        "CREATE TABLE decks (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER "
        "NOT NULL, content_hash TEXT NOT NULL, model_hash TEXT NOT NULL, model BLOB NOT NULL, "
        "outline_hash TEXT NOT NULL, outline BLOB NOT NULL) STRICT");
    db->exec("PRAGMA application_id = " + std::to_string(kCacheApplicationId));
    db->exec("PRAGMA user_version = " + std::to_string(kCacheVersion));
    transaction.commit();
  }
  db->exec("PRAGMA synchronous = NORMAL");
  // Models are megabytes of overflow pages: mapped, they are copied once, not read page
  // by page.
  db->exec("PRAGMA mmap_size = 268435456");
  db_ = std::move(db);
  return true;
}

std::optional<std::string> DeckCache::find(const DeckFileKey& key, Part part) {
  std::optional<std::string> model;
  find(key, part, [&](std::string_view bytes) {
    model.emplace(bytes);
    return true;
  });
  return model;
}

bool DeckCache::find(const DeckFileKey& key, Part part,
                     const std::function<bool(std::string_view)>& use) {
  try {
    if (!open(false)) return false;
    Statement query = db_->prepare(
        fmt::format("SELECT {0}, {0}_hash FROM decks WHERE path = ?1 AND size = ?2 AND "
                    "mtime_ns = ?3 AND content_hash = ?4",
                    part == Part::kModel ? "model" : "outline"));
    query.bind(1, key.path).bind(2, key.size).bind(3, key.mtime_ns).bind(4, key.content_hash);
    if (!query.step()) return false;
    const std::string_view model = query.blob_view(0);             // valid until the next step
    if (core::content_hash(model) != query.text(1)) return false;  // damaged
    return use(model);
  } catch (const StoreError&) {
    db_.reset();
    return false;
  }
}

bool DeckCache::put(const DeckFileKey& key, std::string_view model, std::string_view outline) {
  try {
    bool opened = false;
    try {
      opened = open(true);
    } catch (const StoreError& error) {
      // A damaged cache is only in the way: start a new one (once).
      if (error.kind() != StoreError::Kind::kCorrupt &&
          error.kind() != StoreError::Kind::kNotADatabase) {
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
    Statement insert = db_->prepare(
        "INSERT OR REPLACE INTO decks (path, size, mtime_ns, content_hash, model_hash, model, "
        "outline_hash, outline) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    insert.bind(1, key.path).bind(2, key.size).bind(3, key.mtime_ns).bind(4, key.content_hash);
    insert.bind(5, core::content_hash(model)).bind_blob(6, model);
    insert.bind(7, core::content_hash(outline)).bind_blob(8, outline).run();
    // Entries for deck files that no longer exist.
    std::vector<std::string> gone;
    Statement paths = db_->prepare("SELECT path FROM decks");
    while (paths.step()) {
      std::error_code ec;
      std::string path = paths.text(0);
      if (!std::filesystem::exists(path, ec) && !ec) gone.push_back(std::move(path));
    }
    Statement remove = db_->prepare("DELETE FROM decks WHERE path = ?1");
    for (const auto& path : gone) {
      remove.bind(1, path).run();
      remove.reset();
    }
    transaction.commit();
    return true;
  } catch (const StoreError&) {
    db_.reset();
    return false;
  }
}

}  // namespace quizdeck::store
