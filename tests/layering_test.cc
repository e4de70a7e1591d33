// SPDX-License-Identifier: MIT
// The dependency rule of the tree (README, Layout): each folder of src/ includes only
// itself and the folders below it, and the pure ones (deck, grade, schedule, stats) never
// include I/O, SQLite or the clock.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, std::set<std::string>> kAllowed{
    {"core", {"core"}},
    {"deck", {"deck", "core"}},
    {"grade", {"grade", "deck", "core"}},
    {"schedule", {"schedule", "core"}},
    {"optimize", {"optimize", "schedule", "core"}},
    {"analysis", {"analysis", "grade", "deck", "schedule", "core"}},
    {"store", {"store", "core"}},
    {"term", {"term", "core"}},
    {"interchange", {"interchange", "deck", "core"}},
    {"stats", {"stats", "schedule", "store", "core"}},
    {"session", {"session", "deck", "grade", "schedule", "optimize", "store", "term", "core"}},
    {"cli",
     {"cli", "session", "stats", "term", "interchange", "optimize", "analysis", "deck", "grade",
      "schedule", "store", "core"}},
};

const std::set<std::string> kPure{"deck",        "grade",    "schedule", "stats",
                                  "interchange", "optimize", "analysis"};
const std::set<std::string> kImpure{"<iostream>", "<fstream>", "<sqlite3.h>", "<chrono>",
                                    "<ctime>"};

}  // namespace

TEST_CASE("layering: every folder of src/ includes only what the dependency rule allows") {
  const fs::path src = fs::path(source_dir()) / "src";
  const std::regex ours("#include \"([a-z_]+)/[^\"]+\"");
  const std::regex system("#include (<[^>]+>)");
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension != ".h" && extension != ".cc") continue;
    // A module is the first folder under src/: cli's rooms (cli/commands, ...) are cli.
    const std::string module = entry.path().lexically_relative(src).begin()->string();
    REQUIRE_MESSAGE(kAllowed.contains(module), "a folder the rule does not name: ", module);
    ++files;
    const std::string text = read_text_file(entry.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), ours), end; it != end; ++it) {
      const std::string target = (*it)[1];
      INFO(entry.path().string(), " includes ", it->str());
      CHECK(kAllowed.at(module).contains(target));
    }
    if (!kPure.contains(module)) continue;
    for (std::sregex_iterator it(text.begin(), text.end(), system), end; it != end; ++it) {
      INFO(entry.path().string(), " includes ", it->str());
      CHECK_FALSE(kImpure.contains((*it)[1]));
    }
  }
  CHECK(files > 100);
}

}  // namespace quizdeck::test
