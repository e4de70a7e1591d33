// SPDX-License-Identifier: MIT
// Where decks are read from: a FIFO or device named on the command line is refused, never
// opened for reading; `check DIR` does not follow symbolic links out of DIR; the deck
// paths the store remembers are read only while they still look like decks.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct Place {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-paths-" + std::to_string(::getpid()) + "-" +
                                              std::to_string(std::rand()));
  Place() {
    fs::create_directories(dir / "decks");
    fs::create_directories(dir / "outside");
    fs::copy_file(fs::path(source_dir()) / "decks" / "crss.yaml", dir / "decks" / "crss.yaml");
    fs::copy_file(fs::path(source_dir()) / "decks" / "crss.yaml", dir / "outside" / "secret.yaml");
  }
  ~Place() { fs::remove_all(dir); }
  ProcessResult run(std::vector<std::string> args, const std::string& input = "") const {
    // A time limit: a FIFO opened for reading would wait for a writer for ever.
    std::vector<std::string> argv{
        "/usr/bin/timeout",    "20", quizdeck_binary(), "--store", "s.db", "--now",
        "2026-11-01T09:00:00Z"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.cwd = dir.string();
    options.stdin_text = input;
    return run_process(argv, options);
  }
};

}  // namespace

TEST_CASE("deck paths: a FIFO or a device named as a deck is refused, not read") {
  const Place place;
  REQUIRE(::mkfifo((place.dir / "pipe.yaml").c_str(), 0600) == 0);
  for (const std::string path : {"pipe.yaml", "/dev/zero"}) {
    const auto check = place.run({"check", path});
    INFO(path, ": ", check.err);
    CHECK(check.exit_code == 3);
    CHECK(check.err.rfind("quizdeck: error: '" + path +
                              "' is not a regular file (a FIFO, socket or device); decks are "
                              "read from files\n",
                          0) == 0);
  }
  CHECK(place.run({"drill", "pipe.yaml", "--json"}).exit_code == 3);
}

TEST_CASE("deck paths: check DIR does not follow symbolic links out of DIR") {
  const Place place;
  fs::create_symlink(place.dir / "outside" / "secret.yaml", place.dir / "decks" / "away.yaml");
  fs::create_symlink(place.dir / "outside", place.dir / "decks" / "elsewhere");
  fs::create_symlink(place.dir / "decks" / "crss.yaml", place.dir / "decks" / "again.yml");
  const auto check = place.run({"check", "decks"});
  CHECK(check.exit_code == 0);
  CHECK(check.out == "ok: 1 deck, 17 cards, 2 warnings\n");
  CHECK(check.err.find("skipped 'decks/away.yaml': a symbolic link to a file outside 'decks'") !=
        std::string::npos);
  CHECK(check.err.find("skipped 'decks/elsewhere': a symbolic link to a directory (links are "
                       "not followed out of 'decks')") != std::string::npos);
  // A link to a file inside the directory is the same deck, read once (1 deck above).
}

TEST_CASE("deck paths: what the store remembers is read only while it still looks like a deck") {
  const Place place;
  std::string notes = read_text_file((place.dir / "decks" / "crss.yaml").string());
  notes.replace(notes.find("\nid: crss\n"), 10, "\nid: notes\n");
  write_text_file((place.dir / "notes.txt").string(), notes);
  REQUIRE(place.run({"drill", "decks/crss.yaml", "--json", "--max", "1"}, "1\n").exit_code == 0);
  REQUIRE(place.run({"drill", "notes.txt", "--json", "--max", "1"}, "1\n").exit_code != 3);
  // notes.txt was a deck when named; now the store's memory of it is not read.
  const auto stats = place.run({"stats"});
  CHECK(stats.err.find("was last seen at 'notes.txt', which is not a deck file now (a .yaml or "
                       ".yml regular file); it is left out") != std::string::npos);
  // A deck file replaced by a FIFO is skipped, not opened.
  fs::remove(place.dir / "decks" / "crss.yaml");
  REQUIRE(::mkfifo((place.dir / "decks" / "crss.yaml").c_str(), 0600) == 0);
  const auto status = place.run({"status"});
  CHECK(status.exit_code != 124);
  CHECK(status.err.find("was last seen at 'decks/crss.yaml', which is not a deck file now") !=
        std::string::npos);
  const auto prune = place.run({"store", "prune", "--yes"});
  CHECK(prune.exit_code != 124);
  CHECK(prune.err.find("which is not a deck file now") != std::string::npos);
}

}  // namespace quizdeck::test
