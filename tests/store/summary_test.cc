// SPDX-License-Identifier: MIT
// The review summaries statistics read (review_buckets, card_totals) against what the log
// says, recomputed here in plain C++ from the reviews themselves: after every one of a long
// random run of writes, through every path that changes the log (answers, undo, reset,
// relink, prune, and hand-written SQL moving, rescheduling and un-resetting reviews).
// The seed is fresh each run and printed on failure; QUIZDECK_TEST_SEED repeats one.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "support/records.h"

#include "store/store.h"

namespace quizdeck::store {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kBucket = 900'000;
constexpr std::int64_t kT0 = 1767258000000;  // 2026-01-01T09:00:00Z; all times are after

// (deck, bucket) -> reviews, correct, response_ms, recalls, recalls_right
using Buckets = std::map<std::pair<std::string, std::int64_t>, std::vector<std::int64_t>>;
// (deck, card) -> reviews, correct
using Totals = std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>>;

std::pair<Buckets, Totals> expected(Store& store) {
  auto reviews = store.reviews({});
  std::sort(reviews.begin(), reviews.end(), [](const ReviewRecord& a, const ReviewRecord& b) {
    return std::tie(a.time_ms, a.id) < std::tie(b.time_ms, b.id);
  });
  Buckets buckets;
  Totals totals;
  std::map<std::pair<std::string, std::string>, std::int64_t> last_scheduled;
  for (const auto& r : reviews) {
    if (r.reset_ms) continue;
    const auto card = std::make_pair(r.deck_id, r.card_id);
    auto& bucket = buckets[{r.deck_id, r.time_ms / kBucket}];
    bucket.resize(5);
    bucket[0] += 1;
    bucket[1] += r.correct;
    bucket[2] += r.response_ms;
    if (r.scheduled) {
      const auto previous = last_scheduled.find(card);
      if (previous != last_scheduled.end() && previous->second / kDay < r.time_ms / kDay) {
        bucket[3] += 1;
        bucket[4] += r.correct;
      }
      last_scheduled[card] = r.time_ms;
    }
    auto& total = totals[card];
    total.resize(2);
    total[0] += 1;
    total[1] += r.correct;
  }
  return {buckets, totals};
}

std::pair<Buckets, Totals> kept(Store& store) {
  Buckets buckets;
  Totals totals;
  Statement b = store.database().prepare(
      "SELECT deck_id, bucket, reviews, correct, response_ms, recalls, recalls_right FROM "
      "review_buckets WHERE reviews != 0 OR recalls != 0");
  while (b.step()) {
    buckets[{b.text(0), b.integer(1)}] = {b.integer(2), b.integer(3), b.integer(4), b.integer(5),
                                          b.integer(6)};
  }
  Statement t =
      store.database().prepare("SELECT deck_id, card_id, reviews, correct FROM card_totals");
  while (t.step()) totals[{t.text(0), t.text(1)}] = {t.integer(2), t.integer(3)};
  return {buckets, totals};
}

}  // namespace

TEST_CASE("the review summaries always say what the log says") {
  std::uint64_t seed = std::random_device{}();
  if (const char* fixed = std::getenv("QUIZDECK_TEST_SEED"))
    seed = std::strtoull(fixed, nullptr, 10);
  INFO("QUIZDECK_TEST_SEED=" << seed);
  std::mt19937_64 random(seed);
  const auto pick = [&](std::int64_t n) {
    return static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(n));
  };

  Store store = Store::open_memory();
  store.sync_deck({"crss", "CRSS", "crss.yaml", 0},
                  {{"a", "A?"}, {"b", "B?"}, {"c", "C?"}, {"d", "D?"}}, kT0);
  store.sync_deck({"other", "Other", "other.yaml", 0}, {{"a", "A?"}, {"x", "X?"}}, kT0);
  // Few distinct times, so reviews share a time, a bucket and a day, and cross midnight.
  const auto some_time = [&] { return kT0 + pick(5) * kDay / 2 + pick(3) * kBucket + pick(2); };
  int fresh_ids = 0;
  std::vector<Store::Recorded> answers;

  for (int step = 0; step < 400; ++step) {
    const auto cards = store.cards();
    const CardRecord& card =
        cards[static_cast<std::size_t>(pick(static_cast<std::int64_t>(cards.size())))];
    const int op = static_cast<int>(pick(100));
    std::string what;
    if (op < 55 || answers.empty()) {
      ReviewRecord review;
      review.time_ms = some_time();
      review.deck_id = card.deck_id;
      review.card_id = card.card_id;
      review.rating = static_cast<core::Rating>(pick(4) + 1);
      review.correct = pick(3) != 0;
      review.answer = "A";
      review.response_ms = 100 + pick(5000);
      review.scheduled = pick(5) != 0;
      answers.push_back(store.record_review(review, [](const CardRecord& current) {
        CardRecord next = current;
        next.reps += 1;
        return std::optional(next);
      }));
      what = "answer";
    } else {
      const Store::Recorded& recorded =
          answers[static_cast<std::size_t>(pick(static_cast<std::int64_t>(answers.size())))];
      const std::int64_t id = recorded.review_id;
      Database& db = store.database();
      if (op < 62) {
        try {
          store.undo_review(recorded, [](const CardRecord& current,
                                         const std::vector<ReviewRecord>&) { return current; });
        } catch (const StoreError&) {
          // already gone
        }
        what = "undo";
      } else if (op < 70) {
        Statement move = db.prepare("UPDATE reviews SET time_ms = ?2 WHERE id = ?1");
        move.bind(1, id).bind(2, some_time()).run();
        what = "move in time";
      } else if (op < 76) {
        Statement flip = db.prepare("UPDATE reviews SET scheduled = 1 - scheduled WHERE id = ?1");
        flip.bind(1, id).run();
        what = "flip scheduled";
      } else if (op < 80) {
        Statement flip = db.prepare("UPDATE reviews SET correct = 1 - correct WHERE id = ?1");
        flip.bind(1, id).run();
        what = "flip correct";
      } else if (op < 86) {
        store.reset(card.deck_id, pick(4) == 0 ? std::nullopt : std::optional(card.card_id),
                    kT0 + 10 * kDay);
        what = "reset";
      } else if (op < 90) {
        db.exec("UPDATE reviews SET reset_ms = NULL WHERE id % 3 = 0");
        what = "un-reset";
      } else if (op < 96) {
        const std::string new_id = "n" + std::to_string(++fresh_ids);
        store.relink(card.deck_id, card.card_id, new_id, "N?");
        what = "relink";
      } else {
        store.prune(card.deck_id, {card.card_id});
        store.sync_deck({card.deck_id, card.deck_id, "d.yaml", 0}, {{card.card_id, "again?"}}, kT0);
        what = "prune";
      }
    }
    INFO("step " << step << ": " << what);
    const auto [want_buckets, want_totals] = expected(store);
    const auto [have_buckets, have_totals] = kept(store);
    REQUIRE(have_buckets == want_buckets);
    REQUIRE(have_totals == want_totals);
  }
  // The store's own check agrees (the card states here are made up: only the summaries
  // are asked about).
  for (const auto& problem : store.consistency_check()) {
    CHECK(problem.find("summaries") == std::string::npos);
  }
}

TEST_CASE("writes to much of a deck's log refill its summaries instead of firing triggers") {
  Store store = Store::open_memory();
  store.sync_deck({"crss", "CRSS", "crss.yaml", 0}, {{"a", "A?"}, {"b", "B?"}}, kT0);
  store.sync_deck({"other", "Other", "other.yaml", 0}, {{"a", "A?"}}, kT0);
  const auto answer = [&](const std::string& deck, const std::string& card, std::int64_t time) {
    ReviewRecord review;
    review.time_ms = time;
    review.deck_id = deck;
    review.card_id = card;
    review.correct = time % 3 != 0;
    review.answer = "A";
    review.response_ms = 700;
    test::record(store, review, *store.card(deck, card));
  };
  // 1,500 reviews of crss/a over many days (enough to prune in bulk), a few of the others.
  for (int i = 0; i < 1500; ++i) answer("crss", "a", kT0 + i * (kDay / 7));
  for (int i = 0; i < 30; ++i) answer("crss", "b", kT0 + i * kDay);
  for (int i = 0; i < 30; ++i) answer("other", "a", kT0 + i * kDay + 5);
  const auto agree = [&] {
    const auto [want_buckets, want_totals] = expected(store);
    const auto [have_buckets, have_totals] = kept(store);
    CHECK(have_buckets == want_buckets);
    CHECK(have_totals == want_totals);
  };
  agree();
  CHECK(store.prune("crss", {"a"}) == 1500);  // most of the deck's log: refilled
  agree();
  CHECK(store.reset("crss", std::nullopt, kT0 + 400 * kDay) == 30);  // the whole deck
  agree();
  CHECK(store.review_buckets({"crss"}, 0).empty());
  CHECK(store.review_buckets({"other"}, 0).size() == 30);  // untouched
  // The triggers are back on afterwards.
  answer("crss", "b", kT0 + 500 * kDay);
  agree();
  CHECK(store.review_buckets({"crss"}, 0).size() == 1);
}

TEST_CASE("a review that ends a pause of 23 hours or more records when the deck was quiet") {
  Store store = Store::open_memory();
  store.sync_deck({"crss", "CRSS", "crss.yaml", 0}, {{"a", "A?"}, {"b", "B?"}}, kT0);
  ReviewRecord review;
  review.deck_id = "crss";
  review.answer = "A";
  const auto answer = [&](const char* card, std::int64_t at, std::int64_t due) {
    review.card_id = card;
    review.time_ms = at;
    CardRecord next = *store.card("crss", card);
    next.state = core::State::kReview;
    next.stability = 3;
    next.difficulty = 5;
    next.due_ms = due;
    next.last_review_ms = at;
    next.reps += 1;
    test::record(store, review, next);
  };
  const auto spells = [&] {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (const auto& q : store.quiet_spells({"crss"}, 0)) out.emplace_back(q.since_ms, q.until_ms);
    return out;
  };
  // The first review: nothing was due before it, from the beginning.
  answer("a", kT0, kT0 + 5 * kDay);
  using Spells = std::vector<std::pair<std::int64_t, std::int64_t>>;
  CHECK(spells() == Spells{{0, kT0}});
  // 22 hours later: too short a pause to hold a day.
  answer("b", kT0 + 22 * 3'600'000, kT0 + 3 * kDay);
  CHECK(spells().size() == 1);
  // Four days later: b came due at kT0 + 3 days, which ends the quiet spell.
  const std::int64_t b_bucket_end = (kT0 + 22 * 3'600'000) / kBucket * kBucket + kBucket;
  answer("b", kT0 + 4 * kDay, kT0 + 9 * kDay);
  CHECK(spells() == Spells{{0, kT0}, {b_bucket_end, kT0 + 3 * kDay}});
  // Nothing due until after the next review (a is buried past its due): the spell ends
  // there.
  store.database().exec("UPDATE cards SET buried_until_ms = " + std::to_string(kT0 + 20 * kDay) +
                        " WHERE card_id = 'a'");
  answer("b", kT0 + 7 * kDay, kT0 + 30 * kDay);
  REQUIRE(spells().size() == 3);
  CHECK(spells()[2].second == kT0 + 7 * kDay);
  // Due before the pause began (a, unburied): no spell.
  store.database().exec("UPDATE cards SET buried_until_ms = NULL WHERE card_id = 'a'");
  answer("b", kT0 + 40 * kDay, kT0 + 41 * kDay);
  CHECK(spells().size() == 3);
  CHECK(store.quiet_spells({"crss"}, kT0 + 8 * kDay).empty());
  const auto problems = store.consistency_check();
  CHECK_MESSAGE(problems.empty(), problems.front());
}

TEST_CASE("rebuild refills summaries that were tampered with, and check notices") {
  Store store = Store::open_memory();
  store.sync_deck({"crss", "CRSS", "crss.yaml", 0}, {{"a", "A?"}}, kT0);
  ReviewRecord review;
  review.time_ms = kT0;
  review.deck_id = "crss";
  review.card_id = "a";
  review.answer = "A";
  CardRecord next = *store.card("crss", "a");
  next.state = core::State::kReview;
  next.stability = 3;
  next.difficulty = 5;
  next.due_ms = kT0 + kDay;
  next.last_review_ms = kT0;
  next.reps = 1;
  test::record(store, review, next);
  store.database().exec(
      "UPDATE card_totals SET reviews = 7; DELETE FROM review_buckets; INSERT INTO bulk_write "
      "VALUES ('crss');");
  const auto problems = store.consistency_check();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "the review summaries disagree with the log in 3 rows (run 'quizdeck store rebuild')");
  store.rebuild([](const CardRecord& card, const std::vector<ReviewRecord>&) { return card; });
  CHECK(store.consistency_check().empty());
  const auto buckets = store.review_buckets({"crss"}, kT0 - kDay);
  REQUIRE(buckets.size() == 1);
  CHECK(buckets[0].start_ms == kT0);
  CHECK(buckets[0].reviews == 1);
  // The triggers are on again: a new answer is counted.
  review.time_ms = kT0 + kDay;
  next.reps = 2;
  next.last_review_ms = review.time_ms;
  next.due_ms = kT0 + 3 * kDay;
  test::record(store, review, next);
  CHECK(store.card_states({"crss"})[0].reviews == 2);
  CHECK(store.consistency_check().empty());
}

}  // namespace quizdeck::store
