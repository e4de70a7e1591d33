// SPDX-License-Identifier: MIT
// Permissions, end to end, as a user without privileges sees them (the tests drop root when
// they have it): an unreadable store is "permission denied", a store behind a directory
// that cannot be searched is not "no store yet", commands that only read work on a store
// in a read-only directory, and nothing is left behind where quizdeck may not write.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNow = "2026-11-01T09:00:00Z";

struct Place {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-access-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(std::rand()));
  Place() {
    fs::remove_all(dir);
    fs::create_directories(dir / "data");
    fs::copy_file(fs::path(source_dir()) / "decks" / "crss.yaml", dir / "data" / "crss.yaml");
    give_to_unprivileged(dir.string());
  }
  ~Place() {
    fs::permissions(dir / "data", fs::perms::owner_all);
    fs::remove_all(dir);
  }
  std::string store() const { return (dir / "data" / "s.db").string(); }
  std::string deck() const { return (dir / "data" / "crss.yaml").string(); }

  ProcessResult run(std::vector<std::string> args, const std::string& input = "") const {
    std::vector<std::string> argv{quizdeck_binary(), "--store", store(), "--now", kNow};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.stdin_text = input;
    options.unprivileged = true;
    options.cwd = dir.string();
    return run_process(argv, options);
  }
  // A store with one answer in it.
  void study() const {
    const auto drill = run({"drill", deck(), "--json", "--max", "1"}, "1\n");
    REQUIRE(drill.exit_code == 0);
  }
  std::set<std::string> files() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir / "data")) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }
};

}  // namespace

TEST_CASE("access: an unreadable store is 'permission denied', for readers and writers") {
  const Place place;
  place.study();
  const std::string before = read_text_file(place.store());
  fs::permissions(place.store(), fs::perms::none);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"status"},
                                               {"stats"},
                                               {"history"},
                                               {"store", "check"},
                                               {"drill", place.deck(), "--json"},
                                               {"config", "retention", "0.8"}}) {
    const auto result = place.run(args);
    INFO(args.front(), ": ", result.err);
    CHECK(result.exit_code == 3);
    CHECK(result.err ==
          "quizdeck: error: cannot read the store '" + place.store() + "': Permission denied\n");
  }
  fs::permissions(place.store(), fs::perms::owner_read | fs::perms::owner_write);
  CHECK(read_text_file(place.store()) == before);
}

TEST_CASE("access: a store behind a directory that cannot be searched is not 'no store yet'") {
  const Place place;
  place.study();
  fs::permissions(place.dir / "data", fs::perms::owner_read | fs::perms::owner_write);
  const auto status = place.run({"status"});
  CHECK(status.exit_code == 3);
  CHECK(status.err ==
        "quizdeck: error: cannot read the store '" + place.store() + "': Permission denied\n");
  // Nor does a writer try to make a new store there.
  const auto drill = place.run({"drill", place.deck(), "--json"}, "1\n");
  CHECK(drill.exit_code == 3);
  CHECK(drill.err.find("Permission denied") != std::string::npos);
  fs::permissions(place.dir / "data", fs::perms::owner_all);
}

TEST_CASE("access: in a read-only directory, reading commands work and writing ones say why") {
  const Place place;
  place.study();
  const auto files = place.files();
  const std::string before = read_text_file(place.store());
  fs::permissions(place.dir / "data", fs::perms::owner_read | fs::perms::owner_exec);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"status"},
        {"stats"},
        {"history"},
        {"store", "check"},
        {"config"},
        {"report", "-o", (place.dir / "report.html").string()}}) {
    const auto result = place.run(args);
    INFO(args.front(), ": ", result.err);
    CHECK(result.exit_code == 0);
  }
  CHECK(fs::file_size(place.dir / "report.html") > 0);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"drill", place.deck(), "--json"},
        {"config", "retention", "0.8"},
        {"reset", "crss", "--yes"}}) {
    const auto result = place.run(args, "1\n");
    INFO(args.front(), ": ", result.err);
    CHECK(result.exit_code == 3);
    CHECK(result.err == "quizdeck: error: cannot write the store '" + place.store() +
                            "': its directory is not writable (SQLite keeps the store's "
                            "write-ahead log beside it); commands that only read still work\n");
  }
  CHECK(place.files() == files);
  fs::permissions(place.dir / "data", fs::perms::owner_all);
  CHECK(read_text_file(place.store()) == before);
}

TEST_CASE("access: an empty file named as the store becomes one only if it is private") {
  const Place place;
  write_text_file(place.store(), "");
  give_to_unprivileged(place.store());
  fs::permissions(place.store(), fs::perms::owner_read | fs::perms::owner_write |
                                     fs::perms::group_read | fs::perms::others_read);
  const auto shared = place.run({"drill", place.deck(), "--json", "--max", "1"}, "1\n");
  CHECK(shared.exit_code == 3);
  CHECK(shared.err == "quizdeck: error: '" + place.store() +
                          "' is an empty file that others may use (mode 0644); quizdeck makes a "
                          "store only of a file only you can read and write: 'chmod 600' it, or "
                          "remove it\n");
  CHECK(fs::file_size(place.store()) == 0);
  CHECK((fs::status(place.store()).permissions() & fs::perms::others_read) != fs::perms::none);
  // Readers see no store yet.
  const auto status = place.run({"status", place.deck()});
  CHECK(status.exit_code == 0);
  CHECK(fs::file_size(place.store()) == 0);

  fs::permissions(place.store(), fs::perms::owner_read | fs::perms::owner_write);
  const auto drill = place.run({"drill", place.deck(), "--json", "--max", "1"}, "1\n");
  CHECK(drill.exit_code == 0);
  CHECK(fs::file_size(place.store()) > 0);
}

}  // namespace quizdeck::test
