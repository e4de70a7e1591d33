// SPDX-License-Identifier: MIT
// Progress figures from hand-made store rows, at a fixed time, in a fixed time zone.
#include <doctest/doctest.h>

#include "support/zone.h"

#include <cstdlib>
#include <ctime>
#include <map>
#include <string>

#include "core/time.h"
#include "stats/stats.h"

namespace quizdeck::test {
namespace {

constexpr std::int64_t kHour = 3600 * 1000;
constexpr std::int64_t kDay = 24 * kHour;
// The cards of one deck, by id, with their tags: what the decks say to the figures.
using DeckCards = std::map<std::string, std::vector<std::string>, std::less<>>;

void set_deck(stats::Input& input, const DeckCards& cards) {
  input.deck_sizes = {cards.size()};
  input.card_tags = [&cards](const store::Store::CardStateRow& row,
                             std::vector<std::string_view>& tags) {
    const auto it = cards.find(row.card_id);
    if (row.deck != 0 || it == cards.end()) return false;
    tags.insert(tags.end(), it->second.begin(), it->second.end());
    return true;
  };
}

using test::Zone;

std::int64_t at(const char* text) {
  return *core::parse_iso8601(text);
}

stats::Input base_input(std::int64_t now, const schedule::Scheduler& scheduler) {
  stats::Input input;
  input.now = now;
  input.day_of = core::local_day;
  input.day_start = core::local_day_start;
  input.schedulers = {&scheduler};
  return input;
}

// One review per listed instant, each in its own 15-minute bucket.
void add_reviews(stats::Input& input, std::initializer_list<const char*> times) {
  for (const char* time : times) input.buckets.push_back({at(time), 1, 1, 5000});
}

TEST_CASE("a streak counts local days and survives the switch to winter time") {
  const Zone zone("EST5EDT,M3.2.0,M11.1.0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  // Daylight saving ends on Sunday 2026-11-01 in New York: that day lasts 25 hours.
  auto input = base_input(at("2026-11-03T12:00:00-05:00"), scheduler);
  add_reviews(
      input, {"2026-10-31T23:30:00-04:00", "2026-11-01T00:30:00-04:00", "2026-11-01T23:30:00-05:00",
              "2026-11-02T22:00:00-05:00", "2026-11-03T08:00:00-05:00"});
  const auto stats = stats::compute(input);
  CHECK(stats.streak == 4);  // Oct 31, Nov 1, 2, 3
  CHECK(stats.reviews_today == 1);
  CHECK(stats.reviews_year == 5);
  REQUIRE(stats.heatmap.size() == 4);
  CHECK(stats.heatmap[1].second == 2);  // both of Nov 1's reviews, 23 hours apart
  CHECK(stats.time_today_ms == 5000);
}

TEST_CASE("a streak crosses the new year, and a day with cards due and no review ends it") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2027-01-02T10:00:00Z"), scheduler);
  const DeckCards deck{{"a", {}}};
  set_deck(input, deck);
  // The card has been due since new year's day.
  input.cards.push_back({0, "a", core::State::kReview, at("2027-01-01T12:00:00Z"), 5.0,
                         at("2027-01-01T00:01:00Z"), 4, 4});
  add_reviews(input, {"2026-12-28T10:00:00Z", "2026-12-30T10:00:00Z", "2026-12-31T23:59:00Z",
                      "2027-01-01T00:01:00Z"});
  auto stats = stats::compute(input);
  // Nothing yet today: the streak through yesterday still stands. 2026-12-29 had no
  // review and no quiet spell says nothing was due: it ends the streak.
  CHECK(stats.streak == 3);
  CHECK(stats.streak_rest == 0);
  CHECK(stats.reviews_today == 0);
  input.now = at("2027-01-03T10:00:00Z");
  stats = stats::compute(input);
  CHECK(stats.streak == 0);
}

TEST_CASE("a day with nothing due neither breaks the streak nor counts in it") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2027-01-05T10:00:00Z"), scheduler);
  const DeckCards deck{{"a", {}}};
  set_deck(input, deck);
  input.cards.push_back({0, "a", core::State::kReview, at("2027-01-08T10:00:00Z"), 5.0,
                         at("2027-01-03T10:00:00Z"), 3, 3});
  add_reviews(input, {"2026-12-28T10:00:00Z", "2026-12-30T10:00:00Z", "2027-01-03T10:00:00Z"});
  for (auto& bucket : input.buckets) bucket.deck = 0;
  // After 12-28 nothing was due until 12-30 10:00: 12-29 was quiet. After 12-30, the
  // spell ends on 01-02 at noon: 12-31 and 01-01 were quiet, 01-02 was not.
  input.quiet = {{0, at("2026-12-28T10:15:00Z"), at("2026-12-30T10:00:00Z")},
                 {0, at("2026-12-30T10:15:00Z"), at("2027-01-02T12:00:00Z")}};
  auto stats = stats::compute(input);
  // Today (01-05) has no review; 01-04 had nothing due since 01-03 (the card is due on
  // 01-08): quiet, then 01-03.
  CHECK(stats.streak == 1);
  CHECK(stats.streak_rest == 1);
  // With the second spell running through 01-02, the streak reaches back to 12-28.
  input.quiet[1].until_ms = at("2027-01-03T10:00:00Z");
  stats = stats::compute(input);
  CHECK(stats.streak == 3);
  CHECK(stats.streak_rest == 5);
  // A spell must cover the whole day: one ending at 12-29 noon leaves 12-29 breaking it.
  input.quiet[0].until_ms = at("2026-12-29T12:00:00Z");
  stats = stats::compute(input);
  CHECK(stats.streak == 2);
  CHECK(stats.streak_rest == 4);
}

TEST_CASE("cards by state, due today, overdue, the week and the forecast") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2026-06-10T12:00:00Z"), scheduler);
  DeckCards deck{{"new", {}}};  // the store lists studied cards only; "new" is not one
  const auto card = [&](const char* id, int state, const char* due) {
    input.cards.push_back(
        {0, id, static_cast<core::State>(state), at(due), state == 0 ? 0.0 : 5.0,
         state == 0 ? std::nullopt : std::optional<std::int64_t>(at(due) - 5 * kDay)});
    deck[id] = {};
  };
  card("overdue", 2, "2026-06-08T09:00:00Z");
  card("tonight", 1, "2026-06-10T23:00:00Z");
  card("tomorrow", 2, "2026-06-11T01:00:00Z");
  card("in-a-week", 3, "2026-06-17T12:00:00Z");
  card("in-8-days", 2, "2026-06-18T12:00:00Z");
  card("in-40-days", 2, "2026-07-20T12:00:00Z");
  input.cards.push_back({0, "gone", core::State::kReview, at("2026-06-01T00:00:00Z"), 5.0,
                         at("2026-05-01T00:00:00Z")});
  set_deck(input, deck);
  const auto stats = stats::compute(input);
  CHECK(stats.new_cards == 1);
  CHECK(stats.learning == 1);
  CHECK(stats.review == 4);
  CHECK(stats.relearning == 1);
  CHECK(stats.orphaned == 1);  // not counted as due either
  // Due today: the overdue review card; the learning card's step comes at 23:00, more than
  // 20 minutes away, so a drill would not ask it now, and neither is it counted.
  CHECK(stats.due_today == 1);
  CHECK(stats.overdue == 1);
  REQUIRE(stats.decks.size() == 1);
  CHECK(stats.decks[0].due == 1);
  CHECK(stats.decks[0].new_today == 1);
  CHECK(stats.due_next_week == 2);
  REQUIRE(stats.forecast.size() == 30);
  CHECK(stats.forecast[0] == 2);
  CHECK(stats.forecast[1] == 1);
  CHECK(stats.forecast[7] == 1);
  CHECK(stats.forecast[8] == 1);
  int total = 0;
  for (int n : stats.forecast) total += n;
  CHECK(total == 5);  // the card due in 40 days is beyond the chart
  REQUIRE(stats.average_recall);
  CHECK(*stats.average_recall > 0);
  CHECK(*stats.average_recall < 1);
}

TEST_CASE("due today follows the deck's study day, its review limit and the cards' marks") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2026-06-10T12:00:00Z"), scheduler);
  DeckCards deck{{"new-1", {}}, {"new-2", {}}, {"new-3", {}}};
  const auto card = [&](const char* id, int state, const char* due) {
    input.cards.push_back(
        {0, id, static_cast<core::State>(state), at(due), state == 0 ? 0.0 : 5.0,
         state == 0 ? std::nullopt : std::optional<std::int64_t>(at(due) - 5 * kDay)});
    deck[id] = {};
  };
  card("overdue", 2, "2026-06-08T09:00:00Z");
  card("tonight", 2, "2026-06-10T23:00:00Z");
  card("before-4am", 2, "2026-06-11T03:59:59Z");
  card("at-4am", 2, "2026-06-11T04:00:00Z");
  card("step-soon", 1, "2026-06-10T12:15:00Z");
  card("suspended", 2, "2026-06-09T09:00:00Z");
  input.cards.back().marks.suspended = true;
  card("buried", 2, "2026-06-09T09:00:00Z");
  input.cards.back().marks.buried_until_ms = at("2026-06-11T04:00:00Z");
  card("new-buried", 0, "2026-06-10T00:00:00Z");
  input.cards.back().marks.buried_until_ms = at("2026-06-11T04:00:00Z");
  set_deck(input, deck);
  input.today = {{at("2026-06-11T04:00:00Z"), 2, std::nullopt}};
  auto stats = stats::compute(input);
  // overdue, tonight, before-4am (review cards before the next day start) and the step.
  CHECK(stats.decks[0].due == 4);
  CHECK(stats.due_today == 4);
  CHECK(stats.suspended == 1);
  CHECK(stats.buried == 2);
  // Three new cards in the deck, one buried: two left, and the day allows two.
  CHECK(stats.decks[0].new_today == 2);
  CHECK(stats.new_today == 2);
  // A review limit of 2 leaves the learning step and two review cards.
  input.today[0].reviews_left = 2;
  stats = stats::compute(input);
  CHECK(stats.decks[0].due == 3);
  // Nothing due: the next due time is the earliest card, buried cards when they come back.
  input.cards.clear();
  deck = {};
  card("later", 2, "2026-06-12T09:00:00Z");
  card("buried", 2, "2026-06-09T09:00:00Z");
  input.cards.back().marks.buried_until_ms = at("2026-06-11T04:00:00Z");
  set_deck(input, deck);
  stats = stats::compute(input);
  CHECK(stats.decks[0].due == 0);
  CHECK(stats.decks[0].next_due == at("2026-06-11T04:00:00Z"));
}

TEST_CASE("retention over 7 and 30 days, and none without reviews") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2026-06-30T12:00:00Z"), scheduler);
  CHECK_FALSE(stats::compute(input).retention_7);
  // Buckets: start, reviews, right, time, recalls, recalls right. Only recalls count.
  input.buckets = {{at("2026-05-01T10:00:00Z"), 1, 0, 1000, 1, 0},
                   {at("2026-06-10T10:00:00Z"), 1, 1, 1000, 1, 1},
                   {at("2026-06-20T10:00:00Z"), 3, 3, 1000, 1, 1},
                   {at("2026-06-28T10:00:00Z"), 1, 0, 1000, 1, 0},
                   {at("2026-06-29T10:00:00Z"), 4, 2, 1000, 1, 1}};
  const auto stats = stats::compute(input);
  CHECK(stats.recalls_7 == 2);
  CHECK(*stats.retention_7 == doctest::Approx(0.5));
  CHECK(stats.recalls_30 == 4);
  CHECK(*stats.retention_30 == doctest::Approx(0.75));
}

TEST_CASE("accuracy by tag, weakest first, without orphans") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2026-06-30T12:00:00Z"), scheduler);
  const DeckCards deck{{"a", {"easy", "all"}}, {"b", {"hard", "all"}}};
  set_deck(input, deck);
  // Kept reviews and right answers per card; "gone" left its deck.
  const auto fresh = core::State::kNew;
  input.cards = {{0, "a", fresh, 0, 0.0, std::nullopt, 4, 4},
                 {0, "b", fresh, 0, 0.0, std::nullopt, 4, 1},
                 {0, "gone", fresh, 0, 0.0, std::nullopt, 10, 0}};
  const auto stats = stats::compute(input);
  REQUIRE(stats.tags.size() == 3);
  CHECK(stats.tags[0].tag == "hard");
  CHECK(stats.tags[1].tag == "all");
  CHECK(stats.tags[1].right == 5);
  CHECK(stats.tags[1].total == 8);
  CHECK(stats.tags[2].tag == "easy");
}

TEST_CASE("the cards missed most often: most first, ties in the rows' order, at most 15") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2026-06-30T12:00:00Z"), scheduler);
  DeckCards deck;
  const auto fresh = core::State::kNew;
  // Card i is missed i % 4 times of 5 (none missed for i % 4 == 0), fed as a stream.
  for (int i = 0; i < 40; ++i) {
    const std::string id = "c" + std::to_string(100 + i);
    deck[id] = {};
    input.cards.push_back({0, id, fresh, 0, 0.0, std::nullopt, 5, 5 - i % 4});
  }
  set_deck(input, deck);
  stats::Tally tally(input);
  for (const auto& row : input.cards) tally.add(row);
  const auto stats = tally.finish();
  REQUIRE(stats.missed.size() == stats::kMostMissed);
  // Ten cards are missed 3 times (c103, c107, ..., c139), then c102 and c106 twice...
  CHECK(stats.missed[0].card_id == "c103");
  CHECK(stats.missed[0].misses == 3);
  CHECK(stats.missed[0].reviews == 5);
  CHECK(stats.missed[9].card_id == "c139");
  CHECK(stats.missed[10].card_id == "c102");
  CHECK(stats.missed[10].misses == 2);
  CHECK(stats.missed[14].card_id == "c118");
  CHECK(stats::compute(input).missed.size() == stats::kMostMissed);
}

TEST_CASE("exam results: finished exams only, with their pass mark") {
  const Zone zone("UTC0");
  const schedule::Scheduler scheduler{schedule::Parameters{}};
  auto input = base_input(at("2026-06-30T12:00:00Z"), scheduler);
  store::SessionRecord exam;
  exam.mode = core::ReviewMode::kExam;
  exam.started_ms = at("2026-06-29T10:00:00Z");
  exam.ended_ms = exam.started_ms + kHour;
  exam.score = 3;
  exam.points = 4;
  exam.pass_mark = 80;
  exam.passed = false;
  store::SessionRecord unfinished = exam;
  unfinished.ended_ms.reset();
  store::SessionRecord drill;
  drill.ended_ms = exam.ended_ms;
  input.sessions = {exam, unfinished, drill};
  const auto stats = stats::compute(input);
  REQUIRE(stats.exams.size() == 1);
  CHECK(stats.exams[0].percent == doctest::Approx(75));
  CHECK(stats.exams[0].passed == false);
}

}  // namespace
}  // namespace quizdeck::test

namespace quizdeck::stats {

TEST_CASE("calibration: mean signed and absolute error of exams with a prediction") {
  std::vector<ExamResult> exams(3);
  exams[0].percent = 80;
  exams[0].predicted_percent = 90;  // optimistic by 10
  exams[1].percent = 70;
  exams[1].predicted_percent = 64;  // pessimistic by 6
  exams[2].percent = 50;            // no prediction: left out
  const Calibration c = calibration(exams);
  CHECK(c.exams == 2);
  CHECK(c.mean_error == doctest::Approx(2));
  CHECK(c.mean_abs_error == doctest::Approx(8));
  CHECK(calibration({}).exams == 0);
}

}  // namespace quizdeck::stats
