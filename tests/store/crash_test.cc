// SPDX-License-Identifier: MIT
// Durability and concurrency with real processes: a writer killed with SIGKILL in the middle
// of a burst of commits loses nothing it acknowledged; two writers at once both succeed;
// a store held by another writer past the timeout gets a clear "in use" error.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

#include "store/store.h"
#include "support/process.h"

namespace quizdeck::store {
namespace {

namespace fs = std::filesystem;

std::string setup_store(const fs::path& dir) {
  const std::string file = (dir / "s.db").string();
  const std::string script = (dir / "deck.jsonl").string();
  test::write_text_file(
      script,
      "{\"op\":\"deck\",\"id\":\"d\",\"title\":\"D\",\"path\":\"d.yaml\","
      "\"now\":\"2026-01-01T08:00:00Z\",\"cards\":[[\"a\",\"A?\"],[\"b\",\"B?\"]]}\n");
  const auto result = test::run_process({QUIZDECK_STORE_WRITER, file, "script", script});
  REQUIRE(result.exit_code == 0);
  return file;
}

// Starts a writer; returns its pid and a stream of its standard output.
pid_t start_writer(const std::vector<std::string>& args, FILE** out) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], 1);
    ::close(pipe_fds[0]);
    std::vector<char*> argv;
    std::vector<std::string> copy = args;
    for (auto& arg : copy) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  *out = ::fdopen(pipe_fds[0], "r");
  return pid;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("quizdeck-crash-test-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("a writer killed with SIGKILL mid-burst loses no acknowledged review") {
  TempDir dir;
  const std::string file = setup_store(dir.path);
  FILE* out = nullptr;
  const pid_t pid = start_writer({QUIZDECK_STORE_WRITER, file, "burst", "d", "a", "100000"}, &out);
  std::set<std::int64_t> acknowledged;
  char line[64];
  while (acknowledged.size() < 300 && std::fgets(line, sizeof line, out) != nullptr) {
    long long id = 0;
    if (std::sscanf(line, "ack %lld", &id) == 1) acknowledged.insert(id);
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::fclose(out);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(acknowledged.size() == 300);

  Store store = Store::open(file);
  CHECK(store.integrity_check() == std::vector<std::string>{"ok"});
  CHECK(store.consistency_check().empty());
  std::set<std::int64_t> stored;
  for (const auto& review : store.reviews({})) stored.insert(review.id);
  for (const std::int64_t id : acknowledged) CHECK(stored.contains(id));
  CHECK(stored.size() >= acknowledged.size());
  MESSAGE(acknowledged.size(), " acknowledged, ", stored.size(), " stored after SIGKILL");
}

TEST_CASE("two writers on one store both succeed and lose nothing") {
  TempDir dir;
  const std::string file = setup_store(dir.path);
  FILE* out_a = nullptr;
  FILE* out_b = nullptr;
  const pid_t a = start_writer({QUIZDECK_STORE_WRITER, file, "burst", "d", "a", "400"}, &out_a);
  const pid_t b = start_writer({QUIZDECK_STORE_WRITER, file, "burst", "d", "b", "400"}, &out_b);
  int acks = 0;
  char line[64];
  while (std::fgets(line, sizeof line, out_a) != nullptr) acks += line[0] == 'a';
  while (std::fgets(line, sizeof line, out_b) != nullptr) acks += line[0] == 'a';
  int status_a = 0;
  int status_b = 0;
  ::waitpid(a, &status_a, 0);
  ::waitpid(b, &status_b, 0);
  std::fclose(out_a);
  std::fclose(out_b);
  CHECK(WIFEXITED(status_a));
  CHECK(WEXITSTATUS(status_a) == 0);
  CHECK(WIFEXITED(status_b));
  CHECK(WEXITSTATUS(status_b) == 0);
  CHECK(acks == 800);
  Store store = Store::open(file);
  CHECK(store.review_count() == 800);
  CHECK(store.card("d", "a")->reps == 400);
  CHECK(store.card("d", "b")->reps == 400);
  CHECK(store.consistency_check().empty());
}

TEST_CASE("a store held by another writer past the timeout is 'in use', not a crash") {
  TempDir dir;
  const std::string file = setup_store(dir.path);
  Database holder(file, SQLITE_OPEN_READWRITE);
  holder.exec("BEGIN IMMEDIATE; UPDATE decks SET title = 'held';");
  const auto result = test::run_process(
      {test::quizdeck_binary(), "--store", file, "reset", "d", "--yes"},
      {.cwd = "", .stdin_text = "", .env = {{"QUIZDECK_BUSY_TIMEOUT_MS", "200"}}});
  holder.exec("ROLLBACK");
  CHECK(result.err ==
        "quizdeck: error: the store is in use by another quizdeck process; try again when it is "
        "done\n");
  CHECK(result.exit_code == 3);
}

}  // namespace quizdeck::store
