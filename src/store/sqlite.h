// SPDX-License-Identifier: MIT
// A thin RAII layer over the SQLite C API: a connection, prepared statements with bound
// parameters, and errors as StoreError values that say what went wrong in user terms.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quizdeck::store {

class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    kNotADatabase,  // the file is not a SQLite database
    kForeign,       // a SQLite database, but not a quizdeck store
    kNewerVersion,  // written by a newer quizdeck
    kBusy,          // another process holds the store past the timeout
    kCorrupt,       // SQLite reports damage
    kIo,            // cannot create, open, read or write
    kInvalid,       // a request that does not fit the data (unknown deck, card ...)
  };
  StoreError(Kind kind, std::string message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Statement;

class Database {
 public:
  // Opens `path` (":memory:" for tests) with SQLite's flags.
  Database(const std::string& path, int flags);
  // A read-only database held in memory, from a database file's bytes (another program's
  // SQLite file, read without writing it anywhere). Throws StoreError(kCorrupt) when the
  // bytes are not a database SQLite can read.
  static Database from_bytes(std::string_view bytes);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Switches the database to write-ahead logging. That takes an exclusive lock, which
  // SQLite does not wait for when another process making the same file holds a shared one
  // (it says "busy" at once), so the switch is tried again for up to about five seconds.
  void use_wal();
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql);
  // A statement prepared once per connection and kept, reset and without bindings: for
  // the ones run on every answer (whose triggers SQLite then compiles once, not per use).
  Statement& kept(std::string_view sql);
  std::int64_t last_insert_id() const;
  int changes() const;
  sqlite3* handle() const { return db_; }
  // Throws the StoreError that matches SQLite's result `code`.
  [[noreturn]] void fail(int code, std::string_view doing) const;
  // Whether a failure on this connection said the file is damaged (or not a database).
  bool met_damage() const { return met_damage_; }
  // Whether any failure but "busy" or a refused constraint happened on this connection.
  bool met_trouble() const { return met_trouble_; }
  // Closes the connection now (its last close checkpoints the write-ahead log and removes
  // it). False when SQLite could not, a statement being still open: the connection then
  // closes when that statement ends.
  bool close();

 private:
  sqlite3* db_ = nullptr;
  std::vector<std::pair<std::string, std::unique_ptr<Statement>>> kept_;
  mutable bool met_damage_ = false;
  mutable bool met_trouble_ = false;
};

class Statement {
 public:
  Statement(const Database& db, sqlite3_stmt* statement) : db_(&db), statement_(statement) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameters are numbered from 1, as in SQL.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::string_view bytes);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances to the next row; false when done.
  bool step();
  // Runs a statement that returns no rows, and resets it for the next run.
  void run();
  void reset();

  // Columns are numbered from 0.
  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  // The text in place: valid until the statement steps, resets or ends.
  std::string_view text_view(int column) const;
  std::string blob(int column) const;
  // The bytes in place: valid until the statement steps, resets or ends.
  std::string_view blob_view(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;

 private:
  void bound(int rc) const;
  friend class Database;  // moves its kept statements along
  const Database* db_;
  sqlite3_stmt* statement_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when an exception leaves the scope.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace quizdeck::store
