// SPDX-License-Identifier: MIT
// The same answers, sat as exams in quizdeck and given on a paper sheet, in a Google Forms
// export and in Moodle's Responses report, read by `quizdeck responses`: the item and exam
// statistics and the grades of all four agree (issue 31), from runs of the real binary.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "support/process.h"

namespace quizdeck::test {
namespace {

namespace fs = std::filesystem;

struct Dir {
  fs::path path = fs::temp_directory_path() / ("quizdeck-responses-" + std::to_string(::getpid()));
  Dir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

ProcessResult run(const Dir& dir, std::vector<std::string> args, const std::string& input = "") {
  std::vector<std::string> argv{quizdeck_binary(), "--store", dir.file("none.db"), "--now",
                                "2026-05-14T09:00:00Z"};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions options;
  options.cwd = dir.path.string();
  options.stdin_text = input;
  return run_process(argv, options);
}

constexpr const char* kDeck = R"(title: Paper exam sample
id: paper
exam: {questions: 3, pass: 60%}
cards:
  - id: capital
    question: What is the capital of Australia?
    choices: [Sydney, Canberra, Melbourne, Perth]
    answer: Canberra
  - id: primes
    type: multi
    question: Which of these are prime?
    choices: [Two, Four, Five, Nine]
    answer: [Two, Five]
  - id: boil
    question: At sea level, water boils at how many degrees Celsius?
    type: numeric
    answer: 100
  - id: sun
    question: The Sun is a star.
    type: truefalse
    answer: true
)";

struct Learner {
  const char* name;
  const char* letters;  // as the exam with --seed 7 shows the choices, one line each
  const char* capital;  // the same answers in words
  const char* primes;
  const char* boil;
};

const std::vector<Learner> kClass{
    {"ann", "A\nB,D\n100\n", "Canberra", "Two, Five", "100"},
    {"ben", "B\nB\n99\n", "Sydney", "Two", "99"},
    {"cat", "A\nB,C,D\n100\n", "Canberra", "Two, Four, Five", "100"},
    {"dan", "C\nA,B,D\n90\n", "Perth", "Nine, Two, Five", "90"},
};

std::string semicolons(std::string text) {
  for (std::size_t at = text.find(", "); at != std::string::npos; at = text.find(", ", at)) {
    text.replace(at, 2, "; ");
  }
  return text;
}

TEST_CASE(
    "responses: a sheet, Forms and Moodle give the analysis the same answers give in "
    "quizdeck") {
  const Dir dir;
  write_text_file(dir.file("paper.yaml"), kDeck);
  // Sat in quizdeck: the exam of --seed 7 is the form print --exam --seed 7 prints.
  fs::create_directories(dir.path / "sat");
  std::string sheet = "learner,form,1,2,3\n";
  std::string forms =
      "Timestamp,Email Address,What is the capital of Australia?,Which of these are prime?,"
      "\"At sea level, water boils at how many degrees Celsius?\"\n";
  std::string moodle =
      "Last name,First name,Email address,State,Started on,Grade/3.00,Question 1,Response "
      "1,Question 2,Response 2,Question 3,Response 3\n";
  for (const Learner& l : kClass) {
    const std::string store = dir.file(std::string(l.name) + ".db");
    std::vector<std::string> exam{
        quizdeck_binary(), "--store", store, "--now", "2026-05-14T08:00:00Z", "exam",
        "paper.yaml",      "--seed",  "7"};
    ProcessOptions options;
    options.cwd = dir.path.string();
    options.stdin_text = l.letters;
    const auto sat = run_process(exam, options);
    REQUIRE_MESSAGE((sat.exit_code == 0 || sat.exit_code == 5), sat.err);
    const auto results = run_process({quizdeck_binary(), "--store", store, "results", "--learner",
                                      l.name, "-o", "sat/" + std::string(l.name) + ".jsonl"},
                                     options);
    REQUIRE_MESSAGE(results.exit_code == 0, results.err);
    std::string letters = l.letters;
    for (char& c : letters) c = c == '\n' ? ',' : c;
    letters.pop_back();
    // A, "B,D", 100: the multi-letter cell quoted.
    const auto first = letters.find(',');
    const auto last = letters.rfind(',');
    sheet += std::string(l.name) + ",7," + letters.substr(0, first) + ",\"" +
             letters.substr(first + 1, last - first - 1) + "\"," + letters.substr(last + 1) + "\n";
    forms += std::string("2026-05-14T08:00:00Z,") + l.name + "," + l.capital + ",\"" + l.primes +
             "\"," + l.boil + "\n";
    moodle += std::string("X,") + l.name + "," + l.name + ",Finished,\"14 May 2026, 8:00 AM\",," +
              "What is the capital of Australia?," + l.capital + ",Which of these are prime?,\"" +
              semicolons(l.primes) +
              "\",\"At sea level, water boils at how many degrees Celsius?\"," + l.boil + "\n";
  }
  write_text_file(dir.file("sheet.csv"), sheet);
  write_text_file(dir.file("forms.csv"), forms);
  write_text_file(dir.file("moodle.csv"), moodle);
  // The item and exam statistics; not each card's FSRS memory, which only answers that
  // scheduled it have (an exam sat in quizdeck schedules its cards, a sheet has no store).
  const auto analysis = [&](const std::string& folder) {
    const auto out = run(dir, {"analyze", "paper.yaml", folder, "--json"});
    REQUIRE_MESSAGE(out.exit_code == 0, out.err);
    return std::regex_replace(out.out, std::regex(R"("memory":\{[^}]*\})"), R"("memory":null)");
  };
  const auto grades = [&](const std::string& folder) {
    const auto out = run(dir, {"grades", "paper.yaml", folder, "--csv"});
    REQUIRE_MESSAGE(out.exit_code == 0, out.err);
    return out.out;
  };
  const std::string expected = analysis("sat");
  const std::string expected_grades = grades("sat");
  CHECK(expected.find("\"facility\"") != std::string::npos);
  for (const char* file : {"sheet.csv", "forms.csv", "moodle.csv"}) {
    INFO(file);
    const std::string folder = std::string("from-") + file;
    const auto read =
        run(dir, {"responses", "paper.yaml", file, "--date", "2026-05-14T08:00:00Z", "-o", folder});
    REQUIRE_MESSAGE(read.exit_code == 0, read.err);
    CHECK(analysis(folder) == expected);
    CHECK(grades(folder) == expected_grades);
  }
}

}  // namespace
}  // namespace quizdeck::test
