// SPDX-License-Identifier: MIT
// Opening a store: where the file may come from, refusals, configuration, migrations.
#include "store/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

}  // namespace quizdeck::store
