// SPDX-License-Identifier: MIT
// The workload simulator against cases with closed forms: intervals at the desired
// retention, costs of new cards before anything falls due, recall on a large sample, the
// daily time budget; seeded determinism; the retention sweep.
#include "optimize/simulate.h"

#include <doctest/doctest.h>

#include <cmath>

namespace quizdeck::optimize {
namespace {

LearnerProfile always_good() {
  LearnerProfile p;
  p.first_rating = {0, 0, 1, 0};
  p.recalled_rating = {0, 1, 0};
  return p;
}

}  // namespace

TEST_CASE("an interval at the desired retention: recall falls to it exactly then") {
  const Params& w = default_params();
  for (const double s : {0.5, 2.3065, 30.0, 400.0}) {
    for (const double r : {0.7, 0.9, 0.97}) {
      CHECK(recall(w, interval_for(w, s, r), s) == doctest::Approx(r).epsilon(1e-12));
    }
    CHECK(interval_for(w, s, 0.9) == doctest::Approx(s));
  }
  CHECK(next_interval_days(w, 0.1, 0.9, 36500) == 1);
  CHECK(next_interval_days(w, 1e6, 0.9, 365) == 365);
}

TEST_CASE("new cards before any falls due: cost and memorized in closed form") {
  SimulationOptions o;
  o.w = default_params();
  o.days = 2;
  o.new_per_day = 10;
  const Simulation s = simulate({}, 100, always_good(), o);
  REQUIRE(s.days.size() == 2);
  // Good first: stability w2 = 2.3065, due in round(2.3065) = 2 days: nothing due on day 1.
  CHECK(s.days[0].new_cards == 10);
  CHECK(s.days[1].new_cards == 10);
  CHECK(s.reviews == 0);
  CHECK(s.days[0].minutes == doctest::Approx(10 * 13.68 / 60));
  CHECK(s.days[0].memorized == doctest::Approx(10));
  CHECK(s.days[1].memorized == doctest::Approx(10 * recall(o.w, 1, o.w[2]) + 10));
}

TEST_CASE("reviews recall as often as FSRS predicts, on a large sample") {
  const Params& w = default_params();
  std::vector<SimCard> cards(20000);
  for (SimCard& c : cards) {
    c.state = {5, 5};
    c.last_day = -9;
    c.due_day = 0;
  }
  LearnerProfile p = always_good();
  p.review_seconds = {60, 0, 0, 0};  // a minute per lapse, nothing otherwise
  SimulationOptions o;
  o.w = w;
  o.days = 1;
  o.new_per_day = 0;
  const Simulation s = simulate(cards, 0, p, o);
  CHECK(s.reviews == 20000);
  const double expected = 1 - recall(w, 9, 5);
  const double sd = std::sqrt(expected * (1 - expected) / 20000);
  CHECK(std::abs(s.minutes / 20000 - expected) < 4 * sd);
}

TEST_CASE("the daily budget and the review limit hold") {
  std::vector<SimCard> cards(100);
  for (SimCard& c : cards) c.state = {3, 5};
  SimulationOptions o;
  o.w = default_params();
  o.days = 1;
  o.minutes_per_day = 1;  // 60 s: Good reviews take 7.33 s
  const Simulation budget = simulate(cards, 50, always_good(), o);
  CHECK(budget.reviews == 8);
  CHECK(budget.new_cards == 0);
  CHECK(budget.minutes <= 1.0 + 1e-9);
  o.minutes_per_day = std::numeric_limits<double>::infinity();
  o.reviews_per_day = 30;
  CHECK(simulate(cards, 0, always_good(), o).reviews == 30);
}

TEST_CASE("the same seed gives the same simulation, the sweep finds a retention in range") {
  SimulationOptions o;
  o.w = default_params();
  o.days = 120;
  o.new_per_day = 10;
  const LearnerProfile learner;
  const Simulation a = simulate({}, 800, learner, o);
  const Simulation b = simulate({}, 800, learner, o);
  CHECK(a.reviews == b.reviews);
  CHECK(a.days.back().memorized == b.days.back().memorized);
  o.seed = 2;
  CHECK(simulate({}, 800, learner, o).reviews != a.reviews);

  const auto sweep = retention_sweep({}, 800, learner, o, 0.70, 0.97);
  REQUIRE(sweep.size() == 28);
  CHECK(sweep.front().retention == 0.70);
  CHECK(sweep.back().retention == 0.97);
  // More retention costs more time and keeps more in memory.
  CHECK(sweep.back().minutes_per_day > sweep.front().minutes_per_day);
  CHECK(sweep.back().memorized > sweep.front().memorized);
  const auto& best = optimal_retention(sweep);
  CHECK(best.retention >= 0.70);
  CHECK(best.retention <= 0.97);
  for (const auto& p : sweep) CHECK(best.minutes_per_card <= p.minutes_per_card);
}

}  // namespace quizdeck::optimize

namespace quizdeck::optimize {

// fsrs-rs's own optimal-retention tests (simulation.rs: test_optimal_retention and
// test_optimal_retention_with_old_parameters) simulate 10 new cards a day with no daily
// budget: with the FSRS-6 default parameters its search ends at its floor, 0.70; with FSRS-5
// parameters without the short-term terms (19 filled with w19 = 0, w20 = 0.5), at 0.755.
// Its objective is ours (all minutes over the cards memorized at the end); its costs differ
// in detail (learning and relearning steps of their own; ours are folded into the first
// review and Again). Here 300 of its 1,000 days, two runs a retention (seeded; 0.72 to 0.78
// over other seeds and spans): the same two answers, the second inside the range.
TEST_CASE("the optimal retention agrees with fsrs-rs's search: at the floor, and inside") {
  SimulationOptions o;
  o.days = 300;
  o.new_per_day = 10;
  o.seed = 5;
  const LearnerProfile learner;
  o.w = default_params();
  const auto fsrs6 = retention_sweep({}, 3000, learner, o, 0.70, 0.95, 2);
  CHECK(optimal_retention(fsrs6).retention <= 0.71);
  Params w5 = default_params();
  w5[17] = 0;
  w5[18] = 0;
  w5[19] = 0;
  w5[20] = 0.5;
  o.w = w5;
  const auto fsrs5 = retention_sweep({}, 3000, learner, o, 0.70, 0.95, 2);
  const double inside = optimal_retention(fsrs5).retention;
  CHECK(inside >= 0.72);
  CHECK(inside <= 0.80);
  // Both ends cost more per card than the optimum: a minimum, not an edge of the range.
  CHECK(fsrs5.front().minutes_per_card > optimal_retention(fsrs5).minutes_per_card);
  CHECK(fsrs5.back().minutes_per_card > 1.3 * optimal_retention(fsrs5).minutes_per_card);
}

}  // namespace quizdeck::optimize

namespace quizdeck::optimize {

TEST_CASE(
    "with an exam day the sweep gives exam-day recall and the cheapest retention to a target") {
  SimulationOptions o;
  o.w = default_params();
  o.days = 20;
  o.exam_day = 20;
  o.new_per_day = 10;
  const LearnerProfile learner;
  const auto sweep = retention_sweep({}, 60, learner, o, 0.70, 0.97, 2);
  for (const auto& p : sweep) {
    CHECK(p.exam_recall > 0.5);
    CHECK(p.exam_recall <= 1.0);
  }
  // Cards never introduced count as forgotten: half a minute a day learns at most four
  // cards a day (6.5 s at the cheapest), 20 of the 60 by an exam 5 days ahead.
  SimulationOptions starve = o;
  starve.days = 5;
  starve.exam_day = 5;
  starve.minutes_per_day = 0.5;
  const auto starved = retention_sweep({}, 60, learner, starve, 0.70, 0.97, 2);
  for (const auto& p : starved) CHECK(p.exam_recall <= 20.0 / 60.0);
  CHECK(cheapest_reaching(starved, 0.5) == nullptr);
  // Of those that reach a target, the fewest minutes a day.
  const RetentionPoint* cheapest = cheapest_reaching(sweep, 0.5);
  REQUIRE(cheapest != nullptr);
  for (const auto& p : sweep) CHECK(cheapest->minutes_per_day <= p.minutes_per_day);
  CHECK(cheapest_reaching(sweep, 1.01) == nullptr);
  // Without an exam day, no exam recall.
  o.exam_day.reset();
  for (const auto& p : retention_sweep({}, 60, learner, o, 0.90, 0.91)) CHECK(p.exam_recall == 0);
}

}  // namespace quizdeck::optimize
