// SPDX-License-Identifier: MIT
// A scripted drill killed with SIGKILL after k result lines leaves exactly those k
// reviews in the store: a result is printed only once its answer is durable.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "store/store.h"
#include "support/process.h"

namespace quizdeck::session {

TEST_CASE("a drill killed after k results has exactly k reviews") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("quizdeck-kill-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string store_file = (dir / "s.db").string();
  const std::string deck = test::source_dir() + "/decks/world-capitals.yaml";
  for (const int k : {1, 4, 7}) {
    fs::remove(store_file);
    int to_child[2];
    int from_child[2];
    REQUIRE(::pipe(to_child) == 0);
    REQUIRE(::pipe(from_child) == 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::close(to_child[1]);
      ::close(from_child[0]);
      const std::string bin = test::quizdeck_binary();
      ::execl(bin.c_str(), bin.c_str(), "drill", deck.c_str(), "--store", store_file.c_str(),
              "--json", "--seed", "5", "--now", "2026-03-01T10:00:00Z", nullptr);
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    FILE* events = ::fdopen(from_child[0], "r");
    int results = 0;
    int tries = 0;  // answers given to the current question
    char line[8192];
    while (results < k && std::fgets(line, sizeof line, events) != nullptr) {
      const std::string event = line;
      // Any answer will do, a wrong one is recorded as surely as a right one; "x" is no
      // answer to every card type, so "1" and "t" follow when it is refused.
      static const char* const kAnswers[] = {"x\n", "1\n", "t\n"};
      if (event.find("\"event\":\"question\"") != std::string::npos) {
        tries = 0;
        REQUIRE(::write(to_child[1], kAnswers[tries], 2) == 2);
      } else if (event.find("\"event\":\"result\"") != std::string::npos) {
        ++results;
      } else if (event.find("\"event\":\"invalid\"") != std::string::npos) {
        REQUIRE(++tries < 3);
        REQUIRE(::write(to_child[1], kAnswers[tries], 2) == 2);
      }
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::fclose(events);
    ::close(to_child[1]);
    REQUIRE(results == k);
    store::Store store = store::Store::open(store_file);
    CHECK(store.review_count() == k);
    CHECK(store.integrity_check() == std::vector<std::string>{"ok"});
    CHECK(store.consistency_check().empty());
  }
  fs::remove_all(dir);
}

}  // namespace quizdeck::session
