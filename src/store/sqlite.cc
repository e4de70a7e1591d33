// SPDX-License-Identifier: MIT
#include "store/sqlite.h"

#include <chrono>
#include <cstring>
#include <limits>
#include <thread>

#include <fmt/format.h>

namespace quizdeck::store {

Database::Database(const std::string& path, int flags) {
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(StoreError::Kind::kIo, fmt::format("cannot open '{}': {}", path, message));
  }
  sqlite3_extended_result_codes(db_, 1);
}

Database Database::from_bytes(std::string_view bytes) {
  Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // SQLite frees the copy it is handed when the connection closes.
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size() + 1));
  if (copy == nullptr) throw StoreError(StoreError::Kind::kIo, "out of memory for a database");
  std::memcpy(copy, bytes.data(), bytes.size());
  const int rc = sqlite3_deserialize(db.db_, "main", copy, static_cast<sqlite3_int64>(bytes.size()),
                                     static_cast<sqlite3_int64>(bytes.size() + 1),
                                     SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK) db.fail(rc, "reading a database");
  // A header SQLite accepts can still hide damage: look before anything trusts it.
  Statement check = db.prepare("PRAGMA quick_check");
  if (!check.step() || check.text(0) != "ok") {
    throw StoreError(StoreError::Kind::kCorrupt, "the database is damaged");
  }
  return db;
}

Database::~Database() {
  kept_.clear();  // finalized before the connection closes
  sqlite3_close_v2(db_);
}

bool Database::close() {
  kept_.clear();
  const bool closed = sqlite3_close(db_) == SQLITE_OK;
  if (!closed) sqlite3_close_v2(db_);
  db_ = nullptr;
  return closed;
}

Database::Database(Database&& other) noexcept
    : db_(other.db_),
      kept_(std::move(other.kept_)),
      met_damage_(other.met_damage_),
      met_trouble_(other.met_trouble_) {
  other.db_ = nullptr;
  for (auto& [sql, statement] : kept_) statement->db_ = this;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    kept_.clear();
    sqlite3_close_v2(db_);
    db_ = other.db_;
    other.db_ = nullptr;
    kept_ = std::move(other.kept_);
    met_damage_ = other.met_damage_;
    met_trouble_ = other.met_trouble_;
    for (auto& [sql, statement] : kept_) statement->db_ = this;
  }
  return *this;
}

Statement& Database::kept(std::string_view sql) {
  for (auto& [text, statement] : kept_) {
    if (text == sql) {
      statement->reset();
      return *statement;
    }
  }
  kept_.emplace_back(std::string(sql), std::make_unique<Statement>(prepare(sql)));
  return *kept_.back().second;
}

void Database::fail(int code, std::string_view doing) const {
  const int primary = code & 0xFF;
  const std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
  met_damage_ = met_damage_ || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
  met_trouble_ = met_trouble_ || (primary != SQLITE_BUSY && primary != SQLITE_LOCKED &&
                                  primary != SQLITE_CONSTRAINT);
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw StoreError(
          StoreError::Kind::kBusy,
          "the store is in use by another quizdeck process; try again when it is done");
    case SQLITE_NOTADB:
      throw StoreError(StoreError::Kind::kNotADatabase, "the store file is not a SQLite database");
    case SQLITE_CORRUPT:
      throw StoreError(
          StoreError::Kind::kCorrupt,
          fmt::format("the store is damaged ({}); 'quizdeck store check' tells more", detail));
    case SQLITE_CONSTRAINT:
      throw StoreError(StoreError::Kind::kInvalid, fmt::format("{}: {}", doing, detail));
    default:
      throw StoreError(StoreError::Kind::kIo, fmt::format("{}: {}", doing, detail));
  }
}

void Database::use_wal() {
  for (int attempt = 0;; ++attempt) {
    try {
      Statement mode = prepare("PRAGMA journal_mode = WAL");
      mode.step();
      return;
    } catch (const StoreError& error) {
      if (error.kind() != StoreError::Kind::kBusy || attempt >= 400) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5 + attempt % 20));
    }
  }
}

void Database::exec(std::string_view sql) {
  char* error = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  if (rc != SQLITE_OK) fail(rc, "cannot update the store");
}

Statement Database::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int rc =
      sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
  if (rc != SQLITE_OK) fail(rc, "cannot read the store");
  return Statement(*this, statement);
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
  return sqlite3_changes(db_);
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept : db_(other.db_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

// A binding SQLite refuses (a statement stepped and not reset keeps its old values, and
// would silently run again with them) is a bug, never ignored.
void Statement::bound(int rc) const {
  if (rc != SQLITE_OK) db_->fail(rc, "cannot bind a value");
}

Statement& Statement::bind(int index, std::int64_t value) {
  bound(sqlite3_bind_int64(statement_, index, value));
  return *this;
}

Statement& Statement::bind(int index, double value) {
  bound(sqlite3_bind_double(statement_, index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (value.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    db_->fail(SQLITE_TOOBIG, "cannot bind a value");
  }
  bound(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  bound(sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind_null(int index) {
  bound(sqlite3_bind_null(statement_, index));
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail(rc, "cannot use the store");
}

void Statement::run() {
  while (step()) {
  }
  // Ready to bind and run again (the changes and the last row id stay readable).
  sqlite3_reset(statement_);
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string_view Statement::text_view(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(bytes),
                          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string Statement::text(int column) const {
  const auto* bytes = sqlite3_column_text(statement_, column);
  if (bytes == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(bytes),
                     static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::string Statement::blob(int column) const {
  return std::string(blob_view(column));
}

std::string_view Statement::blob_view(int column) const {
  const void* bytes = sqlite3_column_blob(statement_, column);
  if (bytes == nullptr) return {};
  return std::string_view(static_cast<const char*>(bytes),
                          static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::int64_t> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace quizdeck::store
