// SPDX-License-Identifier: MIT
// Results files read on a second thread (cli/files/results_stream.h): every record of
// every file in order, across many batches; the first error, with its file and line,
// ends the reading and nothing after it is taken; an error of the taker stops it too.
#include "cli/files/results_stream.h"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/tmux.h"  // TestDir

namespace quizdeck::cli {
namespace {

// One learner's file: a header, then `answers` answers numbered from 0.
std::string write_learner(const std::filesystem::path& dir, int learner, int answers,
                          int bad_line = 0) {
  const std::string path = (dir / fmt::format("learner{:03}.jsonl", learner)).string();
  std::ofstream out(path);
  out << fmt::format(
      R"({{"type":"results","format":"quizdeck-results","version":1,"learner":"l{}",)"
      R"("exported":"2026-02-01T00:00:00Z"}})"
      "\n",
      learner);
  for (int a = 0; a < answers; ++a) {
    if (a + 2 == bad_line) {
      out << "{not json\n";
      continue;
    }
    out << fmt::format(R"({{"type":"answer","mode":"drill","deck":"bank","card":"c{}","time":)"
                       R"("2026-01-10T09:00:00Z","correct":true}})"
                       "\n",
                       a);
  }
  return path;
}

struct Taken {
  std::vector<std::string> events;
  ResultsFileSink sink;
  Taken() {
    sink.header = [this](const std::string& path, const analysis::ResultsHeader& h) {
      events.push_back("header " + h.learner.value_or("?") + " " + path);
    };
    sink.record = [this](analysis::ResultsRecord& record) {
      events.push_back(std::get<analysis::Answer>(record).card);
    };
    sink.end = [this](const std::string&,
                      const analysis::ResultsHeader& h) -> core::Expected<void> {
      events.push_back("end " + h.learner.value_or("?"));
      return {};
    };
  }
};

TEST_CASE("results stream: every record of every file, in order, across batches") {
  test::TestDir dir;
  std::vector<std::string> paths;
  std::vector<std::string> expected;
  for (int learner = 0; learner < 12; ++learner) {
    const int answers = learner * 400;  // 0 to 4,400 a file: batches of 1,024 and across files
    paths.push_back(write_learner(dir.path, learner, answers));
    expected.push_back(fmt::format("header l{} {}", learner, paths.back()));
    for (int a = 0; a < answers; ++a) expected.push_back(fmt::format("c{}", a));
    expected.push_back(fmt::format("end l{}", learner));
  }
  Taken taken;
  REQUIRE(read_results_files(paths, taken.sink));
  CHECK(taken.events == expected);
  CHECK(read_results_files({}, taken.sink));
}

TEST_CASE("results stream: the first error ends the reading, with its file and line") {
  test::TestDir dir;
  std::vector<std::string> paths;
  for (int learner = 0; learner < 6; ++learner) {
    paths.push_back(write_learner(dir.path, learner, 3000, learner == 3 ? 2500 : 0));
  }
  Taken taken;
  const auto read = read_results_files(paths, taken.sink);
  REQUIRE_FALSE(read);
  CHECK(read.error().diagnostic.file.find("learner003.jsonl") != std::string::npos);
  CHECK(read.error().message().find("line 2500") != std::string::npos);
  // Files 0 to 2 whole, and file 3 up to its bad line; nothing of files 4 and 5.
  CHECK(taken.events.size() == 3 * 3002 + 1 + 2498);
  CHECK(taken.events.back() == "c2497");
}

TEST_CASE("results stream: an error of the taker stops the reading") {
  test::TestDir dir;
  std::vector<std::string> paths;
  for (int learner = 0; learner < 40; ++learner)
    paths.push_back(write_learner(dir.path, learner, 500));
  Taken taken;
  int ended = 0;
  taken.sink.end = [&](const std::string&, const analysis::ResultsHeader&) -> core::Expected<void> {
    if (++ended == 2) return core::fail(ExitCode::kInvalidInput, "enough");
    return {};
  };
  const auto read = read_results_files(paths, taken.sink);
  REQUIRE_FALSE(read);
  CHECK(read.error().message() == "enough");
  CHECK(taken.events.size() == 2 * 501);  // headers and answers of the first two files
}

}  // namespace
}  // namespace quizdeck::cli
