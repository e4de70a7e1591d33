// SPDX-License-Identifier: MIT
// Drill towards an exam date, end to end: intervals end the day before the exam, new
// cards are paced to be in before its last days, and after the exam nothing changes.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct Place {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-exam-date-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(std::rand()));
  fs::path fixtures = fs::path(golden_dir()) / "stats" / "_fixtures";
  Place() {
    fs::create_directories(dir);
    fs::copy_file(fixtures / "deck.yaml", dir / "deck.yaml");
  }
  ~Place() { fs::remove_all(dir); }
  ProcessResult run(std::vector<std::string> args, const std::string& input = "") const {
    std::vector<std::string> argv{quizdeck_binary(), "--store", "s.db"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.cwd = dir.string();
    options.env["TZ"] = "UTC";
    options.stdin_text = input;
    return run_process(argv, options);
  }
  std::string yes() const { return read_text_file((fixtures / "yes.txt").string()); }
  // The due times `cards --json` reports, in card order.
  std::vector<std::string> dues() const {
    const auto listed = run({"cards", "deck.yaml", "--json"});
    std::vector<std::string> out;
    for (std::size_t at = 0; (at = listed.out.find("\"due\":\"", at)) != std::string::npos;) {
      at += 7;
      out.push_back(listed.out.substr(at, 24));
    }
    return out;
  }
};

}  // namespace

TEST_CASE("drill with an exam date: no interval reaches past the day before the exam") {
  Place plain;
  Place exam;
  for (const Place* p : {&plain, &exam}) {
    REQUIRE(p->run({"drill", "deck.yaml", "--now", "2026-12-01T09:00:00Z", "--seed", "1"}, p->yes())
                .exit_code == 0);
  }
  REQUIRE(exam.run({"config", "--deck", "sample", "exam-date", "2026-12-06"}).exit_code == 0);
  for (const Place* p : {&plain, &exam}) {
    REQUIRE(p->run({"drill", "deck.yaml", "--now", "2026-12-03T09:00:00Z", "--seed", "2"}, p->yes())
                .exit_code == 0);
  }
  const auto plain_dues = plain.dues();
  const auto exam_dues = exam.dues();
  REQUIRE(exam_dues.size() == plain_dues.size());
  bool any_later = false;
  for (std::size_t i = 0; i < exam_dues.size(); ++i) {
    INFO("card ", i, ": ", exam_dues[i], " (plain ", plain_dues[i], ")");
    // The day before the exam starts at 04:00 (day-start 4).
    CHECK(exam_dues[i] <= "2026-12-05T04:00:00.000Z");
    any_later = any_later || plain_dues[i] > "2026-12-05T04:00:00.000Z";
  }
  CHECK(any_later);  // without the exam date some interval goes past it
}

TEST_CASE("drill with an exam date: new cards are paced to be in by the deadline") {
  const Place place;
  REQUIRE(place.run({"config", "new-per-day", "1"}).exit_code == 0);
  const auto drill = [&](const std::string& exam_date) {
    std::vector<std::string> args{"drill", "deck.yaml", "--now", "2026-12-01T09:00:00Z", "--json"};
    if (!exam_date.empty()) {
      args.push_back("--exam-date");
      args.push_back(exam_date);
    }
    const auto run = place.run(args);
    const auto at = run.out.find("\"total\":");
    return at == std::string::npos ? -1 : std::atoi(run.out.c_str() + at + 8);
  };
  CHECK(drill("") == 1);
  // Exam in 6 days: every new card in by 3 days before it, so 3 days for the deck's cards.
  const auto cards = place.run({"cards", "deck.yaml", "--json"}).out;
  std::size_t count = 0;
  for (std::size_t at = 0; (at = cards.find("\"id\":\"c", at)) != std::string::npos; ++at) {
    ++count;
  }
  CHECK(drill("2026-12-07") == static_cast<int>((count + 2) / 3));
  CHECK(drill("2026-12-01") == 1);  // the exam is today: as usual
  const auto bad = place.run({"drill", "deck.yaml", "--exam-date", "2026-02-30"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--exam-date takes a date such as 2026-12-20, not '2026-02-30'") !=
        std::string::npos);
}

}  // namespace quizdeck::test
