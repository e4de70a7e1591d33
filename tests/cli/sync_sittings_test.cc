// SPDX-License-Identifier: MIT
// Exam sittings travel with `quizdeck sync` (issue #30), end to end with the real binary:
// a finished exam and an unfinished one sat on machine A are in machine B's `results` as A
// writes them, answers included; the unfinished one is resumed only on A, and once it is
// finished there B sees it finished; a sync with nothing new adds nothing.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct Machines {
  fs::path dir;
  Machines() {
    dir = fs::temp_directory_path() / fmt::format("quizdeck-sync-sittings-{}", ::getpid());
    fs::remove_all(dir);
    fs::create_directories(dir / "shared");
    fs::copy_file(fs::path(golden_dir()) / "study" / "_fixtures" / "study.yaml",
                  dir / "study.yaml");
  }
  ~Machines() { fs::remove_all(dir); }
  Machines(const Machines&) = delete;
  Machines& operator=(const Machines&) = delete;

  ProcessResult run(std::vector<std::string> args, const std::string& store, const std::string& now,
                    const std::string& input = "") const {
    args.insert(args.begin(), quizdeck_binary());
    for (const std::string& more : {std::string("--store"), store, std::string("--now"), now}) {
      args.push_back(more);
    }
    return run_process(args, {dir.string(), input, {{"NO_COLOR", "1"}}});
  }
  std::string sync(const std::string& store, const std::string& now) const {
    const ProcessResult done = run({"sync", "shared"}, store, now);
    CHECK(done.err == "");
    CHECK(done.exit_code == 0);
    return done.out;
  }
  std::string results(const std::string& store) const {
    const ProcessResult done = run({"results"}, store, "2026-01-02T12:00:00Z");
    CHECK(done.err == "");
    CHECK(done.exit_code == 0);
    return done.out;
  }
};

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("sync: exam sittings, finished and unfinished, reach another machine whole") {
  const Machines m;
  // Machine A: a finished exam, then one left after its first answer.
  ProcessResult sat = m.run({"exam", "study.yaml", "--seed", "7"}, "a.db", "2026-01-01T09:00:00Z",
                            "3\ntrue\nA\n2\n");
  REQUIRE(sat.exit_code == 0);
  sat = m.run({"exam", "study.yaml", "--seed", "7"}, "a.db", "2026-01-01T10:00:00Z", "@2m 3\n");
  REQUIRE(sat.exit_code == 0);
  CHECK(m.sync("a.db", "2026-01-01T11:00:00Z") ==
        "sent: 5 reviews, 0 undos, 0 cards' marks, 0 settings\n"
        "read: 0 journals, 0 new lines\n"
        "merged: 0 reviews added, 0 removed (undone elsewhere), 0 cards' marks and 0 settings "
        "changed, 4 cards replayed\n"
        "exam sittings: 2 sent, 0 added, 0 updated\n");
  const std::string on_b = m.sync("b.db", "2026-01-01T11:30:00Z");
  CHECK(on_b.find("exam sittings: 0 sent, 2 added, 0 updated\n") != std::string::npos);
  CHECK(on_b.find("merged: 5 reviews added") != std::string::npos);

  // B writes both sittings with their answers as A does (B has no sittings of its own, so
  // even their numbers are the same).
  std::string results_a = m.results("a.db");
  CHECK(count(results_a, R"("type":"exam")") == 2);
  CHECK(count(results_a, R"("complete":false)") == 1);
  CHECK(count(results_a, R"("attempt":1,)") == 5);  // the finished sitting and its 4 answers
  CHECK(count(results_a, R"("attempt":2,)") == 2);  // the unfinished one and its answer
  CHECK(m.results("b.db") == results_a);

  // The unfinished exam is not B's to resume.
  const ProcessResult on_b_resume =
      m.run({"exam", "study.yaml", "--resume"}, "b.db", "2026-01-01T12:00:00Z");
  CHECK(on_b_resume.exit_code != 0);
  CHECK(on_b_resume.err.find("no unfinished exam of these decks to resume") != std::string::npos);

  // A finishes it; B takes the later record.
  sat =
      m.run({"exam", "study.yaml", "--resume"}, "a.db", "2026-01-01T13:00:00Z", "true\n@1m A\n2\n");
  REQUIRE(sat.exit_code == 0);
  CHECK(
      m.sync("a.db", "2026-01-01T14:00:00Z").find("exam sittings: 1 sent, 0 added, 0 updated\n") !=
      std::string::npos);
  CHECK(
      m.sync("b.db", "2026-01-01T14:30:00Z").find("exam sittings: 0 sent, 0 added, 1 updated\n") !=
      std::string::npos);
  results_a = m.results("a.db");
  CHECK(count(results_a, R"("complete":false)") == 0);
  CHECK(count(results_a, R"("attempt":2,)") == 5);
  CHECK(m.results("b.db") == results_a);

  // Nothing new: nothing sent, nothing added, on either machine.
  for (const std::string store : {"a.db", "b.db"}) {
    const std::string again = m.sync(store, "2026-01-01T15:00:00Z");
    CHECK(again.starts_with("sent: 0 reviews, 0 undos, 0 cards' marks, 0 settings\n"));
    CHECK(again.find("merged: 0 reviews added") != std::string::npos);
    CHECK(again.find("exam sittings") == std::string::npos);
  }
  CHECK(m.results("b.db") == results_a);
}

}  // namespace quizdeck::test
