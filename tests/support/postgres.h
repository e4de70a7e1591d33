// SPDX-License-Identifier: MIT
// A PostgreSQL server of a test's own, for the class database's tests: initdb in a fresh
// temporary directory, listening only on a Unix socket there (no TCP), password
// authentication (scram-sha-256) for every role, stopped and removed when the object goes.
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user the
// Debian package creates. Where no server binary is installed, `start` returns nothing
// after the "[skipped] needs ..." notice of support/needs.h (CI, which has one, fails).
#pragma once

#include <memory>
#include <string>

#include "support/process.h"

namespace quizdeck::test {

class PostgresServer {
 public:
  static constexpr const char* kSuperuser = "postgres";
  static constexpr const char* kSuperuserPassword = "test-superuser-secret";

  static std::unique_ptr<PostgresServer> start();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A libpq URL for `user` (password included when given) to database `database`.
  std::string url(const std::string& user, const std::string& password = "",
                  const std::string& database = "quizdeck") const;
  std::string superuser_url() const { return url(kSuperuser, kSuperuserPassword); }

  // Runs SQL with psql as `user` (ON_ERROR_STOP, unaligned, tuples only): its output.
  ProcessResult psql(const std::string& sql, const std::string& user, const std::string& password,
                     const std::string& database = "quizdeck") const;

  const std::string& socket_dir() const { return dir_; }
  int port() const { return port_; }

 private:
  PostgresServer(std::string bin, std::string dir, int port);
  std::string bin_;  // the folder of initdb, pg_ctl, psql
  std::string dir_;  // data in dir_/data, the socket in dir_
  int port_;
};

}  // namespace quizdeck::test
