// SPDX-License-Identifier: MIT
// The resource limits users can rely on (quizdeck(1) LIMITS): a deck file over 64 MiB is
// refused before it is read, with its size in the message, and nothing is cached.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/files/input_file.h"
#include "support/needs.h"
#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

// The peak resident memory of one run of the binary, in KiB, as /usr/bin/time measures it
// (its line is left at the end of the result's err). Under AddressSanitizer, freed memory
// waits in a quarantine (256 MiB by default) and counts as resident, so the quarantine is
// switched off for measured runs: the figure is then what the program holds, plus the
// sanitizer's fixed cost, which comparisons against a small input cancel.
ProcessResult run_measured(std::vector<std::string> argv, ProcessOptions options) {
#if defined(__SANITIZE_ADDRESS__)
  constexpr bool asan = true;
#elif defined(__has_feature)
  constexpr bool asan = __has_feature(address_sanitizer);
#else
  constexpr bool asan = false;
#endif
  if (asan) {
    const char* inherited = std::getenv("ASAN_OPTIONS");
    options.env["ASAN_OPTIONS"] = std::string(inherited != nullptr ? inherited : "") +
                                  ":quarantine_size_mb=0:thread_local_quarantine_size_kb=0";
  }
  argv.insert(argv.begin(), {"/usr/bin/time", "-f", "peak %M KiB"});
  return run_process(argv, options);
}

std::int64_t peak_kib(const ProcessResult& result) {
  const auto at = result.err.rfind("peak ");
  REQUIRE(at != std::string::npos);
  return std::stol(result.err.substr(at + 5));
}

TEST_CASE("a deck over 64 MiB is refused before it is read") {
  const fs::path dir =
      fs::temp_directory_path() / ("quizdeck-limits-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string deck = (dir / "huge.yaml").string();
  // A sparse file: 64 MiB and one byte, a valid deck at its start.
  write_text_file(deck, "title: Huge\ncards:\n  - question: Q?\n    answer: A\n");
  REQUIRE(::truncate(deck.c_str(), (64 << 20) + 1) == 0);
  ProcessOptions options;
  options.cwd = dir.string();
  const auto result =
      run_process({quizdeck_binary(), "--store", "s.db", "check", "huge.yaml"}, options);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("huge.yaml: error: the deck is 65 MiB; decks larger than 64 MiB are "
                        "refused") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "s.db.deck-cache"));
  // One byte less is read (and found to be a deck with a lot of NUL bytes after it).
  REQUIRE(::truncate(deck.c_str(), 64 << 20) == 0);
  const auto at_limit =
      run_process({quizdeck_binary(), "--store", "s.db", "check", "huge.yaml"}, options);
  CHECK(at_limit.err.find("larger than 64 MiB") == std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quizdeck::test

namespace quizdeck::test {
namespace {

// A results file is read a line at a time: a 100 MB line is refused at its line number
// once 1 MiB of it is read, never held whole; the files after it are not read.
TEST_CASE("analyze refuses a results line over 1 MiB, with its number, without holding it") {
  if (!needs_tool("time")) return;  // /usr/bin/time measures the peak
  const fs::path dir =
      fs::temp_directory_path() / ("quizdeck-results-limits-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path fixtures = fs::path(golden_dir()) / "analysis" / "_fixtures";
  fs::copy_file(fixtures / "bank.yaml", dir / "bank.yaml");
  std::string text = read_text_file((fixtures / "learner1.jsonl").string());
  text += "{\"type\":\"answer\",\"answer\":\"" + std::string(100'000'000, 'x') + "\"}\n";
  write_text_file((dir / "huge.jsonl").string(), text);
  write_text_file((dir / "small.jsonl").string(),
                  read_text_file((fixtures / "learner1.jsonl").string()));
  ProcessOptions options;
  options.cwd = dir.string();
  const auto analyze = [&](const char* file) {
    return run_measured({quizdeck_binary(), "--store", "none.db", "analyze", "bank.yaml", file},
                        options);
  };
  const auto result = analyze("huge.jsonl");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("huge.jsonl: error: line 7 is longer than 1024 KiB; results files have "
                        "short lines") != std::string::npos);
  // Hardly more memory than a small file takes (the line is 100 MB): it is never held.
  const auto small = analyze("small.jsonl");
  CHECK(small.exit_code == 0);
  CHECK(peak_kib(result) < peak_kib(small) + 20'000);
  fs::remove_all(dir);
}

TEST_CASE("standard input is held to the limit a file is held to") {
  std::istringstream small("0123456789");
  const auto read = cli::read_input_stream(small, "<stdin>", "review logs", 10);
  REQUIRE(read);
  CHECK(*read == "0123456789");
  // 2 MiB and a byte, under a 2 MiB limit: refused, and not read to its end.
  std::istringstream big(std::string((2 << 20) + 1, 'x'));
  const auto refused = cli::read_input_stream(big, "<stdin>", "review logs", 2 << 20);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message() == "the input is over 2 MiB; larger review logs are refused");
}

TEST_CASE("fsrs replay skips a line over 1 MiB, with its number, without holding it") {
  if (!needs_tool("time")) return;  // /usr/bin/time measures the peak
  const std::string line = R"({"reviews":[{"t":"2026-01-01T09:00:00Z","rating":"Good"}]})"
                           "\n";
  ProcessOptions options;
  options.stdin_text = line + "{\"card\":\"" + std::string(50'000'000, 'x') + "\"}\n" + line;
  const auto replayed = run_measured({quizdeck_binary(), "fsrs", "replay", "-"}, options);
  CHECK(replayed.exit_code == 1);
  CHECK(
      replayed.err.starts_with("<stdin>:2: error: the line is longer than 1 MiB; it is "
                               "skipped\n"));
  // The line after it is replayed too.
  CHECK(std::count(replayed.out.begin(), replayed.out.end(), '\n') == 2);
  // Hardly more memory than the two short lines alone take (the long one is 50 MB).
  options.stdin_text = line + line;
  const auto small = run_measured({quizdeck_binary(), "fsrs", "replay", "-"}, options);
  CHECK(small.exit_code == 0);
  CHECK(peak_kib(replayed) < peak_kib(small) + 20'000);
}

// A line that never ends (`tr '\0' x </dev/zero | quizdeck fsrs replay -`) was read for
// ever, printing nothing: past 65 MiB it ends the run, and nothing after it is read.
TEST_CASE("fsrs replay ends the input at a line over 65 MiB") {
  const std::string line = R"({"reviews":[{"t":"2026-01-01T09:00:00Z","rating":"Good"}]})"
                           "\n";
  ProcessOptions options;
  options.stdin_text = line + std::string(70u << 20, 'x') + "\n" + line;
  const auto replayed = run_process({quizdeck_binary(), "fsrs", "replay", "-"}, options);
  CHECK(replayed.exit_code == 1);
  CHECK(replayed.err ==
        "<stdin>:2: error: the line is longer than 65 MiB; the rest of the input is not read\n");
  // The first line was replayed; the one after the endless line was not.
  CHECK(std::count(replayed.out.begin(), replayed.out.end(), '\n') == 1);
}

// Issue 28: the log was read whole (2.1 GB at the 2 GiB cap, 9.6 GB for a 1.5 GB file);
// it is read a line at a time, and what is held is its reviews.
TEST_CASE("optimize --from-csv reads a 100 MB log a line at a time") {
  if (!needs_tool("time")) return;  // /usr/bin/time measures the peak
  const fs::path dir =
      fs::temp_directory_path() / ("quizdeck-revlog-limits-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    // The same 1000 reviews twice: with a 100 KB note on each line, and with a short one.
    std::ofstream log(dir / "log.csv", std::ios::binary);
    std::ofstream small(dir / "small.csv", std::ios::binary);
    log << "card_id,review_time,review_rating,review_state,note\n";
    small << "card_id,review_time,review_rating,review_state,note\n";
    const std::string note(100'000, 'n');
    for (int i = 0; i < 1000; ++i) {
      const std::string review = "c" + std::to_string(i % 10) + "," +
                                 std::to_string(1700000000000LL + i * 86'400'000LL) + ",3," +
                                 (i < 10 ? "0" : "2") + ",";
      log << review << note << "\n";
      small << review << "n\n";
    }
  }
  ProcessOptions options;
  options.cwd = dir.string();
  const auto optimize = [&](const char* log) {
    return run_measured({quizdeck_binary(), "--store", "none.db", "optimize", "--from-csv", log},
                        options);
  };
  const auto result = optimize("log.csv");
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("1000 reviews of 10 cards") != std::string::npos);
  // Hardly more memory than the same reviews with short notes take (the file is 100 MB).
  const auto small = optimize("small.csv");
  CHECK(small.exit_code == 0);
  CHECK(peak_kib(result) < peak_kib(small) + 20'000);
  fs::remove_all(dir);
}

// Issue 28: a print of clozes near the deck's 256 MiB of card text took 1.26 GB for a
// 250 MB page; the page is held to 64 MiB.
TEST_CASE("print refuses a page over 64 MiB, at its question, within 1 GiB") {
  if (!needs_tool("time")) return;
  const fs::path dir =
      fs::temp_directory_path() / ("quizdeck-print-limits-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    // 100 clozes of 100 blanks and 25 KB each: 10000 cards holding 250 MB of text.
    std::ofstream deck(dir / "clozes.yaml", std::ios::binary);
    deck << "title: Clozes\ncards:\n";
    const std::string words(250, 'z');
    for (int c = 0; c < 100; ++c) {
      deck << "  - id: c" << c << "\n    cloze: \"";
      for (int b = 0; b < 100; ++b) deck << "{{b" << b << "}} " << words << " ";
      deck << "\"\n";
    }
  }
  ProcessOptions options;
  options.cwd = dir.string();
  const auto result = run_measured({quizdeck_binary(), "--no-cache", "--store", "none.db", "print",
                                    "clozes.yaml", "-o", "out.html"},
                                   options);
  CHECK(result.exit_code == 1);
  CHECK(result.err.starts_with(
      "quizdeck: error: the page would be larger than 64 MiB (at question 2624 of 10000); "
      "print fewer questions (--exam --questions N) or a smaller deck; nothing written\n"));
  CHECK_FALSE(fs::exists(dir / "out.html"));
  CHECK(peak_kib(result) < 1024 * 1024);
  fs::remove_all(dir);
}

// Issue 28: a package whose notes are control characters (12 MB of them, each written as a
// six-byte escape) took 1.4 GB to make a deck of 72 MB; the deck is counted as it is
// written and refused at 64 MiB, before it is checked.
TEST_CASE("import of an Anki package of control characters is refused at 64 MiB, in bounds") {
  if (!needs_tool("time")) return;
  const fs::path dir =
      fs::temp_directory_path() / ("quizdeck-apkg-limits-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ProcessOptions options;
  options.cwd = dir.string();
  const fs::path fixture =
      fs::path(source_dir()) / "tests/golden/interchange/_fixtures/anki-control-characters.json";
  REQUIRE(run_process({QUIZDECK_ANKI_PACKAGE, "p.apkg", fixture.string()}, options).exit_code == 0);
  const auto result = run_measured(
      {quizdeck_binary(), "--store", "none.db", "import", "p.apkg", "-o", "v.yaml"}, options);
  CHECK(result.exit_code == 1);
  CHECK(result.err.starts_with("quizdeck: error: the deck made from p.apkg would be larger"));
  CHECK_FALSE(fs::exists(dir / "v.yaml"));
  CHECK(peak_kib(result) < 512 * 1024);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace quizdeck::test
