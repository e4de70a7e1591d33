// SPDX-License-Identifier: MIT
// The class database's tests run against a real PostgreSQL server started here: it must
// take the right password and refuse a wrong one, or the role tests would prove nothing.
#include <doctest/doctest.h>

#include "support/postgres.h"

namespace quizdeck::test {

TEST_CASE("postgres: the test server runs on a socket and asks every role for its password") {
  const auto server = PostgresServer::start();
  if (!server) return;
  const ProcessResult one =
      server->psql("SELECT 40 + 2", PostgresServer::kSuperuser, PostgresServer::kSuperuserPassword);
  CHECK(one.exit_code == 0);
  CHECK(one.out == "42\n");
  const ProcessResult wrong = server->psql("SELECT 1", PostgresServer::kSuperuser, "not-it");
  CHECK(wrong.exit_code != 0);
  CHECK(wrong.err.find("password authentication failed") != std::string::npos);
  // No TCP: nothing listens on localhost.
  const ProcessResult tcp = server->psql("SHOW listen_addresses", PostgresServer::kSuperuser,
                                         PostgresServer::kSuperuserPassword);
  CHECK(tcp.out == "\n");
}

}  // namespace quizdeck::test
