// SPDX-License-Identifier: MIT
// Answers given elsewhere (analysis/responses.h): a paper sheet read by its form's order,
// a Google Forms export by its columns' text, each answer graded against the deck, and
// everything that matches nothing reported where it is.
#include <doctest/doctest.h>

#include "analysis/responses.h"
#include "deck/parse_deck.h"

namespace quizdeck::analysis {
namespace {

constexpr std::int64_t kWhen = 1'790'000'000'000;

const deck::Deck& test_deck() {
  static const deck::Deck deck = *deck::parse_deck("paper.yaml", R"(title: Paper
id: paper
exam: {questions: 3, pass: 50%}
cards:
  - id: capital
    question: What is the **capital** of Australia?
    choices: [Sydney, Canberra, Melbourne]
    answer: Canberra
  - id: flag
    type: multi
    question: Which colours are on the flag of France?
    choices: ["Red, white", Blue, Green]
    answer: ["Red, white", Blue]
  - id: boil
    type: numeric
    question: Water boils at how many degrees Celsius at sea level?
    answer: 100
    points: 2
)")
                                      .deck;
  return deck;
}

// Form "9": boil, capital (choices printed in reverse), flag (as written).
std::optional<std::vector<FormQuestion>> form_of(std::string_view form) {
  if (form != "9") return std::nullopt;
  return std::vector<FormQuestion>{{2, {}}, {0, {2, 1, 0}}, {1, {0, 1, 2}}};
}

ResponsesRead read(std::string text, ResponsesFormat format) {
  const core::SourceText source("answers.csv", std::move(text));
  auto out = read_responses(source, format, test_deck(), form_of, kWhen);
  REQUIRE(out.has_value());
  return std::move(*out);
}

TEST_CASE("a paper sheet is read in its form's order, letters as that form printed them") {
  const auto r =
      read("learner,form,1,2,3\nann,9,100,B,AB\nben,9,99,A,B\n", ResponsesFormat::kSheet);
  CHECK(r.findings.empty());
  REQUIRE(r.learners.size() == 2);
  const LearnerResponses& ann = r.learners[0];
  REQUIRE(ann.sittings.size() == 1);
  CHECK(ann.sittings[0].questions.size() == 3);
  CHECK(ann.sittings[0].questions[0].card == "boil");
  CHECK(*ann.sittings[0].score == 4);  // 2 + 1 + 1
  CHECK(*ann.sittings[0].points == 4);
  CHECK(*ann.sittings[0].passed);
  REQUIRE(ann.answers.size() == 3);
  // B on the reversed capital is Canberra; the shown order is kept.
  CHECK(ann.answers[1].card == "capital");
  CHECK(*ann.answers[1].picked == std::vector<std::string>{"Canberra"});
  CHECK(*ann.answers[1].shown == std::vector<std::string>{"Melbourne", "Canberra", "Sydney"});
  CHECK(ann.answers[1].correct);
  CHECK(*ann.answers[2].picked == std::vector<std::string>{"Red, white", "Blue"});
  // A on the reversed capital is Melbourne: wrong.
  const LearnerResponses& ben = r.learners[1];
  CHECK_FALSE(ben.answers[1].correct);
  CHECK(*ben.answers[1].picked == std::vector<std::string>{"Melbourne"});
  CHECK(*ben.sittings[0].score == 0.0 + 0 + 0.5 * 1);  // one of two right choices
  CHECK(ben.answers[0].answer == std::optional<std::string>("99"));
}

TEST_CASE("a Forms export is read by its columns' text, checkbox choices split on commas") {
  const auto r = read(
      "Timestamp,Email Address,Score,What is the capital of Australia?,Which colours are on "
      "the flag of France?,[boil] Water?,Comments\n"
      "2026/05/14 10:23:11 AM GMT+2,ann@x.org,4 / 4,Canberra,\"Red, white, Blue\",100,fine\n"
      "5/14/2026 14:02:00,ann@x.org,,Sydney,Blue,,\n",
      ResponsesFormat::kForms);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].message ==
        "column 7 ('Comments') asks no question of deck 'paper'; "
        "left out");
  REQUIRE(r.learners.size() == 1);
  const LearnerResponses& ann = r.learners[0];
  REQUIRE(ann.sittings.size() == 2);
  CHECK(ann.sittings[0].attempt == 1);
  CHECK(ann.sittings[1].attempt == 2);
  CHECK(ann.sittings[0].started_ms == 1'778'746'991'000);  // 08:23:11Z
  CHECK(ann.sittings[1].started_ms == 1'778'767'320'000);  // 14:02:00Z
  CHECK(*ann.sittings[0].score == 4);
  REQUIRE(ann.answers.size() == 5);  // the second sitting left boil blank
  CHECK(*ann.answers[1].picked == std::vector<std::string>{"Red, white", "Blue"});
  CHECK(ann.answers[1].correct);
  CHECK(*ann.answers[4].attempt == 2);
}

TEST_CASE("what matches nothing is reported with its line, and left out") {
  const auto r = read(
      "learner,form,1,2,3\n"
      "ann,8,100,B,A\n"
      ",9,100,B,A\n"
      "\"ben \x1b[2J\",9,hundred,D,\"A,\xff\"\n",
      ResponsesFormat::kSheet);
  REQUIRE(r.findings.size() == 5);
  CHECK(r.findings[0].message.starts_with("ann: '8' is no form of deck 'paper'"));
  CHECK(r.findings[0].line == 2);
  CHECK(r.findings[1].message == "a row without a learner; left out");
  CHECK(
      r.findings[2].message.starts_with("ben ^[[2J, question 1 (column 3): 'hundred' is no "
                                        "answer to card 'boil'"));
  CHECK(r.findings[2].line == 4);
  CHECK(r.findings[3].message.starts_with("ben ^[[2J, question 2 (column 4): 'D' is no answer"));
  CHECK(r.findings[4].message.find("not valid UTF-8") != std::string::npos);
  REQUIRE(r.learners.size() == 1);
  CHECK(r.learners[0].answers.empty());
  CHECK(*r.learners[0].sittings[0].score == 0);
  CHECK(*r.learners[0].sittings[0].points == 4);
}

TEST_CASE("Moodle's Responses report: each slot's question text names the card") {
  const auto r = read(
      "Last name,First name,Email address,State,Started on,Grade/4.00,Question 1,Response 1,"
      "Question 2,Response 2,Question 3,Response 3\n"
      "One,Ann,ann@x.org,Finished,\"14 May 2026, 2:02 PM\",4.00,Which colours are on the flag "
      "of France?,\"Red, white; Blue\",What is the capital of Australia?,Canberra,Water boils at "
      "how many degrees Celsius at sea level?,-\n"
      "Two,Ben,,In progress,-,-,What is the capital of Australia?,Sydney,Who?,Me,,\n"
      "Three,Cy,,-,-,-,-,-,-,-,-,-\n"
      "Overall average,,,,,2.00,,,,,,\n",
      ResponsesFormat::kMoodle);
  REQUIRE(r.learners.size() == 2);
  const LearnerResponses& ann = r.learners[0];
  CHECK(ann.learner == "ann@x.org");
  CHECK(ann.sittings[0].started_ms == 1'778'767'320'000);
  CHECK(ann.sittings[0].complete);
  CHECK(ann.sittings[0].questions.size() == 3);  // boil asked, not answered
  CHECK(*ann.sittings[0].score == 2);
  REQUIRE(ann.answers.size() == 2);
  CHECK(*ann.answers[0].picked == std::vector<std::string>{"Red, white", "Blue"});
  const LearnerResponses& ben = r.learners[1];
  CHECK(ben.learner == "Ben Two");
  CHECK_FALSE(ben.sittings[0].complete);
  CHECK(ben.sittings[0].questions.size() == 1);
  // "Who?" is no card; the user without an attempt is a note, not a warning; the date of
  // the unfinished attempt cannot be read.
  REQUIRE(r.findings.size() == 3);
  CHECK(r.findings[0].message ==
        "Ben Two, question 2: 'Who?' is no question of deck 'paper'; "
        "left out");
  CHECK(r.findings[1].severity == core::Severity::kNote);
  CHECK(r.findings[2].message.starts_with("1 attempt without a start time"));
  // Without the question text, no response can be matched.
  const core::SourceText bare("r.csv", "Email address,State,Response 1\nann,Finished,Canberra\n");
  const auto refused = read_responses(bare, ResponsesFormat::kMoodle, test_deck(), form_of, kWhen);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message().find("'Question text' ticked") != std::string::npos);
}

TEST_CASE("columns that cannot be told apart, and sheets out of order, are refused") {
  // The same card twice, a column without a header that holds answers, a row without a
  // learner (named by its file and line).
  const auto r = read(
      "Timestamp,What is the capital of Australia?,[capital] again,\n"
      "2026-05-14T08:00:00Z,Canberra,Sydney,\n"
      "2026-05-14T08:00:00Z,Sydney,Sydney,I cheated\n",
      ResponsesFormat::kForms);
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].message ==
        "column 3 ('[capital] again') asks card 'capital' again (column 2 asks it first); "
        "left out");
  CHECK(r.findings[1].message == "column 4 has no header, but answers in it; left out");
  REQUIRE(r.learners.size() == 2);
  CHECK(r.learners[0].learner == "answers.csv line 2");
  CHECK(r.learners[0].answers.size() == 1);
  CHECK(r.learners[0].answers[0].correct);
  // A sheet's header numbers its questions 1, 2, 3 in order, or nothing is read.
  const core::SourceText sheet("s.csv", "learner,form,3,1,2\nann,9,A,B,100\n");
  const auto refused = read_responses(sheet, ResponsesFormat::kSheet, test_deck(), form_of, kWhen);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().message().find("column 3 should be question 1 but says '3'") !=
        std::string::npos);
  // Past 100 findings, the rest are counted.
  std::string many = "learner,form,1,2,3\n";
  for (int i = 0; i < 150; ++i) many += ",9,A,A,A\n";
  const auto counted = read(many, ResponsesFormat::kSheet);
  CHECK(counted.findings.size() == 100);
  CHECK(counted.unreported == 50);
}

TEST_CASE("a file's kind is told by its first row") {
  CHECK(detect_responses_format(core::SourceText("a", "\xEF\xBB\xBFLearner,Form,1\n")) ==
        ResponsesFormat::kSheet);
  CHECK(detect_responses_format(core::SourceText("a", "Timestamp,Q\n")) == ResponsesFormat::kForms);
  CHECK(detect_responses_format(core::SourceText("a", "Surname,Question 1,Response 1\n")) ==
        ResponsesFormat::kMoodle);
  CHECK_FALSE(detect_responses_format(core::SourceText("a", "name,q1\n")));
  CHECK_FALSE(detect_responses_format(core::SourceText("a", "")));
}

}  // namespace
}  // namespace quizdeck::analysis
