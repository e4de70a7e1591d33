// SPDX-License-Identifier: MIT
// The one guard every -o goes through (cli/files/output_guard.h): no command's output may
// replace the store or a file of it, a file the command reads (a deck, a results file, an
// image a report embeds), or write through a symbolic link or a linked folder.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.h"
#include "support/tmux.h"  // TestDir

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

const std::string kBank = golden_dir() + "/interchange/_fixtures/bank-media.xml";
const fs::path kFlag = fs::path(golden_dir()) / "study" / "_fixtures" / "img" / "flag.png";

// A deck with an image, a store with an answer in it, a results file, in a folder of
// their own; every command run there.
struct Workspace {
  TestDir dir;
  ProcessOptions options;
  Workspace() {
    options.cwd = dir.path.string();
    options.env = {{"TZ", "UTC"}, {"NO_COLOR", "1"}};
    fs::create_directories(dir.path / "img");
    fs::copy_file(kFlag, dir.path / "img" / "flag.png");
    write_text_file((dir.path / "d.yaml").string(),
                    "title: Flags\ncards:\n  - question: Whose flag?\n"
                    "    image: img/flag.png\n    answer: France\n");
    ProcessOptions answering = options;
    answering.stdin_text = "Italy\n";
    REQUIRE(run_process({quizdeck_binary(), "drill", "d.yaml", "--store", "s.db", "--now",
                         "2026-01-01T09:00:00Z"},
                        answering)
                .exit_code == 0);
    REQUIRE(run({"results", "--store", "s.db", "-o", "r.jsonl"}).exit_code == 0);
  }
  ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), quizdeck_binary());
    return run_process(args, options);
  }
  std::string bytes(const std::string& name) const {
    return read_text_file((dir.path / name).string());
  }
};

// Every command with -o, its output left for last.
const std::vector<std::vector<std::string>> kWriters{
    {"print", "d.yaml", "--store", "s.db", "-o"},
    {"export", "d.yaml", "--to", "gift", "--store", "s.db", "-o"},
    {"export", "d.yaml", "--to", "qti", "--store", "s.db", "-o"},
    {"import", kBank, "--force", "--store", "s.db", "-o"},
    {"results", "--store", "s.db", "-o"},
    {"report", "d.yaml", "--store", "s.db", "--now", "2026-01-02T09:00:00Z", "-o"},
    {"analyze", "d.yaml", "r.jsonl", "--store", "s.db", "-o"},
};

}  // namespace

TEST_CASE("output guard: no command's -o replaces the store or a file beside it") {
  Workspace w;
  const std::string store = w.bytes("s.db");
  const std::vector<std::pair<std::string, std::string>> kinds{
      {"s.db", "the store"},
      {"s.db-wal", "the store's write-ahead log"},
      {"s.db-shm", "the store's shared memory"},
      {"s.db.seal", "the store's seal"},
      {"s.db.deck-cache", "the deck cache"},
      {"s.db.deck-cache-wal", "the deck cache's write-ahead log"},
  };
  for (const auto& writer : kWriters) {
    for (const auto& [name, what] : kinds) {
      auto args = writer;
      args.push_back(name);
      std::string shown;
      for (const auto& arg : args) shown += arg + " ";
      CAPTURE(shown);
      const auto result = w.run(args);
      CHECK(result.exit_code == 3);
      const std::string refusal =
          "quizdeck: error: cannot write '" + name + "': it is " + what + " '" + name + "'\n";
      CHECK(result.err.ends_with(refusal));
    }
  }
  CHECK(w.bytes("s.db") == store);
  // Whatever name reaches it: the store through a link to its folder is still the store.
  fs::create_directory_symlink(w.dir.path, w.dir.path / "here");
  CHECK(w.run({"print", "d.yaml", "--store", "s.db", "-o", "here/s.db"}).exit_code == 3);
  CHECK(w.bytes("s.db") == store);
}

TEST_CASE("output guard: no command's -o replaces a file it reads") {
  Workspace w;
  const std::string deck = w.bytes("d.yaml");
  const std::string results = w.bytes("r.jsonl");
  for (const auto& writer : kWriters) {
    if (writer[0] == "import" || writer[0] == "results") continue;
    auto args = writer;
    args.push_back("d.yaml");
    std::string shown;
    for (const auto& arg : args) shown += arg + " ";
    CAPTURE(shown);
    const auto result = w.run(args);
    CHECK(result.exit_code == 3);
    CHECK(result.err.ends_with(
        "quizdeck: error: cannot write 'd.yaml': it is 'd.yaml', which this command reads\n"));
  }
  CHECK(w.bytes("d.yaml") == deck);
  const auto analyzed = w.run({"analyze", "d.yaml", "r.jsonl", "-o", "r.jsonl"});
  CHECK(analyzed.exit_code == 3);
  CHECK(analyzed.err ==
        "quizdeck: error: cannot write 'r.jsonl': it is 'r.jsonl', which this command reads\n");
  CHECK(w.bytes("r.jsonl") == results);
  // The image a report embeds, by a name the command never saw.
  const std::string image = w.bytes("img/flag.png");
  const auto reported = w.run({"report", "d.yaml", "--store", "s.db", "-o", "img/flag.png"});
  CHECK(reported.exit_code == 3);
  CHECK(reported.err == "quizdeck: error: cannot write 'img/flag.png': it is '" +
                            fs::canonical(w.dir.path / "img" / "flag.png").string() +
                            "', which this command reads\n");
  CHECK(w.bytes("img/flag.png") == image);
  // The bank an import reads.
  write_text_file((w.dir.path / "bank.gift").string(), "::q1:: Two? {=2 ~3}\n");
  const auto imported = w.run({"import", "bank.gift", "--force", "-o", "bank.gift"});
  CHECK(imported.exit_code == 3);
  CHECK(w.bytes("bank.gift") == "::q1:: Two? {=2 ~3}\n");
}

TEST_CASE("output guard: nothing is written through a link or a linked folder") {
  Workspace w;
  fs::create_directories(w.dir.path / "elsewhere");
  write_text_file((w.dir.path / "elsewhere" / "x.yaml").string(), "keep\n");
  fs::create_symlink(w.dir.path / "elsewhere" / "x.yaml", w.dir.path / "link.yaml");
  fs::create_directory_symlink(w.dir.path / "elsewhere", w.dir.path / "folder");

  auto result = w.run({"import", kBank, "-o", "link.yaml", "--force"});
  CHECK(result.exit_code == 3);
  CHECK(result.err ==
        "quizdeck: error: cannot write 'link.yaml': it is a symbolic link; quizdeck "
        "does not write through links (name the file itself)\n");
  result = w.run({"export", "d.yaml", "--to", "gift", "-o", "folder/new.gift"});
  CHECK(result.exit_code == 3);
  CHECK(
      result.err.ends_with("quizdeck: error: cannot write 'folder/new.gift': 'folder' is a "
                           "symbolic link; quizdeck does not write through links (name the "
                           "folder itself)\n"));
  result = w.run({"import", kBank, "-o", "folder/new.yaml", "--force"});
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("'folder' is a symbolic link") != std::string::npos);
  // A QTI package's own folders, linked elsewhere.
  fs::create_directories(w.dir.path / "pkg");
  write_text_file((w.dir.path / "pkg" / "notes.txt").string(), "mine\n");
  fs::create_directory_symlink(w.dir.path / "elsewhere", w.dir.path / "pkg" / "items");
  result = w.run({"export", "d.yaml", "--to", "qti", "-o", "pkg"});
  CHECK(result.exit_code == 3);
  CHECK(result.err.find("'pkg/items' is a symbolic link") != std::string::npos);

  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(w.dir.path / "elsewhere")) {
    left.push_back(entry.path().filename().string());
  }
  CHECK(left == std::vector<std::string>{"x.yaml"});
  CHECK(w.bytes("elsewhere/x.yaml") == "keep\n");
}

TEST_CASE("output guard: a failed import leaves none of its files behind") {
  Workspace w;
  // The deck's place is refused: its media, looked at first, are not written either, nor
  // the folder they would go in.
  fs::create_directories(w.dir.path / "out");
  REQUIRE(::mkfifo((w.dir.path / "out" / "flags.yaml").c_str(), 0600) == 0);
  const auto result = w.run({"import", kBank, "-o", "out/flags.yaml", "--force"});
  CHECK(result.exit_code == 3);
  CHECK(
      result.err.ends_with("quizdeck: error: cannot write 'out/flags.yaml': it is not a "
                           "regular file (a FIFO, socket or device)\n"));
  std::vector<std::string> left;
  for (const auto& entry : fs::recursive_directory_iterator(w.dir.path / "out")) {
    left.push_back(entry.path().lexically_relative(w.dir.path).string());
  }
  CHECK(left == std::vector<std::string>{"out/flags.yaml"});
}

}  // namespace quizdeck::test
