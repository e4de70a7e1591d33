// SPDX-License-Identifier: MIT
// THE dependency rule of the tree. docs/design.md, the style guide and src/CMakeLists.txt point
// here instead of restating it; change the rule here, with its reason, or not at all.
//
// A module is the first folder under src/. Each module includes only itself and the
// modules its row names; every edge that is not obvious from the picture
// cli -> session -> {deck, grade, schedule, store, term} -> core carries its reason. The
// pure modules never include I/O, SQLite or the clock. Inside cli, each room includes only
// itself and the rooms its row names, so the frame never depends on a command.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct Edge {
  std::string to;
  std::string why;  // empty where the picture above already says it
};

const std::map<std::string, std::vector<Edge>> kAllowed{
    {"core", {}},
    {"deck", {}},
    {"grade", {{"deck", "grading takes the deck's card model: what was asked and what is right"}}},
    {"schedule", {}},
    {"optimize", {{"schedule", "the optimizer fits and simulates the scheduler's own model"}}},
    {"analysis",
     {{"grade", "item analysis names choices by the same letters the grader shows"},
      {"deck", "answers are judged against the deck's cards"},
      {"schedule", "each learner's FSRS memory is replayed to report difficulty and lapses"},
      {"interchange", "answers given elsewhere arrive as CSV rows, read as imports read them"}}},
    {"store", {}},
    {"classroom",
     {{"analysis",
       "the class database holds records of the results format, read back for "
       "item analysis"}}},
    {"sync", {}},
    {"term", {}},
    {"interchange", {{"deck", "every importer returns a deck, every exporter reads one"}}},
    {"stats",
     {{"schedule", "progress figures count due cards and recall by the scheduler's rules"},
      {"store", "figures are computed from the store's row types"}}},
    {"session",
     {{"deck", ""},
      {"grade", ""},
      {"schedule", ""},
      {"store", ""},
      {"term", ""},
      {"optimize", "exam-date ordering asks the planner for each card's recall on exam day"}}},
    {"cli",
     {{"session", ""},
      {"stats", ""},
      {"term", ""},
      {"interchange", ""},
      {"optimize", ""},
      {"analysis", ""},
      {"classroom", "class commands, the push after an exam and analyze --class"},
      {"deck", ""},
      {"grade", ""},
      {"schedule", ""},
      {"store", ""},
      {"sync", "the sync command reads and writes journals and merges them into the store"}}},
};

// cli's rooms (src/cli/ itself is the frame): what each may include besides itself.
const std::map<std::string, std::set<std::string>> kRooms{
    // The frame hands each command the guard its outputs go through, filled with what the
    // command reads (cli/files/output_guard.h).
    {"frame", {"files"}},
    {"files", {}},
    {"pages", {"files"}},
    {"study", {"frame", "files"}},
    {"commands", {"frame", "files", "pages", "study"}},
};

const std::set<std::string> kPure{"deck",        "grade",    "schedule", "stats",
                                  "interchange", "optimize", "analysis", "sync"};
const std::set<std::string> kImpure{"<iostream>", "<fstream>", "<sqlite3.h>", "<chrono>",
                                    "<ctime>"};

bool allowed(const std::string& from, const std::string& to) {
  if (from == to || to == "core") return true;
  for (const Edge& edge : kAllowed.at(from)) {
    if (edge.to == to) return true;
  }
  return false;
}

// "frame" for a file directly in src/cli, else its room's folder name.
std::string room_of(const fs::path& relative_to_cli) {
  return std::distance(relative_to_cli.begin(), relative_to_cli.end()) == 1
             ? "frame"
             : relative_to_cli.begin()->string();
}

}  // namespace

TEST_CASE("layering: every folder of src/ includes only what the dependency rule allows") {
  const fs::path src = fs::path(source_dir()) / "src";
  const std::regex ours("#include \"([a-z_]+)/([^\"]+)\"");
  const std::regex system("#include (<[^>]+>)");
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    const std::string extension = entry.path().extension().string();
    if (extension != ".h" && extension != ".cc") continue;
    const fs::path relative = entry.path().lexically_relative(src);
    const std::string module = relative.begin()->string();
    REQUIRE_MESSAGE(kAllowed.contains(module), "a folder the rule does not name: ", module);
    ++files;
    const std::string text = read_text_file(entry.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), ours), end; it != end; ++it) {
      const std::string target = (*it)[1];
      INFO(entry.path().string(), " includes ", it->str());
      CHECK(allowed(module, target));
      if (module != "cli" || target != "cli") continue;
      const std::string from = room_of(relative.lexically_relative("cli"));
      const std::string to = room_of(fs::path((*it)[2].str()));
      REQUIRE_MESSAGE(kRooms.contains(from), "a room of cli the rule does not name: ", from);
      CHECK((from == to || kRooms.at(from).contains(to)));
    }
    if (!kPure.contains(module)) continue;
    for (std::sregex_iterator it(text.begin(), text.end(), system), end; it != end; ++it) {
      INFO(entry.path().string(), " includes ", it->str());
      CHECK_FALSE(kImpure.contains((*it)[1]));
    }
  }
  CHECK(files > 100);
}

TEST_CASE("layering: the rule refuses the edges it does not name") {
  CHECK_FALSE(allowed("deck", "store"));
  CHECK_FALSE(allowed("schedule", "deck"));
  CHECK_FALSE(allowed("store", "session"));
  CHECK_FALSE(allowed("session", "cli"));
  CHECK(allowed("session", "optimize"));
  CHECK_FALSE(allowed("sync", "store"));
  CHECK_FALSE(allowed("store", "sync"));
  CHECK_FALSE(kRooms.at("frame").contains("commands"));
  CHECK_FALSE(kRooms.at("files").contains("pages"));
  CHECK(room_of("app.cc") == "frame");
  CHECK(room_of("commands/cmd_drill.cc") == "commands");
}

}  // namespace quizdeck::test
