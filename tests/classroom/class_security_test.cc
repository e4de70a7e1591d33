// SPDX-License-Identifier: MIT
// What a curious learner can do with their login to the class database: connect as each
// learner role and try to read, change or delete another's rows, insert as someone else,
// change the schema and create objects. The database refuses every one (row-level
// security and privileges, not our client), and names and texts holding SQL stay data.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "support/postgres.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

ProcessResult quizdeck(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::vector<std::string> argv = {quizdeck_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.stdin_text = stdin_text;
  options.env["TZ"] = "UTC";
  return run_process(argv, options);
}

struct Learner {
  std::string name;
  std::string url;
  std::string password;
};

Learner add(const PostgresServer& server, const std::string& name) {
  const ProcessResult added = quizdeck({"class", "add-learner", name, server.superuser_url()});
  REQUIRE_MESSAGE(added.exit_code == 0, added.err);
  const auto open = added.out.find('\'');
  const auto close = added.out.rfind('\'');
  Learner learner;
  learner.name = name;
  learner.url = added.out.substr(open + 1, close - open - 1);
  const auto colon = learner.url.find(':', std::string("postgresql://").size());
  const auto at = learner.url.find('@');
  learner.password = learner.url.substr(colon + 1, at - colon - 1);
  return learner;
}

// psql's message for a statement the server refused: "ERROR:  <message>".
std::string refusal(const ProcessResult& result) {
  const auto at = result.err.find("ERROR:  ");
  if (at == std::string::npos) return "(not refused: " + result.out + result.err + ")";
  const auto end = result.err.find('\n', at);
  return result.err.substr(at + 8, end - at - 8);
}

}  // namespace

TEST_CASE("class security: each learner role is refused everything but its own rows") {
  const auto server = PostgresServer::start();
  if (!server) return;
  const fs::path dir =
      fs::temp_directory_path() / ("quizdeck-class-security-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file(fs::path(golden_dir()) / "study" / "_fixtures" / "study.yaml", dir / "study.yaml");
  REQUIRE(quizdeck({"class", "init", server->superuser_url()}).exit_code == 0);
  // A name holding SQL is a name: the role is called exactly that, nothing else happens.
  const std::string sql_name = "eve\"; DROP TABLE quizdeck.sittings; --";
  std::vector<Learner> learners = {add(*server, "ann"), add(*server, "ben"),
                                   add(*server, sql_name)};
  // Each pushes a sitting, the last with SQL as a typed answer (a label of its own).
  for (std::size_t i = 0; i < learners.size(); ++i) {
    const Learner& learner = learners[i];
    const std::string store = (dir / ("learner-" + std::to_string(i) + ".db")).string();
    REQUIRE(quizdeck({"config", "class", learner.url, "--store", store}).exit_code == 0);
    const ProcessResult exam = quizdeck({"exam", (dir / "study.yaml").string(), "--store", store,
                                         "--now", "2026-01-01T09:00:00Z", "--seed", "7"},
                                        "3\ntrue\nA,B\n3'); DROP TABLE quizdeck.answers; --\n3\n");
    REQUIRE_MESSAGE(exam.err.starts_with("Pushed to the class at "), exam.err);
  }
  const auto as_superuser = [&](const std::string& sql) {
    return server->psql(sql, PostgresServer::kSuperuser, PostgresServer::kSuperuserPassword).out;
  };
  CHECK(as_superuser("SELECT rolname FROM pg_roles WHERE rolname LIKE 'eve%'") == sql_name + "\n");
  CHECK(as_superuser("SELECT learner, count(*) FROM quizdeck.sittings GROUP BY learner ORDER BY "
                     "learner") == "ann|1\nben|1\n" + sql_name + "|1\n");
  CHECK(as_superuser("SELECT count(*) FROM quizdeck.answers WHERE record LIKE '%DROP TABLE%'") ==
        "0\n");  // the numeric card refused it as no number, and took the 3 after it
  CHECK(as_superuser("SELECT count(*) FROM quizdeck.answers") == "12\n");

  for (const Learner& me : learners) {
    CAPTURE(me.name);
    const Learner& other = me.name == "ann" ? learners[1] : learners[0];
    const auto as_me = [&](const std::string& sql) {
      return server->psql(sql, me.name, me.password);
    };
    // Their own rows, and no one else's.
    CHECK(as_me("SELECT count(*) FROM quizdeck.sittings").out == "1\n");
    CHECK(as_me("SELECT count(*) FROM quizdeck.answers").out == "4\n");
    CHECK(
        as_me("SELECT count(*) FROM quizdeck.sittings WHERE learner = '" + other.name + "'").out ==
        "0\n");
    CHECK(as_me("SELECT DISTINCT learner FROM quizdeck.answers").out == me.name + "\n");
    // No change to any row, their own included.
    CHECK(refusal(as_me("UPDATE quizdeck.sittings SET record = '{}'")) ==
          "permission denied for table sittings");
    CHECK(refusal(as_me("UPDATE quizdeck.answers SET learner = 'x'")) ==
          "permission denied for table answers");
    CHECK(refusal(as_me("DELETE FROM quizdeck.answers")) == "permission denied for table answers");
    CHECK(refusal(as_me("DELETE FROM quizdeck.sittings")) ==
          "permission denied for table sittings");
    CHECK(refusal(as_me("TRUNCATE quizdeck.answers")) == "permission denied for table answers");
    CHECK(refusal(as_me("INSERT INTO quizdeck.sittings (id, started_ms, record) VALUES "
                        "(gen_random_uuid(), 0, '{}') ON CONFLICT (id) DO UPDATE SET record = "
                        "'x'")) == "permission denied for table sittings");
    // Nothing in someone else's name.
    CHECK(refusal(as_me("INSERT INTO quizdeck.sittings (id, learner, started_ms, record) VALUES "
                        "(gen_random_uuid(), '" +
                        other.name + "', 0, '{}')")) ==
          "new row violates row-level security policy for table \"sittings\"");
    CHECK(refusal(as_me("INSERT INTO quizdeck.answers (batch, position, in_sitting, learner, "
                        "time_ms, record) VALUES (gen_random_uuid(), 1, false, '" +
                        other.name + "', 0, '{}')")) ==
          "new row violates row-level security policy for table \"answers\"");
    CHECK(refusal(as_me("SET ROLE " + std::string(other.name == "ann" ? "ann" : "ben"))) ==
          "permission denied to set role \"" + other.name + "\"");
    CHECK(refusal(as_me("SET ROLE quizdeck_instructor")) ==
          "permission denied to set role \"quizdeck_instructor\"");
    CHECK(refusal(as_me("SET SESSION AUTHORIZATION postgres"))
              .starts_with("permission denied to set session authorization"));
    // No change to the schema, no objects of their own.
    CHECK(refusal(as_me("DROP TABLE quizdeck.sittings")) == "must be owner of table sittings");
    CHECK(refusal(as_me("ALTER TABLE quizdeck.answers DISABLE ROW LEVEL SECURITY")) ==
          "must be owner of table answers");
    CHECK(refusal(as_me("ALTER TABLE quizdeck.answers ADD COLUMN x int")) ==
          "must be owner of table answers");
    CHECK(refusal(as_me("DROP POLICY learner_reads_own ON quizdeck.sittings")) ==
          "must be owner of relation sittings");
    CHECK(refusal(as_me("DROP SCHEMA quizdeck CASCADE")) == "must be owner of schema quizdeck");
    CHECK(refusal(as_me("CREATE TABLE quizdeck.mine (x int)")) ==
          "permission denied for schema quizdeck");
    CHECK(refusal(as_me("CREATE TABLE public.mine (x int)")) ==
          "permission denied for schema public");
    CHECK(refusal(as_me("CREATE TEMP TABLE mine (x int)")) ==
          "permission denied to create temporary tables in database \"quizdeck\"");
    CHECK(refusal(as_me("CREATE SCHEMA mine")) == "permission denied for database quizdeck");
    CHECK(refusal(as_me("CREATE FUNCTION public.f() RETURNS int AS 'SELECT 1' LANGUAGE sql")) ==
          "permission denied for schema public");
    CHECK(refusal(as_me("CREATE ROLE mine")) == "permission denied to create role");
    CHECK(refusal(as_me("GRANT quizdeck_instructor TO CURRENT_USER")) ==
          "must have admin option on role \"quizdeck_instructor\"");
    CHECK(refusal(as_me("COPY quizdeck.sittings FROM PROGRAM 'true'"))
              .find("pg_execute_server_program") != std::string::npos);
    CHECK(refusal(as_me("SELECT * FROM pg_authid")) == "permission denied for table pg_authid");
  }
  // Only the class's roles may connect to its database: a login of the server's that is
  // in neither is refused. (The server's other databases are its administrator's to lock:
  // PostgreSQL lets every role connect to a database unless told otherwise.)
  REQUIRE(server
              ->psql("CREATE ROLE outsider LOGIN PASSWORD 'outsider-secret'",
                     PostgresServer::kSuperuser, PostgresServer::kSuperuserPassword)
              .exit_code == 0);
  const ProcessResult outsider = server->psql("SELECT 1", "outsider", "outsider-secret");
  CHECK(outsider.exit_code != 0);
  CHECK(outsider.err.find("permission denied for database \"quizdeck\"") != std::string::npos);
  // The instructor role reads everything and changes nothing.
  REQUIRE(server
              ->psql("CREATE ROLE teacher LOGIN PASSWORD 'teacher-secret' IN ROLE "
                     "quizdeck_instructor",
                     PostgresServer::kSuperuser, PostgresServer::kSuperuserPassword)
              .exit_code == 0);
  const auto as_teacher = [&](const std::string& sql) {
    return server->psql(sql, "teacher", "teacher-secret");
  };
  CHECK(as_teacher("SELECT count(*) FROM quizdeck.sittings").out == "3\n");
  CHECK(refusal(as_teacher("DELETE FROM quizdeck.sittings")) ==
        "permission denied for table sittings");
  CHECK(refusal(as_teacher("INSERT INTO quizdeck.sittings (id, started_ms, record) VALUES "
                           "(gen_random_uuid(), 0, '{}')")) ==
        "permission denied for table sittings");
  // Names with control characters are refused before anything is sent.
  const ProcessResult escape =
      quizdeck({"class", "add-learner", "ann\x1b[31m", server->superuser_url()});
  CHECK(escape.exit_code == 2);
  CHECK(escape.err == "quizdeck: error: the learner name 'ann^[[31m' holds a control character\n");
  // Removing a learner: they can no longer log in; their rows stay.
  const ProcessResult removed =
      quizdeck({"class", "remove-learner", sql_name, server->superuser_url()});
  CHECK(removed.exit_code == 0);
  CHECK(removed.out ==
        "Learner '" + sql_name + "' removed: they can no longer log in; what they pushed stays.\n");
  CHECK(server->psql("SELECT 1", sql_name, learners[2].password).exit_code != 0);
  CHECK(as_superuser("SELECT count(*) FROM quizdeck.sittings") == "3\n");
  const ProcessResult not_one =
      quizdeck({"class", "remove-learner", "teacher", server->superuser_url()});
  CHECK(not_one.exit_code == 2);
  CHECK(not_one.err == "quizdeck: error: 'teacher' is not a learner of this class\n");
  std::error_code error;
  fs::remove_all(dir, error);
}

}  // namespace quizdeck::test
