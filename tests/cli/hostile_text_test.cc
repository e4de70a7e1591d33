// SPDX-License-Identifier: MIT
// Hostile deck text never reaches the terminal raw: a deck whose every field holds escape
// sequences (window title, OSC 52 clipboard write, hyperlink, clear screen, alternate
// screen), C1 controls, bells, DEL and carriage returns goes through every command that
// shows deck or store text, and no output holds a control character but tab and newline,
// or a byte that is not UTF-8. The interactive drill shows them as ^[ in tmux, whose
// window title stays as it was. `check` warns about each text, with its position.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/utf8.h"
#include "support/needs.h"
#include "support/process.h"
#include "support/tmux.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

// Each YAML escape below becomes a control character in the parsed text.
constexpr const char* kEvil =
    R"(\e]0;pwned\a\e]52;c;SGVsbG8=\a\e]8;;http://x\e\\\e[2J\e[?1049h\x9b31m\r\x7f)";
// The same without the carriage return, which counts as white space in a tag.
constexpr const char* kEvilWord = R"(\e]0;pwned\a\e]52;c;SGVsbG8=\a\e[2J\x9b31m\x7f)";

std::string hostile_deck() {
  const std::string e = kEvil;
  const std::string w = kEvilWord;
  return "title: \"Evil " + e + "\"\nid: evil\ndescription: \"d " + e + "\"\n" + "tags: [\"t" + w +
         "\"]\ncards:\n"
         "  - id: pick\n    question: \"Pick " +
         e +
         "\"\n"
         "    choices:\n      - text: \"Right " +
         e + "\"\n        why: \"w " + e +
         "\"\n"
         "      - text: \"Wrong " +
         e + "\"\n        why: \"w2 " + e +
         "\"\n"
         "    answer: \"Right " +
         e + "\"\n    explain: \"x " + e + "\"\n    hint: \"h " + e + "\"\n    tags: [\"tag" + w +
         "\"]\n    shuffle: false\n"
         "  - id: say\n    question: \"Say it " +
         e + "\"\n    answer: \"yes " + e +
         "\"\n"
         "  - id: flip\n    front: \"Front " +
         e + "\"\n    back: \"Back " + e +
         "\"\n"
         "  - cloze: \"Fill {{in " +
         e + "}} now " + e + "\"\n";
}

// The offset of the first byte a terminal could act on: a C0 control but tab and
// newline, DEL, a C1 control, or a byte that is not UTF-8.
std::optional<std::size_t> first_raw_control(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    const auto cp = core::decode_utf8(text, pos);
    if (!cp) return at;
    if ((*cp < 0x20 && *cp != '\t' && *cp != '\n') || (*cp >= 0x7F && *cp <= 0x9F)) return at;
  }
  return std::nullopt;
}

struct Place {
  fs::path dir = fs::temp_directory_path() / ("quizdeck-hostile-" + std::to_string(::getpid()) +
                                              "-" + std::to_string(std::rand()));
  Place() {
    fs::create_directories(dir);
    write_text_file((dir / "evil.yaml").string(), hostile_deck());
  }
  ~Place() { fs::remove_all(dir); }
  ProcessResult run(std::vector<std::string> args, const std::string& input = "") const {
    std::vector<std::string> argv{quizdeck_binary(), "--store", "s.db", "--now",
                                  "2026-11-01T09:00:00Z"};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.cwd = dir.string();
    options.stdin_text = input;
    return run_process(argv, options);
  }
};

// Every line of JSON Lines output, each checked: no raw control character, valid JSON.
std::vector<core::JsonValue> json_events(const std::string& out) {
  std::vector<core::JsonValue> events;
  for (std::size_t start = 0; start < out.size();) {
    const std::size_t end = out.find('\n', start);
    const std::string line = out.substr(start, end - start);
    start = end == std::string::npos ? out.size() : end + 1;
    INFO(line);
    CHECK(first_raw_control(line) == std::nullopt);
    core::JsonError error;
    auto event = core::parse_json(line, error);
    REQUIRE(event.has_value());
    events.push_back(std::move(*event));
  }
  return events;
}

void check_shown(const std::string& what, const ProcessResult& result) {
  INFO(what);
  INFO("stdout: ", result.out);
  INFO("stderr: ", result.err);
  CHECK(result.exit_code != 4);
  CHECK(first_raw_control(result.out) == std::nullopt);
  CHECK(first_raw_control(result.err) == std::nullopt);
}

}  // namespace

TEST_CASE("hostile text: no command prints a deck's control characters raw") {
  const Place place;
  // Answers that reach every part: the right pick, a wrong one, a typed answer holding
  // controls of its own, a flash rating, a cloze.
  const std::string answers = "A\nB\nyes \x1b]0;typed\x07\n3\nin\n1\n";
  check_shown("check", place.run({"check", "evil.yaml"}));
  check_shown("cards", place.run({"cards", "evil.yaml"}));
  check_shown("drill text", place.run({"drill", "evil.yaml"}, answers));
  check_shown("exam text", place.run({"exam", "evil.yaml", "--seed", "2"}, "B\nno\n1\nout\n"));
  check_shown("cram text", place.run({"cram", "evil.yaml", "--seed", "3"}, answers));
  check_shown("stats", place.run({"stats"}));
  check_shown("status", place.run({"status"}));
  check_shown("history", place.run({"history"}));
  check_shown("history --csv", place.run({"history", "--csv"}));
  check_shown("config", place.run({"config"}));
  check_shown("completion --list", place.run({"completion", "--list", "deck-ids"}));
  const auto report = place.run({"report", "-o", "report.html"});
  check_shown("report", report);
  const std::string html = read_text_file((place.dir / "report.html").string());
  CHECK(first_raw_control(html) == std::nullopt);
  CHECK(html.find("<title>quizdeck report: Evil ^[]0;pwned^G^[]52;c;") != std::string::npos);
}

TEST_CASE("hostile text: every --json line is valid JSON in valid UTF-8, whatever comes in") {
  const Place place;
  const auto drill = place.run({"drill", "evil.yaml", "--json"}, "A\nyes \x1b[2J\xff\n3\nin\n");
  CHECK(drill.exit_code == 0);
  CHECK(json_events(drill.out).size() >= 4);
  // The deck's text arrives whole, escaped: a script sees exactly what the deck says.
  CHECK(drill.out.find(R"(Pick \u001b]0;pwned\u0007)") != std::string::npos);
}

TEST_CASE("hostile text: 1 MB of random bytes on stdin: every line out is JSON, nothing bad kept") {
  const Place place;
  fs::copy_file(fs::path(source_dir()) / "decks" / "crss.yaml", place.dir / "crss.yaml");
  std::random_device device;
  const unsigned seed = device();
  INFO("seed ", seed);
  std::mt19937 random(seed);
  std::string input(1 << 20, '\0');
  for (auto& byte : input) byte = static_cast<char>(random() & 0xFF);
  // A long line too, and some answers that are plainly fine.
  input.append(200'000, 'x');
  input += "\n1\ntrue\n2\n";
  const auto drill = place.run({"drill", "crss.yaml", "--json", "--seed", "5"}, input);
  CHECK(drill.exit_code == 0);
  const auto events = json_events(drill.out);
  const auto invalid = std::count_if(events.begin(), events.end(), [](const core::JsonValue& e) {
    return e.find("event")->text == "invalid";
  });
  CHECK(invalid > 100);
  CHECK(static_cast<std::ptrdiff_t>(events.size()) > invalid);
  // What was kept is text: valid UTF-8 without control characters.
  const auto history = place.run({"history", "--json"});
  CHECK(history.exit_code == 0);
  for (const auto& review : json_events(history.out)) {
    const std::string& answer = review.find("answer")->text;
    INFO(answer);
    CHECK(first_raw_control(answer) == std::nullopt);
  }
  // And the text protocol shows nothing raw either.
  check_shown("drill text", place.run({"drill", "crss.yaml", "--seed", "6"}, input));
}

TEST_CASE("hostile text: check warns about each text with a control character, with its place") {
  const Place place;
  const auto check = place.run({"check", "evil.yaml"});
  CHECK(check.exit_code == 0);
  CHECK(check.err.find("evil.yaml:1:8: warning: this text holds a control character, U+001B "
                       "(escape); quizdeck shows it as '^[' and never sends it to a terminal") !=
        std::string::npos);
  std::size_t warnings = 0;
  for (std::size_t at = check.err.find("control character"); at != std::string::npos;
       at = check.err.find("control character", at + 1)) {
    ++warnings;
  }
  CHECK(warnings == 17);  // every text above but the ids and the shuffle flag
}

TEST_CASE("hostile text: the interactive drill shows control characters and keeps the title") {
  if (!needs_tool("tmux")) return;
  const Place place;
  Tmux tmux(place.dir,
            quizdeck_binary() +
                " drill evil.yaml --store s.db --now 2026-11-01T09:00:00Z "
                "--color never --card pick",
            120, 40);
  const std::string screen = tmux.wait_for("Pick ^[]0;pwned^G");
  CHECK(screen.find("A) Right ^[]0;pwned^G^[]52;c;SGVsbG8=^G") != std::string::npos);
  CHECK(tmux.title().find("pwned") == std::string::npos);
  tmux.keys("B");
  const std::string after = tmux.wait_for("Why not: w2 ^[]0;pwned^G");
  CHECK(after.find("Explanation: x ^[]0;pwned^G") != std::string::npos);
  CHECK(tmux.title().find("pwned") == std::string::npos);
}

}  // namespace quizdeck::test
