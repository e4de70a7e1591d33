// SPDX-License-Identifier: MIT
// One connection to a class database (libpq), and the results of its statements. Every
// value goes as a parameter, every name through quoted_name; every message from libpq or
// the server comes back as a failure with the address's password masked.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

using PGconn = struct pg_conn;
using PGresult = struct pg_result;

namespace quizdeck::classroom {

// A statement's rows, as text (NULL as nothing).
class Rows {
 public:
  explicit Rows(PGresult* result);
  ~Rows();
  Rows(Rows&& other) noexcept;
  Rows& operator=(Rows&& other) noexcept;
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  int size() const;
  std::optional<std::string> at(int row, int column) const;
  std::string text(int row, int column) const;  // "" for NULL

 private:
  PGresult* result_ = nullptr;
};

class Connection {
 public:
  // Connects (10 seconds at most unless the address says otherwise). A failure is kIoError
  // and names the masked address; `offline` tells a server that could not be reached from
  // one that refused the login.
  static core::Expected<Connection> open(const std::string& url);
  ~Connection();
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one statement with text parameters ($1, $2, ...).
  core::Expected<Rows> run(std::string_view sql, const std::vector<std::string>& params = {});
  // Runs statements without parameters (several, separated by semicolons).
  core::Expected<void> exec(std::string_view sql);
  // Runs a query row by row (libpq's single-row mode): memory stays flat whatever the
  // number of rows; `take` gets each row's columns.
  core::Expected<void> stream(
      std::string_view sql, const std::vector<std::string>& params,
      const std::function<void(const std::vector<std::optional<std::string_view>>& row)>& take);

  // A name (a role, a database) as a quoted SQL identifier: never SQL, whatever it holds.
  std::string quoted_name(std::string_view name) const;
  // A value as a quoted SQL literal, for the statements that take no parameters (CREATE
  // ROLE ... PASSWORD).
  std::string quoted_value(std::string_view value) const;
  // A password as the server keeps it (SCRAM-SHA-256), worked out here, so the password
  // itself never reaches the server or its logs.
  core::Expected<std::string> password_verifier(const std::string& user,
                                                const std::string& password) const;

  const std::string& url() const { return url_; }
  PGconn* handle() const { return conn_; }

 private:
  Connection(PGconn* conn, std::string url) : conn_(conn), url_(std::move(url)) {}
  core::Failure failure(std::string_view doing, PGresult* result = nullptr) const;
  PGconn* conn_ = nullptr;
  std::string url_;
};

// Whether a connection failure was a server out of reach (rather than a refusal): the
// queue waits for the first and reports the second.
bool is_unreachable(const core::Failure& failure);

}  // namespace quizdeck::classroom
