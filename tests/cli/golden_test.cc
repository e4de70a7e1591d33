// SPDX-License-Identifier: MIT
// Golden CLI tests. Each folder under tests/golden/<group>/<case>/ holds:
//   args      the arguments, one per line (the binary is prepended)
//   stdin     optional standard input
//   setup     optional commands run first, one per line, words split on spaces, an
//             optional "< FILE" last; `store_writer` and `quizdeck` name the binaries
//   unchanged optional file names that must keep every byte through the run
//   absent    optional file names that must not exist after the run
//   stdout, stderr, exit   what quizdeck must print and return (missing: empty, 0)
// plus any input files. Each case runs in a fresh copy of its folder (so stores it makes
// or changes never touch the source tree), with TZ=UTC and no colour.
// QUIZDECK_UPDATE_GOLDEN=1 rewrites the expectations from the actual output (review the
// diff before committing it).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>

#include <unistd.h>
#include <string>
#include <vector>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::vector<fs::path> cases_in(const fs::path& group) {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(group)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

void run_group(const std::string& group) {
  const std::string root = golden_dir();
  const bool update = std::getenv("QUIZDECK_UPDATE_GOLDEN") != nullptr;
  const auto cases = cases_in(fs::path(root) / group);
  REQUIRE(!cases.empty());
  for (const auto& dir : cases) {
    const fs::path work =
        fs::temp_directory_path() / ("quizdeck-golden-" + std::to_string(::getpid()));
    fs::remove_all(work);
    fs::copy(dir, work, fs::copy_options::recursive);
    std::map<std::string, std::string> env{{"NO_COLOR", "1"},
                                           {"COLUMNS", "80"},
                                           {"TZ", "UTC"},
                                           {"LC_ALL", "C.UTF-8"},
                                           {"QUIZDECK_STORE", (work / "default.db").string()},
                                           {"QUIZDECK_NOW", ""}};
    // "env": NAME=VALUE lines that change the environment of the case.
    for (const auto& line : split_lines(read_text_file((dir / "env").string()))) {
      const auto equals = line.find('=');
      if (equals != std::string::npos) env[line.substr(0, equals)] = line.substr(equals + 1);
    }
    for (const auto& line : split_lines(read_text_file((dir / "setup").string()))) {
      std::vector<std::string> words;
      std::size_t start = 0;
      while (start < line.size()) {
        const std::size_t end = std::min(line.find(' ', start), line.size());
        if (end > start) words.push_back(line.substr(start, end - start));
        start = end + 1;
      }
      if (words.empty()) continue;
      ProcessOptions setup;
      // "< FILE" at the end gives the command that file as its standard input.
      if (words.size() >= 2 && words[words.size() - 2] == "<") {
        setup.stdin_text = read_text_file((work / words.back()).string());
        words.resize(words.size() - 2);
      }
      if (words[0] == "store_writer") words[0] = QUIZDECK_STORE_WRITER;
      if (words[0] == "quizdeck") words[0] = quizdeck_binary();
      setup.cwd = work.string();
      setup.env = env;
      const ProcessResult result = run_process(words, setup);
      INFO("setup of ", dir.string(), ": ", line, "\n", result.err);
      REQUIRE(result.exit_code == 0);
    }
    std::map<std::string, std::string> kept;
    for (const auto& name : split_lines(read_text_file((dir / "unchanged").string()))) {
      kept[name] = read_text_file((work / name).string());
    }
    std::vector<std::string> argv{quizdeck_binary()};
    for (const auto& arg : split_lines(read_text_file((dir / "args").string())))
      argv.push_back(arg);
    ProcessOptions options;
    options.cwd = work.string();
    options.stdin_text = read_text_file((dir / "stdin").string());
    options.env = env;
    const ProcessResult result = run_process(argv, options);
    for (const auto& name : split_lines(read_text_file((dir / "absent").string()))) {
      INFO("golden case: ", dir.string(), ", file ", name);
      CHECK_FALSE(fs::exists(work / name));
    }
    for (const auto& [name, bytes] : kept) {
      INFO("golden case: ", dir.string(), ", file ", name);
      CHECK(read_text_file((work / name).string()) == bytes);
    }
    fs::remove_all(work);
    const std::string exit_text = std::to_string(result.exit_code) + "\n";
    if (update) {
      auto save = [&](const char* name, const std::string& text, bool keep_empty) {
        const fs::path path = dir / name;
        if (text.empty() && !keep_empty) {
          fs::remove(path);
        } else {
          write_text_file(path.string(), text);
        }
      };
      save("stdout", result.out, false);
      save("stderr", result.err, false);
      save("exit", result.exit_code == 0 ? std::string() : exit_text, false);
      continue;
    }
    INFO("golden case: ", dir.string());
    CHECK(result.out == read_text_file((dir / "stdout").string()));
    CHECK(result.err == read_text_file((dir / "stderr").string()));
    const std::string expected_exit = read_text_file((dir / "exit").string());
    CHECK(exit_text == (expected_exit.empty() ? std::string("0\n") : expected_exit));
  }
}

TEST_CASE("golden: check") {
  run_group("check");
}
TEST_CASE("golden: cli") {
  run_group("cli");
}
TEST_CASE("golden: cards") {
  run_group("cards");
}
TEST_CASE("golden: fsrs") {
  run_group("fsrs");
}
TEST_CASE("golden: store") {
  run_group("store");
}
TEST_CASE("golden: study") {
  run_group("study");
}

TEST_CASE("golden: stats") {
  run_group("stats");
}

}  // namespace
}  // namespace quizdeck::test
