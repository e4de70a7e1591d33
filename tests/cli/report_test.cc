// SPDX-License-Identifier: MIT
// The HTML report, written by the real binary after a drill and an exam: self-contained
// (no scripts, no external resources) with every chart present.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <string>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

TEST_CASE("report writes one self-contained HTML file with its charts") {
  const fs::path dir =
      fs::temp_directory_path() / ("quizdeck-report-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string deck = source_dir() + "/tests/golden/stats/stats-utf8/deck.yaml";
  const std::string store = (dir / "s.db").string();
  ProcessOptions options;
  options.cwd = dir.string();
  options.env = {{"TZ", "UTC"}, {"NO_COLOR", "1"}};
  options.stdin_text = "ok\nok\nok\nok\nok\nok\n";
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {quizdeck_binary(), "--store", store});
    return run_process(args, options);
  };
  REQUIRE(run({"drill", deck, "--now", "2026-10-30T09:00:00Z", "--seed", "1"}).exit_code == 0);
  REQUIRE(run({"exam", deck, "--now", "2026-10-31T09:00:00Z", "--seed", "2"}).exit_code == 0);
  const auto result = run({"report", deck, "--now", "2026-11-01T09:00:00Z", "-o", "out.html"});
  REQUIRE(result.exit_code == 0);
  const std::string html = read_text_file((dir / "out.html").string());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  for (const char* id : {"forecast-chart", "heatmap-chart", "exam-trend", "tags"}) {
    INFO("element ", id);
    CHECK(html.find(std::string("id=\"") + id + "\"") != std::string::npos);
  }
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);

  // A directory that does not exist: an I/O error, exit 3.
  const auto bad =
      run({"report", deck, "--now", "2026-11-01T09:00:00Z", "-o", "no/such/dir/r.html"});
  CHECK(bad.exit_code == 3);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quizdeck::test
