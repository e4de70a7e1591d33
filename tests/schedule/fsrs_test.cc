// SPDX-License-Identifier: MIT
// The worked examples of ../shared/fsrs/SPEC.md section 14 and the known Alea values.
#include "schedule/fsrs.h"
#include "support/expected.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

#include "core/time.h"
#include "schedule/alea.h"

namespace quizdeck::schedule {
namespace {

std::int64_t at(const char* iso) {
  return *core::parse_iso8601(iso);
}

}  // namespace

TEST_CASE("JavaScript rounding: halves go up, round8 keeps 8 decimals") {
  CHECK(js_round(2.5) == 3);
  CHECK(js_round(-2.5) == -2);
  CHECK(js_round(-2.6) == -3);
  CHECK(js_round(0.49999999999999994) == 0);
  CHECK(round8(1.234567895) == doctest::Approx(1.2345679).epsilon(1e-15));
  CHECK(round8(-0.000000005) == 0);  // -0.5e-8 rounds up to -0
}

TEST_CASE("Alea reproduces ts-fsrs's known values") {
  Alea a("12345");
  CHECK(a.next() == 0.27138191112317145);
  CHECK(a.next() == 0.19615925149992108);
  CHECK(a.next() == 0.6810678059700876);
  CHECK(Alea("1727015666066").next() == 0.6320083506871015);
  CHECK(Alea("NegativeS2Seed").next() == 0.830770346801728);
  CHECK(js_number(0) == "0");
  CHECK(js_number(8.2956) == "8.2956");
  CHECK(js_number(36.05646792) == "36.05646792");
}

TEST_CASE("derived constants with the default weights") {
  const Scheduler scheduler{Parameters{}};
  CHECK(scheduler.interval_modifier() == 1);
  Parameters p;
  p.request_retention = 0.85;
  CHECK(Scheduler(p).interval_modifier() == 1.90642614);
}

TEST_CASE("a new card's four outcomes (SPEC 14)") {
  const Scheduler scheduler{Parameters{}};
  const std::int64_t now = at("2022-12-29T12:30:00Z");
  const Preview preview = *scheduler.preview(new_card(now), now);
  CHECK(preview[Rating::kAgain].stability == 0.212);
  CHECK(preview[Rating::kHard].stability == 1.2931);
  CHECK(preview[Rating::kGood].stability == 2.3065);
  CHECK(preview[Rating::kEasy].stability == 8.2956);
  CHECK(preview[Rating::kAgain].difficulty == 6.4133);
  CHECK(preview[Rating::kHard].difficulty == 5.11217071);
  CHECK(preview[Rating::kGood].difficulty == 2.11810397);
  CHECK(preview[Rating::kEasy].difficulty == 1);
  CHECK(preview[Rating::kAgain].state == State::kLearning);
  CHECK(preview[Rating::kAgain].due == now + 1 * kMinuteMs);
  CHECK(preview[Rating::kHard].due == now + 6 * kMinuteMs);
  CHECK(preview[Rating::kGood].due == now + 10 * kMinuteMs);
  CHECK(preview[Rating::kGood].learning_steps == 1);
  CHECK(preview[Rating::kEasy].state == State::kReview);
  CHECK(preview[Rating::kEasy].scheduled_days == 8);
  CHECK(preview[Rating::kEasy].due == at("2023-01-06T12:30:00Z"));
}

TEST_CASE("forgetting curve, difficulty and stability formulas (SPEC 14)") {
  const Scheduler s{Parameters{}};
  CHECK(s.forgetting_curve(0, 1) == 1);
  CHECK(s.forgetting_curve(1, 1) == 0.9);
  CHECK(s.forgetting_curve(2, 1) == 0.84588465);
  CHECK(s.forgetting_curve(3, 1) == 0.8093881);
  CHECK(s.next_difficulty(5, Rating::kAgain) == 8.34176237);
  CHECK(s.next_difficulty(5, Rating::kHard) == 6.66599536);
  CHECK(s.next_difficulty(5, Rating::kGood) == 4.99022837);
  CHECK(s.next_difficulty(5, Rating::kEasy) == 3.31446137);
  CHECK(s.initial_difficulty(Rating::kEasy) == -4.7716307);  // unclamped
  CHECK(s.recall_stability(1, 5, 0.9, Rating::kAgain) == 25.60252118);
  CHECK(s.recall_stability(2, 5, 0.8, Rating::kHard) == 28.22657096);
  CHECK(s.recall_stability(3, 5, 0.7, Rating::kGood) == 58.65599107);
  CHECK(s.recall_stability(4, 5, 0.6, Rating::kEasy) == 127.2266925);
  CHECK(s.forget_stability(1, 5, 0.9) == 1.05253961);
  CHECK(s.forget_stability(2, 5, 0.8) == 1.18943295);
  CHECK(s.forget_stability(3, 5, 0.7) == 1.36808387);
  CHECK(s.forget_stability(4, 5, 0.6) == 1.58498896);
  CHECK(s.short_term_stability(5, Rating::kAgain) == 1.596818);
  CHECK(s.short_term_stability(5, Rating::kHard) == 5);
  CHECK(s.short_term_stability(5, Rating::kGood) == 5);
  CHECK(s.short_term_stability(5, Rating::kEasy) == 8.12960956);
}

TEST_CASE("G,G,G,G,G,G,A,A,G,G,G,G,G on time gives the spec's intervals") {
  const Scheduler scheduler{Parameters{}};
  const std::vector<Rating> ratings{Rating::kGood, Rating::kGood, Rating::kGood,  Rating::kGood,
                                    Rating::kGood, Rating::kGood, Rating::kAgain, Rating::kAgain,
                                    Rating::kGood, Rating::kGood, Rating::kGood,  Rating::kGood,
                                    Rating::kGood};
  std::int64_t now = at("2022-12-29T12:30:00Z");
  CardState card = new_card(now);
  std::vector<int> intervals;
  for (const Rating rating : ratings) {
    card = *scheduler.next(card, now, rating);
    intervals.push_back(card.scheduled_days);
    now = card.due;
  }
  CHECK(intervals == std::vector<int>{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21});
}

TEST_CASE("A,G,G,G,G,G with gaps of 0,0,1,3,8,21 days in both modes") {
  const std::vector<int> offsets{0, 0, 1, 3, 8, 21};
  const std::vector<Rating> ratings{Rating::kAgain, Rating::kGood, Rating::kGood,
                                    Rating::kGood,  Rating::kGood, Rating::kGood};
  const auto run = [&](bool short_term) {
    Parameters p;
    p.enable_short_term = short_term;
    const Scheduler scheduler(p);
    std::int64_t now = at("2022-12-29T12:30:00Z");
    CardState card = new_card(now);
    for (std::size_t i = 0; i < ratings.size(); ++i) {
      now += offsets[i] * kDayMs;  // the offsets add up
      card = *scheduler.next(card, now, ratings[i]);
    }
    return card;
  };
  const CardState short_term = run(true);
  CHECK(short_term.stability == 53.62690465);
  CHECK(short_term.difficulty == 6.35748708);
  CHECK(run(false).stability == 53.33506455);
}

TEST_CASE("next_interval(1.0) for retentions 0.1 ... 1.0") {
  const std::vector<int> expected{3116769, 34793, 2508, 387, 90, 27, 9, 3, 1, 1};
  for (int i = 1; i <= 10; ++i) {
    Parameters p;
    p.request_retention = i / 10.0;
    p.maximum_interval = 100'000'000;
    CHECK(Scheduler(p).next_interval(1.0, 0, 0) == expected[static_cast<std::size_t>(i - 1)]);
  }
}

TEST_CASE("days are UTC calendar days") {
  CHECK(calendar_days_between(at("2024-01-01T23:50:00Z"), at("2024-01-02T00:10:00Z")) == 1);
  CHECK(calendar_days_between(at("2024-01-01T00:10:00Z"), at("2024-01-01T23:50:00Z")) == 0);
  const Scheduler scheduler{Parameters{}};
  CardState card = *scheduler.next(new_card(at("2024-01-01T23:00:00Z")), at("2024-01-01T23:00:00Z"),
                                   Rating::kEasy);
  // Two hours later is the next UTC day: the formulas see t = 1, get_retrievability t = 0.
  const ReviewContext context = scheduler.context(card, at("2024-01-02T01:00:00Z"));
  CHECK(context.elapsed == 1);
  CHECK(context.r_get == 1);
  CHECK(*context.r < 1);
}

TEST_CASE("a review dated before the last review's UTC day is refused") {
  const Scheduler scheduler{Parameters{}};
  const CardState card = *scheduler.next(new_card(at("2024-01-05T10:00:00Z")),
                                         at("2024-01-05T10:00:00Z"), Rating::kEasy);
  CHECK(test::failure_of(scheduler.next(card, at("2024-01-03T10:00:00Z"), Rating::kGood)) ==
        "Invalid delta_t \"-2\"");
  CHECK(test::failure_of(scheduler.preview(card, at("2024-01-03T10:00:00Z"))) ==
        "Invalid delta_t \"-2\"");
}

}  // namespace quizdeck::schedule
