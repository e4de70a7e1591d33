// SPDX-License-Identifier: MIT
// Every table operation of the store, on an in-memory database.
#include "store/store.h"

#include <doctest/doctest.h>

#include "store/schema.h"

namespace quizdeck::store {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kT0 = 1767258000000;  // 2026-01-01T09:00:00Z

Store with_deck() {
  Store store = Store::open_memory();
  store.sync_deck({"crss", "CRSS", "decks/crss.yaml", 0},
                  {{"a", "Question A?"}, {"b", "Question B?"}, {"c", "Question C?"}}, kT0);
  return store;
}

CardRecord reviewed(CardRecord card, std::int64_t time, std::int64_t due,
                    core::State state = core::State::kReview) {
  card.state = state;
  card.due_ms = due;
  card.stability = 3;
  card.difficulty = 5;
  card.reps += 1;
  card.last_review_ms = time;
  return card;
}

// What record_review is given: the card as the store holds it, then reviewed.
Store::NextState then_reviewed(std::int64_t time, std::int64_t due,
                               core::State state = core::State::kReview) {
  return
      [=](const CardRecord& current) { return std::optional(reviewed(current, time, due, state)); };
}

ReviewRecord review_of(const std::string& card, std::int64_t time,
                       core::Rating rating = core::Rating::kGood) {
  ReviewRecord review;
  review.time_ms = time;
  review.deck_id = "crss";
  review.card_id = card;
  review.rating = rating;
  review.correct = rating != core::Rating::kAgain;
  review.answer = "A";
  review.response_ms = 1500;
  return review;
}

}  // namespace

TEST_CASE("a new store has the current schema") {
  Store store = Store::open_memory();
  CHECK(store.schema_version() == kSchemaVersion);
  CHECK(store.integrity_check() == std::vector<std::string>{"ok"});
  CHECK(store.consistency_check().empty());
}

TEST_CASE("sync_deck adds new cards, refreshes prompts and removes nothing") {
  Store store = with_deck();
  REQUIRE(store.deck("crss"));
  CHECK(store.deck("crss")->path == "decks/crss.yaml");
  CHECK(store.cards("crss").size() == 3);
  const auto a = *store.card("crss", "a");
  CHECK(a.state == core::State::kNew);
  CHECK(a.created_ms == kT0);
  CHECK(a.due_ms == kT0);
  store.sync_deck({"crss", "CRSS 2", "elsewhere.yaml", 0},
                  {{"a", "Question A, reworded?"}, {"d", "D?"}}, kT0 + kDay);
  CHECK(store.deck("crss")->title == "CRSS 2");
  CHECK(store.deck("crss")->seen_ms == kT0 + kDay);
  CHECK(store.cards("crss").size() == 4);
  CHECK(store.card("crss", "a")->prompt == "Question A, reworded?");
  CHECK(store.card("crss", "a")->created_ms == kT0);
  CHECK(store.decks().size() == 1);
}

TEST_CASE("record_review writes the review and the card's new state together") {
  Store store = with_deck();
  const auto a = *store.card("crss", "a");
  const std::int64_t id =
      store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + 2 * kDay)).review_id;
  CHECK(id == 1);
  const auto after = *store.card("crss", "a");
  CHECK(after.state == core::State::kReview);
  CHECK(after.reps == 1);
  CHECK(after.due_ms == kT0 + 2 * kDay);
  CHECK(after.last_review_ms == kT0);
  const auto log = store.reviews({});
  REQUIRE(log.size() == 1);
  CHECK(log[0].card_id == "a");
  CHECK(log[0].answer == "A");
  CHECK(log[0].response_ms == 1500);
  CHECK(log[0].scheduled);
  CHECK(store.consistency_check().empty());
}

TEST_CASE("a review that does not touch the schedule leaves the card alone") {
  Store store = with_deck();
  ReviewRecord cram = review_of("a", kT0);
  cram.mode = core::ReviewMode::kCram;
  cram.scheduled = false;
  store.record_review(cram, then_reviewed(kT0, kT0 + kDay));
  CHECK(store.card("crss", "a")->state == core::State::kNew);
  CHECK(store.reviews({}).size() == 1);
  ReviewFilter kept;
  kept.only_scheduled_and_kept = true;
  CHECK(store.reviews(kept).empty());
}

TEST_CASE("a review of an unknown card is refused and nothing is written") {
  Store store = with_deck();
  CardRecord ghost;
  ghost.deck_id = "crss";
  ghost.card_id = "ghost";
  CHECK_THROWS_AS(store.record_review(review_of("ghost", kT0),
                                      [&](const CardRecord&) { return std::optional(ghost); }),
                  StoreError);
  CHECK(store.review_count() == 0);
}

TEST_CASE("undo_review deletes the review and puts back the previous state") {
  Store store = with_deck();
  const auto recorded = store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + kDay));
  CHECK(recorded.scheduled);
  CHECK(recorded.before.state == core::State::kNew);
  CHECK(recorded.after == *store.card("crss", "a"));
  const auto never = [](const CardRecord&, const std::vector<ReviewRecord>&) -> CardRecord {
    FAIL("the card was not answered elsewhere: nothing to replay");
    return {};
  };
  store.undo_review(recorded, never);
  CHECK(store.review_count() == 0);
  CHECK(store.card("crss", "a")->state == core::State::kNew);
  CHECK(store.card("crss", "a")->reps == 0);
  CHECK_THROWS_AS(store.undo_review(recorded, never), StoreError);
}

TEST_CASE("each answer builds on the state the store holds, not on one read earlier") {
  // Two sessions read the same new card, then both answer it: the second answer must
  // start from the first one's state.
  Store store = with_deck();
  const auto stale = *store.card("crss", "a");
  const auto first = store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + kDay));
  const auto second =
      store.record_review(review_of("a", kT0 + 1000), then_reviewed(kT0 + 1000, kT0 + kDay));
  CHECK(first.before == stale);
  CHECK(second.before == first.after);
  CHECK(store.card("crss", "a")->reps == 2);
  CHECK(store.consistency_check().empty());

  SUBCASE("taking back the first answer replays what is left of the log") {
    std::vector<ReviewRecord> seen;
    store.undo_review(first, [&](const CardRecord& card, const std::vector<ReviewRecord>& log) {
      seen = log;
      CardRecord replayed = card;
      replayed.reps = static_cast<int>(log.size());
      return replayed;
    });
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].id == second.review_id);
    CHECK(store.card("crss", "a")->reps == 1);
    CHECK(store.consistency_check().empty());
  }
  SUBCASE("taking back the last answer puts back the state before it") {
    store.undo_review(second, [](const CardRecord& card, const std::vector<ReviewRecord>&) {
      FAIL("the card is as the answer left it");
      return card;
    });
    CHECK(*store.card("crss", "a") == first.after);
  }
}

TEST_CASE("a scheduled review whose next state is nothing is written unscheduled") {
  Store store = with_deck();
  const auto recorded = store.record_review(
      review_of("a", kT0), [](const CardRecord&) { return std::optional<CardRecord>(); });
  CHECK_FALSE(recorded.scheduled);
  CHECK(store.card("crss", "a")->state == core::State::kNew);
  REQUIRE(store.reviews({}).size() == 1);
  CHECK_FALSE(store.reviews({})[0].scheduled);
}

TEST_CASE("due_cards comes from the due index, most overdue first, and skips new cards") {
  Store store = with_deck();
  store.sync_deck({"other", "Other", "o.yaml", 0}, {{"x", "X?"}}, kT0);
  store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + 3 * kDay));
  store.record_review(review_of("b", kT0), then_reviewed(kT0, kT0 + 1 * kDay));
  ReviewRecord x = review_of("x", kT0);
  x.deck_id = "other";
  store.record_review(x, then_reviewed(kT0, kT0 + kDay));
  const auto due = store.due_cards({"crss"}, kT0 + 5 * kDay, 10);
  REQUIRE(due.size() == 2);
  CHECK(due[0].card_id == "b");
  CHECK(due[1].card_id == "a");
  CHECK(store.due_cards({"crss"}, kT0 + 2 * kDay, 10).size() == 1);
  CHECK(store.due_cards({"crss", "other"}, kT0 + 5 * kDay, 10).size() == 3);
  CHECK(store.due_cards({"crss"}, kT0 + 5 * kDay, 1).size() == 1);
  CHECK(store.next_due({"crss"}, kT0) == kT0 + kDay);
  CHECK(store.next_due({"crss"}, kT0 + 10 * kDay) == std::nullopt);
  const auto queue = store.due_queue({"crss"}, kT0 + 5 * kDay, kT0 + 5 * kDay, 10);
  REQUIRE(queue.size() == 2);
  CHECK(queue[0].card_id == "b");
  CHECK(queue[0].due_ms == kT0 + kDay);
  Statement covering = store.database().prepare(
      "EXPLAIN QUERY PLAN SELECT deck_id, card_id, due_ms FROM cards INDEXED BY cards_due "
      "WHERE state != 0 AND suspended = 0 AND due_ms <= 1 AND deck_id IN ('crss') ORDER BY due_ms "
      "LIMIT 5");
  REQUIRE(covering.step());
  CHECK(covering.text(3).find("USING COVERING INDEX cards_due") != std::string::npos);
  // The query uses the index, not a scan of every card.
  Statement plan = store.database().prepare(
      "EXPLAIN QUERY PLAN SELECT * FROM cards INDEXED BY cards_due WHERE state != 0 AND "
      "suspended = 0 AND due_ms <= 1 "
      "AND deck_id IN ('crss') ORDER BY due_ms LIMIT 5");
  REQUIRE(plan.step());
  CHECK(plan.text(3).find("USING INDEX cards_due") != std::string::npos);
}

TEST_CASE("reviews can be filtered by deck, card and time") {
  Store store = with_deck();
  store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + kDay));
  store.record_review(review_of("b", kT0 + kDay), then_reviewed(kT0 + kDay, kT0 + 2 * kDay));
  store.record_review(review_of("a", kT0 + 2 * kDay),
                      then_reviewed(kT0 + 2 * kDay, kT0 + 5 * kDay));
  ReviewFilter by_card;
  by_card.card_id = "a";
  CHECK(store.reviews(by_card).size() == 2);
  ReviewFilter since;
  since.since_ms = kT0 + kDay;
  CHECK(store.reviews(since).size() == 2);
  ReviewFilter other_deck;
  other_deck.deck_id = "nope";
  CHECK(store.reviews(other_deck).empty());
  CHECK(store.review_counts("crss") == std::map<std::string, std::int64_t>{{"a", 2}, {"b", 1}});
}

TEST_CASE("sessions are started and finished") {
  Store store = with_deck();
  SessionRecord exam;
  exam.mode = core::ReviewMode::kExam;
  exam.decks = {"crss"};
  exam.started_ms = kT0;
  exam.pass_mark = 70;
  exam.id = store.begin_session(exam);
  ReviewRecord answer = review_of("a", kT0 + 1000);
  answer.session_id = exam.id;
  answer.mode = core::ReviewMode::kExam;
  store.record_review(answer, then_reviewed(kT0, kT0 + kDay));
  exam.ended_ms = kT0 + 60'000;
  exam.score = 1;
  exam.points = 2;
  exam.passed = false;
  store.end_session(exam);
  const auto sessions = store.sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].mode == core::ReviewMode::kExam);
  CHECK(sessions[0].ended_ms == kT0 + 60'000);
  CHECK(sessions[0].score == 1.0);
  CHECK(sessions[0].passed == false);
  CHECK(store.reviews({})[0].session_id == exam.id);
}

TEST_CASE("rebuild recomputes every card from its kept, scheduled reviews") {
  Store store = with_deck();
  store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + kDay));
  store.database().exec("UPDATE cards SET reps = 9 WHERE card_id = 'a'");
  CHECK(store.consistency_check().size() == 1);
  std::map<std::string, std::size_t> seen;
  const auto cards =
      store.rebuild([&](const CardRecord& card, const std::vector<ReviewRecord>& reviews) {
        seen[card.card_id] = reviews.size();
        CardRecord out = card;
        out.reps = static_cast<int>(reviews.size());
        if (reviews.empty()) {
          out.state = core::State::kNew;
          out.last_review_ms.reset();
        }
        return out;
      });
  CHECK(cards == 3);
  CHECK(seen == std::map<std::string, std::size_t>{{"a", 1}, {"b", 0}, {"c", 0}});
  CHECK(store.card("crss", "a")->reps == 1);
  CHECK(store.consistency_check().empty());
}

TEST_CASE("relink moves history to the new id, never onto a card with history") {
  Store store = with_deck();
  store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + kDay));
  store.record_review(review_of("b", kT0), then_reviewed(kT0, kT0 + kDay));
  store.relink("crss", "a", "a2", "Question A, reworded?");
  CHECK_FALSE(store.card("crss", "a"));
  REQUIRE(store.card("crss", "a2"));
  CHECK(store.card("crss", "a2")->reps == 1);
  CHECK(store.card("crss", "a2")->prompt == "Question A, reworded?");
  CHECK(store.review_counts("crss").at("a2") == 1);
  // Onto a card the deck already registered (no history): that row is replaced, and the
  // moved history takes its place in the deck (the old id had left it).
  store.sync_deck({"crss", "CRSS", "decks/crss.yaml", 0, "v2"},
                  {{"b", "Question B?", "x"}, {"c", "Question C?", "y z"}}, kT0);
  store.relink("crss", "a2", "c", "Question C?");
  CHECK(store.card("crss", "c")->reps == 1);
  const auto place = [&](const char* id) {
    Statement query =
        store.database().prepare("SELECT position, tags FROM cards WHERE card_id = ?1");
    query.bind(1, id);
    REQUIRE(query.step());
    return std::make_pair(query.optional_integer(0), query.text(1));
  };
  CHECK(place("c") == std::make_pair(std::optional<std::int64_t>(1), std::string("y z")));
  CHECK(store.deck("crss")->synced_hash == "v2");
  CHECK_THROWS_WITH_AS(store.relink("crss", "c", "b", "B"),
                       "card 'b' already has reviews of its own; relink moves history only to a "
                       "card without any",
                       StoreError);
  CHECK_THROWS_WITH_AS(store.relink("crss", "zzz", "b", "B"),
                       "deck 'crss' has no card 'zzz' in the store", StoreError);
  CHECK(store.consistency_check().empty());
}

TEST_CASE("prune removes cards and their reviews") {
  Store store = with_deck();
  store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + kDay));
  CHECK(store.prune("crss", {"a", "b"}) == 1);
  CHECK(store.cards("crss").size() == 1);
  CHECK(store.review_count() == 0);
}

TEST_CASE("reset keeps reviews, marks them and makes the cards new") {
  Store store = with_deck();
  store.record_review(review_of("a", kT0), then_reviewed(kT0, kT0 + kDay));
  store.record_review(review_of("b", kT0), then_reviewed(kT0, kT0 + kDay));
  CHECK(store.reset("crss", std::string("a"), kT0 + kDay) == 1);
  CHECK(store.card("crss", "a")->state == core::State::kNew);
  CHECK(store.card("crss", "b")->state == core::State::kReview);
  CHECK(store.review_count() == 2);
  ReviewFilter kept;
  kept.only_scheduled_and_kept = true;
  CHECK(store.reviews(kept).size() == 1);
  CHECK(store.reviews({})[0].reset_ms == kT0 + kDay);
  CHECK(store.reset("crss", std::nullopt, kT0 + 2 * kDay) == 1);  // only b was left
  CHECK(store.consistency_check().empty());
}

TEST_CASE("settings are kept per scope") {
  Store store = with_deck();
  store.set_setting("", "retention", "0.85");
  store.set_setting("crss", "retention", "0.95");
  store.set_setting("crss", "retention", "0.9");
  CHECK(store.settings("") == std::map<std::string, std::string>{{"retention", "0.85"}});
  CHECK(store.settings("crss") == std::map<std::string, std::string>{{"retention", "0.9"}});
  store.unset_setting("crss", "retention");
  CHECK(store.settings("crss").empty());
}

TEST_CASE("consistency_check names impossible states") {
  Store store = with_deck();
  store.database().exec("UPDATE cards SET state = 2, reps = 0 WHERE card_id = 'b'");
  const auto problems = store.consistency_check();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "card crss/b has an impossible scheduling state (run 'quizdeck store rebuild')");
}

TEST_CASE("consistency_check knows the marks: a leech that never lapsed, a wrong note") {
  Store store = with_deck();
  store.database().exec("UPDATE cards SET leech = 1 WHERE card_id = 'a'");
  store.database().exec("UPDATE cards SET note = 'x' WHERE card_id = 'b'");
  const auto problems = store.consistency_check();
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("card crss/a is marked a leech but never lapsed") == 0);
  CHECK(problems[1].find("card crss/b has the note of another card") == 0);
  // A reset clears the leech mark (and any burial), keeping a suspension.
  store.database().exec("UPDATE cards SET suspended = 1, buried_until_ms = 5 WHERE card_id = 'a'");
  store.reset("crss", std::string("a"), kT0);
  const auto a = *store.card("crss", "a");
  CHECK_FALSE(a.marks.leech);
  CHECK_FALSE(a.marks.buried_until_ms);
  CHECK(a.marks.suspended);
}

TEST_CASE("kept statements are prepared once, reset for each use, and move with the store") {
  Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db.exec("CREATE TABLE t (x INTEGER PRIMARY KEY)");
  Statement& insert = db.kept("INSERT INTO t (x) VALUES (?1)");
  insert.bind(1, 1).run();
  CHECK(&db.kept("INSERT INTO t (x) VALUES (?1)") == &insert);
  Statement& count = db.kept("SELECT count(*) FROM t");
  REQUIRE(count.step());
  CHECK(count.integer(0) == 1);
  // Left mid-row: the next use starts over.
  Database moved = std::move(db);
  Statement& again = moved.kept("INSERT INTO t (x) VALUES (?1)");
  CHECK(&again == &insert);
  again.bind(1, 2).run();
  Statement& recount = moved.kept("SELECT count(*) FROM t");
  REQUIRE(recount.step());
  CHECK(recount.integer(0) == 2);
  // Errors name the connection it moved to.
  Statement& duplicate = moved.kept("INSERT INTO t (x) VALUES (?1)");
  duplicate.bind(1, 2);
  CHECK_THROWS_AS(duplicate.run(), StoreError);
}

}  // namespace quizdeck::store
