// SPDX-License-Identifier: MIT
// Opening a store: where the file may come from, refusals, configuration, migrations.
#include "store/store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "store/schema.h"
#include "store/store_file.h"

namespace quizdeck::store {

namespace {

namespace fs = std::filesystem;

std::int64_t wall_clock_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// A file where a store should be that quizdeck will not use, and why.
[[noreturn]] void refuse(const std::string& path, const FileLook& look) {
  using Kind = FileLook::Kind;
  switch (look.kind) {
    case Kind::kDenied:
      throw StoreError(StoreError::Kind::kIo,
                       fmt::format("cannot read the store '{}': {}", path, look.reason));
    case Kind::kUnreachable:
      throw StoreError(StoreError::Kind::kIo,
                       fmt::format("cannot reach the store '{}': {}", path, look.reason));
    case Kind::kDirectory:
      throw StoreError(StoreError::Kind::kIo,
                       fmt::format("'{}' is a directory, not a store", path));
    case Kind::kNotRegular:
    case Kind::kSymlink:
      throw StoreError(StoreError::Kind::kIo,
                       fmt::format("'{}' is not a regular file (a FIFO, socket or device), not a "
                                   "store; quizdeck leaves it as it is",
                                   path));
    case Kind::kEmpty:
      throw StoreError(
          StoreError::Kind::kIo,
          fmt::format("'{}' is an empty file {} (mode {:04o}); quizdeck makes a store only of a "
                      "file only you can read and write: 'chmod 600' it, or remove it",
                      path, look.owned ? "that others may use" : "of another user", look.mode));
    case Kind::kNotSqlite:
    default:
      throw StoreError(StoreError::Kind::kNotADatabase,
                       fmt::format("'{}' is not a quizdeck store (not a SQLite database); "
                                   "quizdeck leaves it as it is",
                                   path));
  }
}

bool private_to_us(const FileLook& look) {
  return look.owned && (look.mode & 0177) == 0;
}

std::int64_t read_integer(Database& db, const char* sql) {
  // Finished at once, so no read transaction stays open.
  Statement query = db.prepare(sql);
  query.step();
  return query.integer(0);
}

bool writable_directory(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return ::access(parent.empty() ? "." : parent.c_str(), W_OK) == 0;
}

}  // namespace

// A read-only connection. A store in WAL mode needs its shared-memory file, which cannot
// be made in a directory quizdeck may not write: there the file is read as it is (SQLite's
// immutable mode; nobody can be writing it there either).
Database connect_read_only(const std::string& path) {
  {
    Database db(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
    const int rc =
        sqlite3_exec(db.handle(), "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    const int primary = rc & 0xFF;
    if ((primary != SQLITE_CANTOPEN && primary != SQLITE_READONLY) || writable_directory(path)) {
      return db;
    }
  }
  std::string uri = "file:";
  for (const unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  uri += "?immutable=1";
  return Database(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI);
}

namespace {

// SQLite's quick check (every page and row, not the index contents), skipped when the
// seal vouches for the file. A sound store gets a seal. Returns the file's identity when
// it is known sound (the seal held, or the check found it sound and could seal it: it had
// been left alone long enough before); nothing when the check passed but cannot vouch.
// SQLite's quick check of the whole file: throws kCorrupt on the first thing it finds.
void check_damage(Database& db, const std::string& path) {
  std::vector<std::string> findings;
  try {
    Statement query = db.prepare("PRAGMA quick_check(5)");
    while (query.step()) findings.push_back(query.text(0));
  } catch (const StoreError& error) {
    if (error.kind() != StoreError::Kind::kCorrupt &&
        error.kind() != StoreError::Kind::kNotADatabase) {
      throw;
    }
    findings.push_back(error.what());
  }
  if (findings.size() == 1 && findings.front() == "ok") return;
  // The first thing SQLite found ("*** in database main ***" and the like left out).
  std::string first = "no answer";
  for (const auto& finding : findings) {
    std::string_view rest = finding;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
      if (!line.empty() && !line.starts_with("***")) {
        first = std::string(line);
        rest = {};
      }
    }
    if (first != "no answer") break;
  }
  throw StoreError(StoreError::Kind::kCorrupt,
                   fmt::format("the store '{}' is damaged ({}); quizdeck changes nothing in a "
                               "damaged store: 'quizdeck store check' says more",
                               path, first));
}

// Whether the store can be written: the file, and its directory (SQLite keeps the
// write-ahead log beside it).
void check_writable(const std::string& path) {
  if (::access(path.c_str(), W_OK) != 0) {
    throw StoreError(StoreError::Kind::kIo,
                     fmt::format("cannot write the store '{}': {}", path, std::strerror(errno)));
  }
  if (!writable_directory(path)) {
    throw StoreError(
        StoreError::Kind::kIo,
        fmt::format("cannot write the store '{}': its directory is not writable (SQLite keeps "
                    "the store's write-ahead log beside it); commands that only read still work",
                    path));
  }
}

// What a database says of itself: whose it is, its schema version, whether it is empty.
struct Marks {
  std::int64_t application_id = 0;
  int version = 0;
  bool empty = false;
};

// One statement, so one snapshot: another process may be making this very store.
Marks read_marks(Database& db) {
  Statement query = db.prepare(
      "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM "
      "pragma_user_version), (SELECT count(*) FROM sqlite_master)");
  query.step();
  return Marks{query.integer(0), static_cast<int>(query.integer(1)), query.integer(2) == 0};
}

// The first look into a file that starts like a SQLite database: damaged when SQLite
// cannot make sense of it.
Marks read_first_marks(Database& db, const std::string& path) {
  try {
    return read_marks(db);
  } catch (const StoreError& error) {
    if (error.kind() != StoreError::Kind::kNotADatabase &&
        error.kind() != StoreError::Kind::kCorrupt) {
      throw;
    }
    throw StoreError(StoreError::Kind::kCorrupt,
                     fmt::format("the store '{}' is damaged (SQLite cannot read its header or "
                                 "schema); quizdeck changes nothing in a damaged store: "
                                 "'quizdeck store check' says more",
                                 path));
  }
}

// A quizdeck store of a schema version this quizdeck knows, or an error saying what it is.
void check_marks(const Marks& marks, const std::string& path) {
  if (marks.application_id != kApplicationId) {
    throw StoreError(StoreError::Kind::kForeign,
                     fmt::format("'{}' is a SQLite database of another program, not a quizdeck "
                                 "store; quizdeck leaves it as it is",
                                 path));
  }
  if (marks.version > kSchemaVersion) {
    throw StoreError(StoreError::Kind::kNewerVersion,
                     fmt::format("'{}' was written by a newer quizdeck (store version {}; this "
                                 "quizdeck knows up to {}); upgrade quizdeck to use it",
                                 path, marks.version, kSchemaVersion));
  }
  if (marks.version < 1) {
    throw StoreError(
        StoreError::Kind::kCorrupt,
        fmt::format("'{}' is marked as a quizdeck store but has no schema version", path));
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

namespace {

// What SQLite makes beside a store in WAL mode when a connection first reads it.
constexpr std::array<const char*, 2> kWalFiles{"-wal", "-shm"};

}  // namespace

WalFiles::WalFiles(std::string store_path) : path_(std::move(store_path)) {
  for (std::size_t i = 0; i < kWalFiles.size(); ++i) {
    std::error_code error;
    were_there_[i] = fs::exists(fs::symlink_status(path_ + kWalFiles[i], error));
  }
}

void WalFiles::remove_made() const {
  std::error_code error;
  const fs::path wal = path_ + kWalFiles[0];
  const fs::path shm = path_ + kWalFiles[1];
  if (!were_there_[0]) {
    const auto status = fs::symlink_status(wal, error);
    if (fs::is_regular_file(status) && fs::file_size(wal, error) == 0 && !error) {
      fs::remove(wal, error);
    }
  }
  if (!were_there_[1] && !fs::exists(fs::symlink_status(wal, error)) &&
      fs::is_regular_file(fs::symlink_status(shm, error))) {
    fs::remove(shm, error);
  }
}

Store Store::open(const std::string& path, const OpenOptions& options) {
  const WalFiles wal_files(path);
  try {
    return open_store(path, options);
  } catch (const StoreError& error) {
    // Refused for what the file is (not for a busy writer): nothing stays beside it. The
    // connection is closed by now.
    if (error.kind() == StoreError::Kind::kCorrupt ||
        error.kind() == StoreError::Kind::kNotADatabase ||
        error.kind() == StoreError::Kind::kForeign ||
        error.kind() == StoreError::Kind::kNewerVersion) {
      wal_files.remove_made();
    }
    throw;
  }
}

Store Store::open_store(const std::string& path, const OpenOptions& options) {
  using Kind = FileLook::Kind;
  FileLook look = look_at(path);
  if (look.kind == Kind::kMissing) {
    if (!options.create || options.read_only) {
      throw StoreError(StoreError::Kind::kIo, fmt::format("there is no store at '{}' yet", path));
    }
    create_private_file(path);  // or another process just did
    look = look_at(path);
  }
  if (look.kind == Kind::kEmpty && options.read_only) {
    throw StoreError(StoreError::Kind::kIo,
                     fmt::format("there is no store at '{}' yet (the file is empty)", path));
  }
  if (look.kind != Kind::kSqlite && !(look.kind == Kind::kEmpty && private_to_us(look))) {
    refuse(path, look);
  }

  if (!options.read_only) check_writable(path);
  Store store(options.read_only ? connect_read_only(path)
                                : Database(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX),
              path);
  Database& db = store.db_;
  sqlite3_busy_timeout(db.handle(), options.busy_timeout_ms);
  // Read-only looks first: nothing is written to a file that turns out not to be ours.
  Marks marks = read_first_marks(db, path);
  if (marks.application_id == 0 && marks.empty) {
    // Empty: a new store (one quizdeck made, or an empty database only we may read).
    if (options.read_only) {
      throw StoreError(StoreError::Kind::kIo,
                       fmt::format("there is no store at '{}' yet (the database is empty)", path));
    }
    if (!private_to_us(look)) {
      FileLook empty = look;
      empty.kind = Kind::kEmpty;
      refuse(path, empty);
    }
    store.create_if_empty();
    marks = read_marks(db);
  }
  check_marks(marks, path);
  const int version = marks.version;
  // Sound: the seal holds (the file is as quizdeck left it after the checks below), or the
  // checks pass now and the seal is written for the next open. Building the schema to
  // compare with costs as much as a small command, so a sealed store skips it too.
  std::optional<FileLook::Identity> sound;
  if (options.check && seal_holds(path, look.identity)) {
    sound = look.identity;
  } else if (options.check) {
    const std::int64_t began = wall_clock_ns();
    check_damage(db, path);
    // A table dropped or changed behind quizdeck's back: refused before anything is
    // written (a session begun and then failing at its first answer would be left unended).
    if (version == kSchemaVersion) {
      if (const auto problems = store.schema_problems(); !problems.empty()) {
        throw StoreError(StoreError::Kind::kCorrupt,
                         fmt::format("the store '{}' is damaged ({}); quizdeck changes nothing "
                                     "in a damaged store: 'quizdeck store check' says more",
                                     path, problems.front()));
      }
    }
    if (identity_at(path) == look.identity && !has_live_wal(path)) {
      write_seal(path, look.identity, began);
      if (seal_holds(path, look.identity)) sound = look.identity;
    }
  }
  if (options.read_only) {
    if (version < kSchemaVersion) {
      // Reading needs the current schema: the upgrade is the one write a reader makes.
      // (This connection is closed first: see look_at.)
      store.db_ = Database(":memory:", SQLITE_OPEN_READWRITE);
      OpenOptions upgrade = options;
      upgrade.read_only = false;
      upgrade.check = false;
      upgrade.migrate = true;
      return open(path, upgrade);
    }
    db.exec("PRAGMA mmap_size = 1073741824");
    return store;
  }
  // Switching a new store to WAL writes its header: a change of ours, made an instant
  // after the file was last seen as the check or the seal found it.
  const bool unchanged = sound && identity_at(path) == sound;
  store.configure();
  if (unchanged) store.watch_for_seal();
  if (options.migrate) store.upgrade();
  return store;
}

// Sealing at close, and why it is safe.
//
// A damaged store is refused on open, and finding damage means reading the whole file
// (SQLite's quick check: 3.4 s at a million reviews), so a store known sound is sealed
// (store_file.h) and not checked while its identity (device, inode, size, modification
// and change times) is the sealed one. A writer that opened the store known sound (the
// check passed, or the seal held) seals it again when it closes, if every change to the
// file since was its own SQLite's:
//  - no other connection committed meanwhile (SQLite's data_version is unchanged), so
//    the only writes were this process's transactions, which SQLite writes whole;
//  - in WAL mode the file itself is written only by checkpoints (commits go to the log):
//    before each checkpoint of this connection (SQLite's automatic one is replaced by
//    checkpoint_watched below, which does the same) and before the close, the file's
//    identity was still what it was after the previous one, so no other program wrote
//    it in between (any write moves the change time, which no program can set back);
//  - no call on the connection met damage or another failure, and closing it removed
//    the write-ahead log (it was the last connection: its close checkpointed everything);
//  - the file system keeps times finer than seconds (store_file.cc).
// So the seal vouches for what the check (or the previous seal) vouched for, plus
// changes SQLite made itself. What is still caught on open, as before: any change to the
// file after the close (a scribble, a cut, a copy over it, a restore, another program's
// write, a later writer that crashed and left its log), a log left beside it, a missing
// or foreign seal; and any change another program made during the session, which leaves
// an identity this connection did not record, so no seal is written and the next open
// checks. What is caught later instead: a change by another program during the session
// that keeps the file's size and falls in the same clock tick (a few milliseconds) as one
// of this connection's own writes of the file, so its times do not tell; and, as before,
// damage that does not go through the file system (a disk's bit rot) and what the quick
// check never reads (index contents). Those are found when SQLite reads the damaged page:
// that command fails saying the store is damaged and writes nothing, the seal is removed
// (close_and_seal), and the next open checks the whole store and refuses it; or by
// 'quizdeck store check', which always reads everything.
struct SealWatch {
  std::string path;
  FileLook::Identity identity;  // the file as this connection last left it
  std::int64_t data_version = 0;
  bool lost = false;  // something changed the file behind this connection's back
};

namespace {

// SQLite's automatic checkpoint (after a commit leaves this many pages in the log), with
// the file's identity compared before and recorded after.
constexpr int kCheckpointPages = 1000;

int checkpoint_watched(void* context, sqlite3* db, const char* name, int pages) {
  auto& watch = *static_cast<SealWatch*>(context);
  if (pages < kCheckpointPages) return SQLITE_OK;
  if (identity_at(watch.path) != watch.identity) watch.lost = true;
  sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  if (const auto now = identity_at(watch.path)) {
    watch.identity = *now;
  } else {
    watch.lost = true;
  }
  return SQLITE_OK;
}

}  // namespace

Store::Store(Database db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}

Store::~Store() {
  close_and_seal();
}

Store::Store(Store&& other) noexcept = default;

Store& Store::operator=(Store&& other) noexcept {
  if (this != &other) {
    close_and_seal();
    db_ = std::move(other.db_);
    path_ = std::move(other.path_);
    watch_ = std::move(other.watch_);
  }
  return *this;
}

void Store::watch_for_seal() {
  const auto identity = identity_at(path_);
  if (!identity) return;
  auto watch = std::make_unique<SealWatch>();
  watch->path = path_;
  watch->identity = *identity;
  watch->data_version = read_integer(db_, "PRAGMA data_version");
  sqlite3_wal_hook(db_.handle(), checkpoint_watched, watch.get());
  watch_ = std::move(watch);
}

void Store::close_and_seal() noexcept {
  if (db_.handle() == nullptr) return;
  const std::unique_ptr<SealWatch> watch = std::move(watch_);
  const bool damaged = db_.met_damage();
  bool ours = watch && !watch->lost && !db_.met_trouble();
  if (ours) {
    try {
      ours = read_integer(db_, "PRAGMA data_version") == watch->data_version &&
             identity_at(path_) == watch->identity;
    } catch (const StoreError&) {
      ours = false;
    }
  }
  if (watch) sqlite3_wal_hook(db_.handle(), nullptr, nullptr);
  const bool closed = db_.close();
  if (damaged && !path_.empty()) {
    // A seal that still vouches for the file would let the next open skip the check that
    // refuses it: it goes. (One that no longer holds is left as it is: the store was
    // refused on open, and a refusal changes nothing.)
    if (const auto now = identity_at(path_); now && seal_holds(path_, *now)) break_seal(path_);
  } else if (ours && closed) {
    seal_after_close(path_);
  }
}

Store Store::open_memory() {
  Store store(Database(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  store.db_.exec("PRAGMA foreign_keys = ON");
  Transaction transaction(store.db_);
  create_schema(store.db_);
  transaction.commit();
  return store;
}

void Store::configure() {
  // WAL with synchronous=NORMAL: a commit is durable against a crash of quizdeck (the
  // WAL is written before COMMIT returns) and costs microseconds; a power loss can lose
  // only the last commits, never corrupt the file. The WAL is kept from growing.
  db_.use_wal();
  db_.exec(
      "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
      "PRAGMA journal_size_limit = 4194304;");
  // Reads of a large review log go through the page cache mapping instead of one pread()
  // per page (writes still go through the WAL).
  db_.exec("PRAGMA mmap_size = 1073741824");
}

void Store::create_if_empty() {
  // BEGIN IMMEDIATE: processes making the same new store at once wait for each other here,
  // and all but the first find it made.
  Transaction transaction(db_);
  if (read_integer(db_, "PRAGMA application_id") == 0 &&
      read_integer(db_, "SELECT count(*) FROM sqlite_master") == 0) {
    create_schema(db_);
  }
  transaction.commit();
}

void Store::upgrade() {
  const int seen = schema_version();
  if (seen >= kSchemaVersion) return;
  // The copy is made before the write lock (VACUUM INTO cannot run in a transaction) under
  // a name of this process's own, and kept only if this process migrates.
  const std::string backup = fmt::format("{}.bak-v{}", path_, seen);
  const std::string copy = fmt::format("{}.tmp-{}", backup, ::getpid());
  std::error_code ec;
  fs::remove(copy, ec);
  Statement vacuum = db_.prepare("VACUUM INTO ?1");
  vacuum.bind(1, copy);
  vacuum.run();
  ::chmod(copy.c_str(), 0600);
  Transaction transaction(db_);
  const int version = schema_version();  // another process may have migrated meanwhile
  if (version < kSchemaVersion) migrate_schema(db_, version);
  transaction.commit();
  if (version == seen) {
    fs::rename(copy, backup, ec);
  } else {
    fs::remove(copy, ec);
  }
}

int Store::schema_version() {
  Statement query = db_.prepare("PRAGMA user_version");
  query.step();
  return static_cast<int>(query.integer(0));
}

}  // namespace quizdeck::store
