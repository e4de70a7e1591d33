// SPDX-License-Identifier: MIT
// The class database end to end, against a real PostgreSQL server (support/postgres.h):
// learners push their exam sittings (one offline first, one killed mid-push), and the
// instructor's analysis sees every sitting once; credentials never show.
#include <signal.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "classroom/connection.h"
#include "store/store.h"
#include "support/child.h"
#include "support/postgres.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct ClassDir {
  fs::path dir;
  ClassDir() {
    static int made = 0;
    dir = fs::temp_directory_path() /
          ("quizdeck-class-" + std::to_string(::getpid()) + "-" + std::to_string(made++));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(fs::path(golden_dir()) / "study" / "_fixtures" / "study.yaml",
                  dir / "study.yaml");
  }
  ~ClassDir() {
    std::error_code error;
    fs::remove_all(dir, error);
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
};

ProcessResult quizdeck(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::vector<std::string> argv = {quizdeck_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.stdin_text = stdin_text;
  options.env["TZ"] = "UTC";
  return run_process(argv, options);
}

// The address in the line `class add-learner` prints.
std::string pasted_url(const std::string& line) {
  const auto open = line.find('\'');
  const auto close = line.rfind('\'');
  REQUIRE(open != std::string::npos);
  REQUIRE(close > open);
  return line.substr(open + 1, close - open - 1);
}

std::string password_of(const std::string& url) {
  const auto colon = url.find(':', std::string("postgresql://").size());
  const auto at = url.find('@');
  REQUIRE(colon < at);
  return url.substr(colon + 1, at - colon - 1);
}

std::string add_learner(const PostgresServer& server, const std::string& name) {
  const ProcessResult added = quizdeck({"class", "add-learner", name, server.superuser_url()});
  REQUIRE_MESSAGE(added.exit_code == 0, added.err);
  CHECK(added.err.find(PostgresServer::kSuperuserPassword) == std::string::npos);
  CHECK(added.out.find(PostgresServer::kSuperuserPassword) == std::string::npos);
  CHECK(added.out.starts_with("quizdeck config class 'postgresql://"));
  return pasted_url(added.out);
}

// An exam of the study deck (seed 7: a recall card, true/false, select-all, a number).
ProcessResult sit_exam(const ClassDir& dir, const std::string& store, const std::string& answers,
                       const std::string& now) {
  return quizdeck(
      {"exam", dir.path("study.yaml"), "--store", dir.path(store), "--now", now, "--seed", "7"},
      answers);
}

std::string count(const PostgresServer& server, const std::string& sql) {
  const ProcessResult result =
      server.psql(sql, PostgresServer::kSuperuser, PostgresServer::kSuperuserPassword);
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  return result.out;
}

void init_class(const PostgresServer& server) {
  const ProcessResult init = quizdeck({"class", "init", server.superuser_url()});
  REQUIRE_MESSAGE(init.exit_code == 0, init.err);
  CHECK(init.out ==
        "Class database ready at postgresql://postgres:***@/quizdeck?host=" + server.socket_dir() +
            "&port=" + std::to_string(server.port()) +
            " (schema version 1).\nRoles: quizdeck_instructor reads every learner's results "
            "(grant it to the instructor's login); quizdeck_learner holds the learners.\n");
}

}  // namespace

TEST_CASE("class: three learners push their sittings and the instructor sees each once") {
  const auto server = PostgresServer::start();
  if (!server) return;
  ClassDir dir;
  init_class(*server);
  // A second init changes nothing.
  const ProcessResult again = quizdeck({"class", "init", server->superuser_url()});
  CHECK(again.exit_code == 0);
  CHECK(again.out.ends_with("is up to date (schema version 1).\n"));

  const std::string ann = add_learner(*server, "ann");
  const std::string ben = add_learner(*server, "ben");
  const std::string cat = add_learner(*server, "cat");
  // The learners' class as a setting: the password never shows.
  for (const auto& [store, url] : {std::pair{"ann.db", ann}, {"ben.db", ben}, {"cat.db", cat}}) {
    const ProcessResult set = quizdeck({"config", "class", url, "--store", dir.path(store)});
    REQUIRE_MESSAGE(set.exit_code == 0, set.err);
    CHECK(set.out.find(password_of(url)) == std::string::npos);
    CHECK(set.out.find(":***@") != std::string::npos);
  }

  // ann: online, two sittings, each pushed as it finishes.
  for (const auto& [answers, now] : {std::pair{"3\ntrue\nA,B\n3\n", "2026-01-01T09:00:00Z"},
                                     {"3\nfalse\nA,B,D\n4\n", "2026-01-02T09:00:00Z"}}) {
    const ProcessResult exam = sit_exam(dir, "ann.db", answers, now);
    CHECK(exam.exit_code == 0);
    CHECK(exam.err == "Pushed to the class at postgresql://ann:***@/quizdeck?host=" +
                          server->socket_dir() + "&port=" + std::to_string(server->port()) + ".\n");
  }
  CHECK(count(*server, "SELECT count(*) FROM quizdeck.sittings WHERE learner = 'ann'") == "2\n");

  // cat: offline at the end of the exam (the server is not where the address says); the
  // sitting waits, the exam ends as it would have, with one line said.
  const std::string elsewhere =
      "postgresql://cat@/quizdeck?host=" + dir.path("nowhere") + "&port=1";
  REQUIRE(quizdeck({"config", "class", elsewhere, "--store", dir.path("cat.db")}).exit_code == 0);
  const ProcessResult offline =
      sit_exam(dir, "cat.db", "4\nfalse\nA,B,D\n4\n", "2026-01-01T10:00:00Z");
  CHECK(offline.exit_code == 0);
  CHECK(offline.err.find("quizdeck: cannot connect to the class database "
                         "postgresql://cat@/quizdeck?host=") == 0);
  CHECK(offline.err.ends_with(
      "; 1 exam sitting waits in the queue (quizdeck class push sends it)\n"));
  CHECK(std::count(offline.err.begin(), offline.err.end(), '\n') == 1);
  const ProcessResult waiting = quizdeck({"class", "status", "--store", dir.path("cat.db")});
  CHECK(waiting.exit_code == 0);
  CHECK(waiting.out.find("Queued: 1 exam sitting\n  exam sitting 1 of study, ended "
                         "2026-01-01 10:00") != std::string::npos);
  // Back online: the push sends it.
  REQUIRE(quizdeck({"config", "class", cat, "--store", dir.path("cat.db")}).exit_code == 0);
  const ProcessResult pushed = quizdeck({"class", "push", "--store", dir.path("cat.db")});
  CHECK(pushed.exit_code == 0);
  CHECK(pushed.out == "Pushed 1 exam sitting to postgresql://cat:***@/quizdeck?host=" +
                          server->socket_dir() + "&port=" + std::to_string(server->port()) + ".\n");
  CHECK(pushed.out.find(password_of(cat)) == std::string::npos);
  const ProcessResult after = quizdeck({"class", "status", "--store", dir.path("cat.db")});
  CHECK(after.out.find("Queued: nothing\nPushed: 1 exam sitting\n") != std::string::npos);

  // ben: killed by SIGKILL in the middle of a push (the server holds the answers table,
  // so the push waits inside its transaction), then pushing again.
  const std::string ben_offline =
      "postgresql://ben@/quizdeck?host=" + dir.path("nowhere") + "&port=1";
  REQUIRE(quizdeck({"config", "class", ben_offline, "--store", dir.path("ben.db")}).exit_code == 0);
  // (below the pass mark: the exam's own exit status, 5, whatever the queue does)
  CHECK(sit_exam(dir, "ben.db", "2\ntrue\nC\n3\n", "2026-01-01T11:00:00Z").exit_code == 5);
  REQUIRE(quizdeck({"config", "class", ben, "--store", dir.path("ben.db")}).exit_code == 0);
  {
    auto lock = classroom::Connection::open(server->superuser_url());
    REQUIRE(lock);
    REQUIRE(lock->exec("BEGIN; LOCK TABLE quizdeck.answers IN ACCESS EXCLUSIVE MODE"));
    Child push({quizdeck_binary(), "class", "push", "--store", dir.path("ben.db")});
    auto watch = classroom::Connection::open(server->superuser_url());
    REQUIRE(watch);
    bool waits = false;
    for (int i = 0; i < 200 && !waits; ++i) {
      auto rows = watch->run(
          "SELECT 1 FROM pg_stat_activity WHERE usename = 'ben' AND wait_event_type = 'Lock'");
      REQUIRE(rows);
      waits = rows->size() > 0;
      if (!waits) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(waits);
    ::kill(push.pid(), SIGKILL);
    CHECK(push.wait() == 128 + SIGKILL);
    REQUIRE(lock->exec("ROLLBACK"));
  }
  CHECK(count(*server, "SELECT count(*) FROM quizdeck.sittings WHERE learner = 'ben'") == "0\n");
  CHECK(quizdeck({"class", "status", "--store", dir.path("ben.db")})
            .out.find("Queued: 1 exam sitting\n") != std::string::npos);
  const ProcessResult retried = quizdeck({"class", "push", "--store", dir.path("ben.db")});
  CHECK(retried.exit_code == 0);
  CHECK(retried.out.starts_with("Pushed 1 exam sitting to "));
  // Killed after the server committed but before the store noted it: the next push sends
  // the sitting again, and the server keeps one copy.
  {
    auto store = store::Store::open(dir.path("ben.db"));
    store.database().exec("UPDATE class_queue SET pushed_ms = NULL");
  }
  const ProcessResult repeated = quizdeck({"class", "push", "--store", dir.path("ben.db")});
  CHECK(repeated.exit_code == 0);
  CHECK(count(*server, "SELECT count(*) FROM quizdeck.sittings WHERE learner = 'ben'") == "1\n");
  CHECK(count(*server, "SELECT count(*) FROM quizdeck.answers WHERE learner = 'ben'") == "4\n");
  CHECK(count(*server,
              "SELECT learner, count(*) FROM quizdeck.sittings GROUP BY learner ORDER "
              "BY learner") == "ann|2\nben|1\ncat|1\n");

  // The instructor's analysis of the class database is the analysis of the learners'
  // results files: every sitting, once.
  std::vector<std::string> files;
  for (const std::string learner : {"ann", "ben", "cat"}) {
    const std::string file = dir.path(learner + ".jsonl");
    const ProcessResult exported =
        quizdeck({"results", "--store", dir.path(learner + ".db"), "--learner", learner, "-o", file,
                  "--now", "2026-01-03T00:00:00Z"});
    REQUIRE_MESSAGE(exported.exit_code == 0, exported.err);
    files.push_back(file);
  }
  std::vector<std::string> from_files_args = {"analyze", dir.path("study.yaml"), "--json"};
  from_files_args.insert(from_files_args.end(), files.begin(), files.end());
  const ProcessResult from_files = quizdeck(from_files_args);
  REQUIRE_MESSAGE(from_files.exit_code == 0, from_files.err);
  REQUIRE(server
              ->psql("CREATE ROLE teacher LOGIN PASSWORD 'teacher-secret' IN ROLE "
                     "quizdeck_instructor",
                     PostgresServer::kSuperuser, PostgresServer::kSuperuserPassword)
              .exit_code == 0);
  const ProcessResult from_class = quizdeck({"analyze", dir.path("study.yaml"), "--json", "--class",
                                             server->url("teacher", "teacher-secret")});
  REQUIRE_MESSAGE(from_class.exit_code == 0, from_class.err);
  CHECK(from_class.err.empty());
  CHECK(from_class.out == from_files.out);
  CHECK(from_class.out.find("\"learners\":3") != std::string::npos);
  CHECK(from_class.out.find("\"sittings\":4") != std::string::npos);
  // The text report too, and files alongside the class count twice (they are the same
  // answers): the class is read as well as the files, not instead.
  std::vector<std::string> both = {"analyze", dir.path("study.yaml"), "--class",
                                   server->url("teacher", "teacher-secret")};
  both.insert(both.end(), files.begin(), files.end());
  const ProcessResult twice = quizdeck(both);
  CHECK(twice.exit_code == 0);
  CHECK(
      twice.out.starts_with("Item analysis of Study (study): 6 learners, 32 answers, 8 exam "
                            "sittings.\n"));
  CHECK(twice.err.find("teacher-secret") == std::string::npos);

  // The gradebook of the class database is the gradebook of the same learners' files.
  std::vector<std::string> grades_args = {"grades", dir.path("study.yaml"), "--json", "--attempt",
                                          "all"};
  grades_args.insert(grades_args.end(), files.begin(), files.end());
  const ProcessResult grades_files = quizdeck(grades_args);
  REQUIRE_MESSAGE(grades_files.exit_code == 0, grades_files.err);
  const ProcessResult grades_class =
      quizdeck({"grades", dir.path("study.yaml"), "--json", "--attempt", "all", "--class",
                server->url("teacher", "teacher-secret")});
  REQUIRE_MESSAGE(grades_class.exit_code == 0, grades_class.err);
  CHECK(grades_class.out == grades_files.out);
  CHECK(grades_class.out.find("\"ann\"") != std::string::npos);
  CHECK(grades_class.out.find("teacher-secret") == std::string::npos);
}

TEST_CASE("class: addresses are checked before use and passwords never shown") {
  const auto server = PostgresServer::start();
  if (!server) return;
  ClassDir dir;
  // Not initialised yet: the learner commands say what to do first.
  const ProcessResult early = quizdeck({"class", "add-learner", "ann", server->superuser_url()});
  CHECK(early.exit_code == 2);
  CHECK(early.err ==
        "quizdeck: error: the database is not a class database yet: run `quizdeck class init "
        "URL` first\n");
  // A wrong password: refused, the password masked in the message.
  const ProcessResult wrong =
      quizdeck({"class", "init", server->url("postgres", "not-the-password")});
  CHECK(wrong.exit_code == 3);
  CHECK(wrong.err.find("not-the-password") == std::string::npos);
  CHECK(wrong.err.find("quizdeck: error: cannot connect to the class database "
                       "postgresql://postgres:***@/quizdeck?host=") == 0);
  CHECK(wrong.err.find("password authentication failed for user \"postgres\"") !=
        std::string::npos);
  // Not an address at all.
  const ProcessResult bad = quizdeck({"class", "init", "postgresql://ann:s3cret@host:notaport/x"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("s3cret") == std::string::npos);
  const ProcessResult bad_config =
      quizdeck({"config", "class", "mysql://x", "--store", dir.path("s.db")});
  CHECK(bad_config.exit_code == 2);
  CHECK(
      bad_config.err.starts_with("quizdeck: error: the class address is not a PostgreSQL "
                                 "connection string (postgresql://...): "));
  const ProcessResult per_deck = quizdeck(
      {"config", "class", server->superuser_url(), "--deck", "study", "--store", dir.path("s.db")});
  CHECK(per_deck.exit_code == 2);
  CHECK(per_deck.err ==
        "quizdeck: error: 'class' is a setting of the whole store, not of a deck\n");
  // Push without a class.
  REQUIRE(sit_exam(dir, "s.db", "3\ntrue\nA,B\n3\n", "2026-01-01T09:00:00Z").exit_code == 0);
  const ProcessResult no_class = quizdeck({"class", "push", "--store", dir.path("s.db")});
  CHECK(no_class.exit_code == 2);
  CHECK(no_class.err ==
        "quizdeck: error: no class is set: paste the line your instructor gave you (quizdeck "
        "config class postgresql://...)\n");
  // The class setting, listed with everything else, is masked too.
  REQUIRE(quizdeck({"config", "class", server->superuser_url(), "--store", dir.path("s.db")})
              .exit_code == 0);
  const ProcessResult listed = quizdeck({"config", "--store", dir.path("s.db")});
  CHECK(listed.out.find("class = postgresql://postgres:***@/quizdeck?host=") != std::string::npos);
  CHECK(listed.out.find(PostgresServer::kSuperuserPassword) == std::string::npos);
  const ProcessResult status = quizdeck({"class", "status", "--store", dir.path("s.db")});
  CHECK(status.out.find(PostgresServer::kSuperuserPassword) == std::string::npos);
  // The store holds the address as configured, nothing else of it.
  CHECK(count(*server, "SELECT 1") == "1\n");
}

}  // namespace quizdeck::test
