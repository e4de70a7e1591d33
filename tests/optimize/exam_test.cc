// SPDX-License-Identifier: MIT
// Studying towards an exam date: the rules, and a simulated learner (true parameters
// known) for whom studying by the plan gives higher exam-day recall than plain scheduling
// at as many reviews, and whose simulated exam scores fall within the plan's band on day 0
// and the day before the exam.
#include "optimize/exam.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <tuple>

#include "optimize/plan.h"

namespace quizdeck::optimize {
namespace {

Params learner_truth() {
  Params w = default_params();
  w[8] = 1.7;
  w[10] = 0.9;
  w[20] = 0.2;
  return w;
}

ExamInput exam_input() {
  ExamInput in;
  in.new_cards = 400;
  in.options.w = learner_truth();
  in.options.exam_day = 30;
  in.options.minutes_per_day = 12;
  in.options.new_per_day = 20;
  in.options.seed = 1;
  in.points.assign(400, 1.0);
  in.questions = 100;
  return in;
}

double mean(const std::vector<double>& xs) {
  double sum = 0;
  for (const double x : xs) sum += x;
  return xs.empty() ? 0 : sum / static_cast<double>(xs.size());
}

}  // namespace

TEST_CASE("exam rules: intervals end before the exam, new cards in by the deadline") {
  CHECK(in_final_days(7, 10));
  CHECK(in_final_days(9, 10));
  CHECK_FALSE(in_final_days(6, 10));
  CHECK_FALSE(in_final_days(10, 10));
  // Exam on day 10: a 20-day interval from day 2 is brought to day 9.
  CHECK(exam_interval(2, 20, 10) == 7);
  CHECK(exam_interval(2, 5, 10) == 5);     // ends before: unchanged
  CHECK(exam_interval(9, 20, 10) == 20);   // reviewed the day before: the exam is next
  CHECK(exam_interval(12, 20, 10) == 20);  // after the exam: as usual
  CHECK(exam_interval(8, 3, 10) == 1);
  // 100 new cards, exam on day 20 (deadline day 17): 6 a day from day 0, the limit if more.
  CHECK(exam_new_per_day(5, 100, 0, 20) == 6);
  CHECK(exam_new_per_day(20, 100, 0, 20) == 20);
  CHECK(exam_new_per_day(5, 30, 16, 20) == 30);  // the last day before the deadline
  CHECK(exam_new_per_day(5, 30, 25, 20) == 5);
}

TEST_CASE("exam score: expectation and band on closed-form cases") {
  // Every card certain: no spread at all.
  auto [score, band] = exam_score({1, 1, 1, 1}, {1, 1, 1, 1}, 0);
  CHECK(score == 1.0);
  CHECK(band == 0.0);
  // Four cards at 0.5, all drawn: variance 4 * 0.25 / 16.
  std::tie(score, band) = exam_score({0.5, 0.5, 0.5, 0.5}, {1, 1, 1, 1}, 0);
  CHECK(score == 0.5);
  CHECK(band == doctest::Approx(1.96 * std::sqrt(0.25 / 4)));
  // Points weight the score.
  std::tie(score, band) = exam_score({1, 0}, {3, 1}, 0);
  CHECK(score == 0.75);
}

TEST_CASE("a simulated learner: the plan beats plain scheduling at as many reviews") {
  const ExamInput in = exam_input();
  const Forecast plan = forecast_exam(in);
  const double plan_recall = mean(plan.recall);
  MESSAGE("plan: ", plan.reviews, " reviews, exam-day recall ", plan_recall, ", score ", plan.score,
          " +- ", plan.band);
  CHECK(plan_recall > 0.8);
  // Plain scheduling: the exam day only measured; the desired retention raised until it
  // spends at least as many reviews as the plan.
  bool compared = false;
  for (double r = 0.80; r < 0.995; r += 0.01) {
    ExamInput plain = in;
    plain.options.aim_at_exam = false;
    plain.options.retention = r;
    plain.options.minutes_per_day = std::numeric_limits<double>::infinity();
    const Forecast f = forecast_exam(plain);
    if (f.reviews < plan.reviews) continue;
    MESSAGE("plain at ", r, ": ", f.reviews, " reviews, exam-day recall ", mean(f.recall));
    CHECK(plan_recall > mean(f.recall));
    compared = true;
    break;
  }
  CHECK(compared);
}

namespace {

// The score of one sitting: `questions` cards drawn, each answered right with its recall.
double sitting(const std::vector<double>& recall, std::size_t questions, std::mt19937_64& rng) {
  std::vector<std::size_t> order(recall.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), rng);
  std::uniform_real_distribution<double> u(0, 1);
  int right = 0;
  for (std::size_t q = 0; q < questions; ++q) right += u(rng) < recall[order[q]];
  return right / static_cast<double>(questions);
}

}  // namespace

namespace {

constexpr int kLearners = 40;

// How many of kLearners learners, each studying from day 0 with a seed the plan did not
// use (seed_base onwards) and then sitting the exam, score inside the plan's band.
int inside_from_day_0(const ExamInput& in, std::uint64_t seed_base, std::uint64_t draw_seed) {
  const Forecast plan = forecast_exam(in);
  int inside = 0;
  std::mt19937_64 rng(draw_seed);
  for (int k = 0; k < kLearners; ++k) {
    SimulationOptions o = in.options;
    o.seed = seed_base + static_cast<std::uint64_t>(k);
    o.days = *o.exam_day;
    const Simulation real = simulate({}, in.new_cards, in.learner, o);
    const double score = sitting(real.exam_recall, in.questions, rng);
    if (std::abs(score - plan.score) <= plan.band) ++inside;
  }
  MESSAGE(inside, " of ", kLearners, " sittings inside ", plan.score, " +- ", plan.band);
  return inside;
}

}  // namespace

// The plan's 95% band is checked where issue 29 asks: on day 0 (400 cards never answered)
// and the day before the exam (from where the learner's own study left each card), each
// time against 40 learners studying with seeds the plan did not use.
TEST_CASE("a simulated learner: exam scores fall within the plan's band") {
  SUBCASE("on day 0") {
    CHECK(inside_from_day_0(exam_input(), 1000, 77) >= kLearners * 90 / 100);
  }
  SUBCASE("the day before the exam") {
    int inside = 0;
    std::mt19937_64 rng(78);
    for (int k = 0; k < kLearners; ++k) {
      // 29 days of the learner's study, then the plan made from where it left the cards.
      ExamInput in = exam_input();
      SimulationOptions o = in.options;
      o.seed = 2000 + static_cast<std::uint64_t>(k);
      o.days = *o.exam_day - 1;
      const Simulation studied = simulate({}, in.new_cards, in.learner, o);
      REQUIRE(studied.end_cards.size() + studied.new_left == in.new_cards);
      in.studied = studied.end_cards;
      in.new_cards = studied.new_left;
      in.options.exam_day = 1;
      in.options.days = 1;
      const Forecast plan = forecast_exam(in);
      // The last day as the learner lives it (another seed), then the exam.
      SimulationOptions last = in.options;
      last.seed = 3000 + static_cast<std::uint64_t>(k);
      const Simulation real = simulate(in.studied, in.new_cards, in.learner, last);
      const double score = sitting(real.exam_recall, in.questions, rng);
      if (std::abs(score - plan.score) <= plan.band) ++inside;
    }
    MESSAGE(inside, " of ", kLearners, " sittings inside the band");
    CHECK(inside >= kLearners * 90 / 100);
  }
  SUBCASE("the CRSS bank's shape: 224 cards, a 75-question exam in 30 days, 30 min a day") {
    ExamInput in = exam_input();
    in.new_cards = 224;
    in.points.assign(224, 1.0);
    in.questions = 75;
    in.options.minutes_per_day = 30;
    CHECK(inside_from_day_0(in, 4000, 79) >= kLearners * 90 / 100);
  }
}

}  // namespace quizdeck::optimize
