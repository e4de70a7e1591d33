// SPDX-License-Identifier: MIT
// Moodle's quiz-statistics walkthrough, fixture 00: 25 sittings of 7 one-mark questions.
// The marks and the figures Moodle's own test expects are numeric facts read from
// moodle/moodle mod/quiz/report/statistics/tests/ (stats_from_steps_walkthrough_test.php,
// fixtures/results00.csv and qstats00.csv); each figure is checked within the tolerance
// that test allows (relative 1.5e-5 for the quiz, 1e-5 for covariance-based question
// figures, 1e-6 for the others). Moodle's alpha here is negative: its error ratio and
// standard error are still reported.
#include <doctest/doctest.h>

#include <cmath>

#include <fmt/format.h>

#include "analysis/item_analysis.h"

namespace quizdeck::analysis {
namespace {

// results00.csv: each attempt's mark on slots 1 to 7 (attempt 21's 0.3333333 is 1/3).
constexpr double kThird = 1.0 / 3.0;
const double kMarks[25][7] = {
    {1, 1, 1, 1, 1, 0, 1},     {1, 1, 1, 1, 0.5, 1, 0},     {1, 1, 1, 1, 0.5, 0, 1},
    {0, 0, 1, 1, 1, 0, 0},     {1, 0, 1, 0, 0, 1, 0.5},     {1, 1, 1, 1, 0.5, 0, 0.5},
    {0, 1, 1, 1, 0.5, 1, 0.5}, {1, 1, 1, 0, 0.5, 1, 0.5},   {1, 0, 1, 1, 1, 1, 1},
    {0, 1, 1, 0, 0.5, 1, 0.5}, {0.8, 0, 1, 1, 0.5, 1, 0.5}, {1, 1, 1, 0, 0.5, 1, 1},
    {1, 0, 1, 1, 0.5, 1, 0.5}, {1, 0, 1, 1, 1, 0, 0.5},     {0, 0, 1, 1, 0, 1, 1},
    {1, 0, 1, 0, 0.5, 1, 1},   {0.8, 0, 1, 1, 0.5, 0, 1},   {1, 0, 1, 1, 0, 1, 0.5},
    {1, 0, 1, 1, 0.5, 0, 0.5}, {0, 1, 1, 0, 0.5, 1, 0},     {1, 1, kThird, 1, 0.5, 0, 0.5},
    {1, 1, 1, 0, 0.5, 0, 0.5}, {1, 1, 1, 1, 0, 1, 0.5},     {0, 0, 1, 0, 0.5, 1, 1},
    {0, 0, 1, 1, 1, 1, 1}};

struct SlotFigures {
  double facility, sd, weight, discrimination, efficiency;
};
// qstats00.csv, the slot rows.
const SlotFigures kSlots[7] = {
    {0.704, 0.4513682901, 21.2922742344, -7.0650767526, -9.4550536967},
    {0.48, 0.5099019514, 18.8979800309, -28.8982125772, -36.7834118938},
    {0.973333332, 0.13333334, 4.443012573, -9.1230674268, -21.6545012165},
    {0.68, 0.4760952286, 18.9347251357, -22.6306444113, -31.4411395613},
    {0.52, 0.3055050463, 11.1450138688, -17.6997047674, -21.1794802584},
    {0.64, 0.4898979486, 9.8081339177, -45.3785178421, -56.9365974439},
    {0.62, 0.331662479, 15.4788602394, -5.6543166602, -6.5043742058}};

void near(double actual, double expected, double relative) {
  CHECK(std::fabs(actual - expected) <= std::fabs(expected) * relative);
}

std::string slot(std::size_t s) {
  return fmt::format("slot{}", s + 1);
}

TEST_CASE("item analysis: Moodle's statistics fixture 00, every figure Moodle's report shows") {
  std::vector<DeckCard> cards;
  for (std::size_t s = 0; s < 7; ++s) {
    DeckCard c;
    c.deck = "quiz";
    c.card = slot(s);
    c.content = "v1";
    c.type = "short";
    cards.push_back(c);
  }
  ItemAnalysis analysis(cards);
  for (std::int64_t k = 0; k < 25; ++k) {
    analysis.begin_learner();
    ExamSitting sitting;
    sitting.attempt = k + 1;
    sitting.decks = {"quiz"};
    for (std::size_t s = 0; s < 7; ++s) sitting.questions.push_back({"quiz", slot(s)});
    analysis.add(sitting);
    for (std::size_t s = 0; s < 7; ++s) {
      Answer a;
      a.attempt = k + 1;
      a.mode = core::ReviewMode::kExam;
      a.deck = "quiz";
      a.card = slot(s);
      a.content = "v1";
      a.credit = kMarks[k][s];
      a.correct = kMarks[k][s] >= 1;
      analysis.add(a);
    }
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  REQUIRE(report.exams.size() == 1);
  const ExamReport& exam = report.exams.front();
  CHECK(exam.attempts == 25);
  CHECK(exam.basis == "cards");
  // Moodle's quiz figures are in marks (of 7); ours are percentages of the maximum.
  const double marks = 7.0 / 100.0;
  near(exam.mean_percent * marks, 4.617333332, 1.5e-5);
  near(exam.median_percent * marks, 4.5, 1.5e-5);
  REQUIRE(exam.sd_percent);
  near(*exam.sd_percent * marks, 0.8117265554, 1.5e-5);
  REQUIRE(exam.skewness);
  near(*exam.skewness, -0.092502502, 1.5e-5);
  REQUIRE(exam.kurtosis);
  near(*exam.kurtosis, -0.7073968557, 1.5e-5);
  REQUIRE(exam.alpha);
  near(*exam.alpha, -87.2230935542, 1.5e-5);
  REQUIRE(exam.error_ratio);
  near(*exam.error_ratio, 136.8294900795, 1.5e-5);
  REQUIRE(exam.standard_error);
  near(*exam.standard_error * marks, 1.1106813066, 1.5e-5);

  REQUIRE(exam.weights.size() == 7);
  double sum = 0;
  for (std::size_t s = 0; s < 7; ++s) {
    INFO("slot ", s + 1);
    const SlotFigures& want = kSlots[s];
    CHECK(exam.weights[s].card == slot(s));
    REQUIRE(exam.weights[s].weight);
    near(*exam.weights[s].weight, want.weight, 1e-5);
    sum += *exam.weights[s].weight;
    const ItemReport* item = nullptr;
    for (const auto& it : report.items) item = it.card == slot(s) ? &it : item;
    REQUIRE(item != nullptr);
    REQUIRE(item->exam);
    CHECK(item->exam->attempts == 25);
    near(item->exam->facility, want.facility, 1e-6);
    REQUIRE(item->exam->sd);
    near(*item->exam->sd, want.sd, 1e-6);
    REQUIRE(item->exam->discrimination);
    near(*item->exam->discrimination, want.discrimination, 1e-5);
    REQUIRE(item->exam->efficiency);
    near(*item->exam->efficiency, want.efficiency, 1e-5);
  }
  CHECK(sum == doctest::Approx(100));
}

}  // namespace
}  // namespace quizdeck::analysis
