// SPDX-License-Identifier: MIT
// Several quizdeck processes on one store at once, as a learner with two terminals (or a
// script and a terminal) would run them: drills on the same deck and on different decks,
// answering as questions arrive, while stats, status, history and report read. Afterwards
// the store is sound and consistent, and every answer that was acknowledged is in it. And
// the first use of a store by several processes at once: each of them works.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "support/child.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNow = "2026-03-01T09:00:00Z";

struct Dir {
  fs::path path =
      fs::temp_directory_path() /
      ("quizdeck-concurrency-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  Dir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// A deck of true statements: "true" is always the right answer.
void write_deck(const std::string& path, const std::string& id, int cards) {
  std::string text = "title: " + id + "\nid: " + id + "\ncards:\n";
  for (int i = 0; i < cards; ++i) {
    text += "  - id: c" + std::to_string(i) + "\n    question: Statement " + std::to_string(i) +
            " of " + id + " holds.\n    answer: true\n";
  }
  write_text_file(path, text);
}

struct Drill {
  int exit_code = -1;
  int results = 0;  // answers acknowledged with a result event
  std::string err;
};

// A scripted drill answering every question as it arrives, until the session ends.
Drill drill(const Dir& dir, const std::vector<std::string>& decks, int seed) {
  std::vector<std::string> argv{quizdeck_binary(), "--store", dir.file("s.db"), "drill"};
  argv.insert(argv.end(), decks.begin(), decks.end());
  argv.insert(argv.end(), {"--json", "--now", kNow, "--seed", std::to_string(seed)});
  const std::string err_path = dir.file("drill-" + std::to_string(seed) + ".err");
  Drill out;
  {
    Child child(argv, err_path);
    while (const auto line = child.read_line()) {
      if (line->find("\"event\":\"question\"") != std::string::npos) {
        child.write_line("true");
      } else if (line->find("\"event\":\"result\"") != std::string::npos) {
        ++out.results;
      }
    }
    out.exit_code = child.wait();
  }
  out.err = read_text_file(err_path);
  return out;
}

// Runs the readers in a loop until told to stop; counts the runs that failed.
void read_until(const Dir& dir, const std::atomic<bool>& stop, std::atomic<int>& failures,
                std::string& failure) {
  const std::string store = dir.file("s.db");
  const std::vector<std::vector<std::string>> readers{
      {quizdeck_binary(), "--store", store, "stats", "--now", kNow},
      {quizdeck_binary(), "--store", store, "status", "--now", kNow},
      {quizdeck_binary(), "--store", store, "history"},
      {quizdeck_binary(), "--store", store, "report", "--now", kNow, "-o",
       dir.file("report.html")}};
  while (!stop) {
    for (const auto& argv : readers) {
      const auto result = run_process(argv);
      // No store or no decks yet is an answer too at the very start.
      const bool ok = result.exit_code == 0 || result.exit_code == 6 ||
                      result.err.find("yet") != std::string::npos;
      if (!ok) {
        ++failures;
        failure = argv[3] + " exited " + std::to_string(result.exit_code) + ": " + result.err;
      }
    }
  }
}

std::string store_check(const Dir& dir) {
  const auto result =
      run_process({quizdeck_binary(), "--store", dir.file("s.db"), "store", "check"});
  return result.out + result.err;
}

std::int64_t review_count(const Dir& dir) {
  const auto result =
      run_process({quizdeck_binary(), "--store", dir.file("s.db"), "history", "--csv"});
  std::int64_t lines = 0;
  for (const char c : result.out) lines += c == '\n' ? 1 : 0;
  return lines - 1;  // the header
}

void sessions_at_once(int processes) {
  Dir dir;
  write_deck(dir.file("a.yaml"), "a", 24);
  write_deck(dir.file("b.yaml"), "b", 24);
  std::atomic<bool> stop{false};
  std::atomic<int> reader_failures{0};
  std::string reader_failure;
  std::thread readers(read_until, std::cref(dir), std::cref(stop), std::ref(reader_failures),
                      std::ref(reader_failure));
  std::vector<Drill> drills(static_cast<std::size_t>(processes));
  std::vector<std::thread> threads;
  for (int i = 0; i < processes; ++i) {
    // Most on the same deck, one on another, one on both.
    std::vector<std::string> decks{dir.file("a.yaml")};
    if (i == 1) decks = {dir.file("b.yaml")};
    if (i == 3) decks = {dir.file("a.yaml"), dir.file("b.yaml")};
    threads.emplace_back(
        [&, i, decks] { drills[static_cast<std::size_t>(i)] = drill(dir, decks, i); });
  }
  for (auto& thread : threads) thread.join();
  stop = true;
  readers.join();
  int results = 0;
  for (const auto& d : drills) {
    INFO("drill stderr: ", d.err);
    CHECK(d.exit_code == 0);
    results += d.results;
  }
  CHECK(results > 0);
  INFO("a reader: ", reader_failure);
  CHECK(reader_failures == 0);
  const std::string check = store_check(dir);
  CHECK(check.find("integrity: ok\n") != std::string::npos);
  CHECK(check.find("consistency: ok") != std::string::npos);
  CHECK(review_count(dir) == results);  // every acknowledged answer, and no other
}

}  // namespace

TEST_CASE("concurrency: 2 drills at once on one store stay consistent, every answer kept") {
  for (int round = 0; round < 3; ++round) sessions_at_once(2);
}

TEST_CASE("concurrency: 4 drills at once (same and different decks) with readers") {
  for (int round = 0; round < 2; ++round) sessions_at_once(4);
}

TEST_CASE("concurrency: the first use of a store by several processes at once") {
  for (const int processes : {2, 4, 8}) {
    Dir dir;
    write_deck(dir.file("a.yaml"), "a", 3);
    std::vector<Drill> drills(static_cast<std::size_t>(processes));
    std::vector<std::thread> threads;
    for (int i = 0; i < processes; ++i) {
      threads.emplace_back(
          [&, i] { drills[static_cast<std::size_t>(i)] = drill(dir, {dir.file("a.yaml")}, i); });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& d : drills) {
      INFO(processes, " processes; stderr: ", d.err);
      CHECK(d.exit_code == 0);
    }
    const std::string check = store_check(dir);
    CHECK(check.find("consistency: ok") != std::string::npos);
  }
}

}  // namespace quizdeck::test
