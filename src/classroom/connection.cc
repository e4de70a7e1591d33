// SPDX-License-Identifier: MIT
#include "classroom/connection.h"

#include <libpq-fe.h>

#include <fmt/format.h>

#include "classroom/class_url.h"
#include "core/visible.h"

namespace quizdeck::classroom {
namespace {

// The note a failure to reach the server carries, for is_unreachable.
constexpr std::string_view kUnreachableNote = "the class database cannot be reached now";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// libpq's connection messages, one line each: its line breaks and tabs (it indents its
// hints) become one space.
std::string one_line(std::string text) {
  text = trimmed(std::move(text));
  std::string out;
  for (const char c : text) {
    const bool space = c == '\n' || c == '\t' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

}  // namespace

Rows::Rows(PGresult* result) : result_(result) {}
Rows::~Rows() {
  if (result_ != nullptr) PQclear(result_);
}
Rows::Rows(Rows&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
Rows& Rows::operator=(Rows&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}
int Rows::size() const {
  return result_ == nullptr ? 0 : PQntuples(result_);
}
std::optional<std::string> Rows::at(int row, int column) const {
  if (PQgetisnull(result_, row, column) != 0) return std::nullopt;
  return std::string(PQgetvalue(result_, row, column),
                     static_cast<std::size_t>(PQgetlength(result_, row, column)));
}
std::string Rows::text(int row, int column) const {
  return at(row, column).value_or("");
}

core::Expected<Connection> Connection::open(const std::string& url) {
  if (auto parsed = parse_class_url(url); !parsed) return parsed.error();
  // The address's own settings win over these defaults (they come after in libpq's
  // reading); the encoding is ours to say.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding",
                            nullptr};
  const char* values[] = {"10", "quizdeck", url.c_str(), "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return core::fail(ExitCode::kIoError, "out of memory connecting");
  Connection connection(conn, url);
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string why = one_line(PQerrorMessage(conn));
    auto failure = core::fail(
        ExitCode::kIoError,
        mask_secrets(fmt::format("cannot connect to the class database {}: {}", masked_url(url),
                                 core::visible(why, core::Lines::kShow)),
                     url));
    // Refusals say so; anything else (no route, no server, a timeout) is a server out of
    // reach, which a queue waits out.
    const bool refused = why.find("authentication failed") != std::string::npos ||
                         why.find("does not exist") != std::string::npos ||
                         why.find("permission denied") != std::string::npos ||
                         why.find("no pg_hba.conf entry") != std::string::npos ||
                         why.find("certificate") != std::string::npos ||
                         why.find("SSL") != std::string::npos ||
                         why.find("invalid") != std::string::npos;
    if (!refused) failure.note(std::string(kUnreachableNote));
    return failure;
  }
  // Nothing of ours relies on the search path; a learner's objects could not be on it
  // anyway (they may create none), but the path is pinned all the same.
  if (auto pinned = connection.exec("SET search_path = pg_catalog"); !pinned) {
    return pinned.error();
  }
  return connection;
}

Connection::~Connection() {
  if (conn_ != nullptr) PQfinish(conn_);
}
Connection::Connection(Connection&& other) noexcept
    : conn_(std::exchange(other.conn_, nullptr)), url_(std::move(other.url_)) {}
Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (conn_ != nullptr) PQfinish(conn_);
    conn_ = std::exchange(other.conn_, nullptr);
    url_ = std::move(other.url_);
  }
  return *this;
}

core::Failure Connection::failure(std::string_view doing, PGresult* result) const {
  std::string why;
  if (result != nullptr && PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) != nullptr) {
    why = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  } else {
    why = one_line(PQerrorMessage(conn_));
  }
  auto failed =
      core::fail(ExitCode::kIoError,
                 mask_secrets(fmt::format("the class database {}: {}: {}", masked_url(url_), doing,
                                          core::visible(why, core::Lines::kShow)),
                              url_));
  if (PQstatus(conn_) != CONNECTION_OK) failed.note(std::string(kUnreachableNote));
  return failed;
}

core::Expected<Rows> Connection::run(std::string_view sql, const std::vector<std::string>& params) {
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  const std::string statement(sql);
  PGresult* result = PQexecParams(conn_, statement.c_str(), static_cast<int>(values.size()),
                                  nullptr, values.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    auto failed = failure("refused a statement", result);
    PQclear(result);
    return failed;
  }
  return Rows(result);
}

core::Expected<void> Connection::exec(std::string_view sql) {
  const std::string statement(sql);
  PGresult* result = PQexec(conn_, statement.c_str());
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    auto failed = failure("refused a statement", result);
    PQclear(result);
    return failed;
  }
  PQclear(result);
  return {};
}

core::Expected<void> Connection::stream(
    std::string_view sql, const std::vector<std::string>& params,
    const std::function<void(const std::vector<std::optional<std::string_view>>& row)>& take) {
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  const std::string statement(sql);
  if (PQsendQueryParams(conn_, statement.c_str(), static_cast<int>(values.size()), nullptr,
                        values.data(), nullptr, nullptr, 0) == 0) {
    return failure("refused a query");
  }
  if (PQsetSingleRowMode(conn_) == 0) return failure("refused to send rows one by one");
  std::optional<core::Failure> failed;
  std::vector<std::optional<std::string_view>> row;
  while (PGresult* result = PQgetResult(conn_)) {
    const auto status = PQresultStatus(result);
    if (status == PGRES_SINGLE_TUPLE && !failed) {
      const int columns = PQnfields(result);
      row.assign(static_cast<std::size_t>(columns), std::nullopt);
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(result, 0, c) == 0) {
          row[static_cast<std::size_t>(c)] = std::string_view(
              PQgetvalue(result, 0, c), static_cast<std::size_t>(PQgetlength(result, 0, c)));
        }
      }
      take(row);
    } else if (status != PGRES_TUPLES_OK && status != PGRES_SINGLE_TUPLE && !failed) {
      failed = failure("refused a query", result);
    }
    PQclear(result);
  }
  if (failed) return *failed;
  return {};
}

std::string Connection::quoted_name(std::string_view name) const {
  char* quoted = PQescapeIdentifier(conn_, name.data(), name.size());
  if (quoted == nullptr) throw std::bad_alloc();
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

std::string Connection::quoted_value(std::string_view value) const {
  char* quoted = PQescapeLiteral(conn_, value.data(), value.size());
  if (quoted == nullptr) throw std::bad_alloc();
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

core::Expected<std::string> Connection::password_verifier(const std::string& user,
                                                          const std::string& password) const {
  char* verifier = PQencryptPasswordConn(conn_, password.c_str(), user.c_str(), "scram-sha-256");
  if (verifier == nullptr) return failure("could not encrypt a password");
  std::string out(verifier);
  PQfreemem(verifier);
  return out;
}

bool is_unreachable(const core::Failure& failure) {
  for (const auto& note : failure.diagnostic.notes) {
    if (note.message == kUnreachableNote) return true;
  }
  return false;
}

}  // namespace quizdeck::classroom
