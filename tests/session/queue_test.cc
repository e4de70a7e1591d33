// SPDX-License-Identifier: MIT
#include "session/queue.h"

#include <doctest/doctest.h>

#include "support/records.h"
#include "support/zone.h"

#include "deck/parse_deck.h"

namespace quizdeck::session {
namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kT0 = 1767258000000;  // 2026-01-01T09:00:00Z

deck::Deck make_deck(const std::string& id, int cards) {
  std::string yaml = "title: " + id + "\nid: " + id + "\ncards:\n";
  for (int i = 0; i < cards; ++i) {
    yaml += "  - id: c" + std::to_string(i) + "\n    question: Q" + std::to_string(i) +
            "?\n    answer: a\n    tags: [" + (i % 2 == 0 ? "even" : "odd") + "]\n";
  }
  auto parse = deck::parse_deck(id + ".yaml", yaml);
  REQUIRE(parse.deck);
  return *parse.deck;
}

void sync(store::Store& store, const deck::Deck& deck) {
  std::vector<store::CardSeen> seen;
  for (const auto& card : deck.cards) {
    std::string tags;
    for (const auto& tag : card.tags) tags += (tags.empty() ? "" : " ") + tag;
    seen.push_back({card.id, card.prompt, tags});
  }
  store.sync_deck({deck.id, deck.title, deck.path, 0}, seen, kT0 - 10 * kDay);
}

// Gives a card a review state due at `due`, first reviewed at `first`.
void review(store::Store& store, const std::string& deck, const std::string& card,
            std::int64_t first, std::int64_t due) {
  auto record = *store.card(deck, card);
  record.state = core::State::kReview;
  record.due_ms = due;
  record.stability = 5;
  record.difficulty = 5;
  record.reps += 1;
  record.last_review_ms = first;
  store::ReviewRecord r;
  r.time_ms = first;
  r.deck_id = deck;
  r.card_id = card;
  test::record(store, r, record);
}

// Each deck's study day at `now` under the default rules with `new_per_day` new cards.
std::map<std::string, DeckDay> days(store::Store& store, const std::vector<deck::Deck>& decks,
                                    std::int64_t now, int new_per_day = 20,
                                    std::optional<int> reviews_per_day = std::nullopt) {
  StudySettings settings;
  settings.new_per_day = new_per_day;
  settings.reviews_per_day = reviews_per_day;
  std::map<std::string, DeckDay> out;
  for (const auto& deck : decks) out.emplace(deck.id, deck_day(store, deck.id, settings, now));
  return out;
}

std::vector<std::string> drain(DrillQueue& queue, std::int64_t now) {
  std::vector<std::string> out;
  while (auto entry = queue.next(now)) out.push_back(entry->card_id);
  return out;
}

}  // namespace

TEST_CASE("a drill asks due cards most overdue first, then new cards in deck order") {
  store::Store store = store::Store::open_memory();
  const deck::Deck deck = make_deck("d", 6);
  sync(store, deck);
  review(store, "d", "c4", kT0 - 5 * kDay, kT0 - 1 * kDay);
  review(store, "d", "c2", kT0 - 5 * kDay, kT0 - 3 * kDay);
  review(store, "d", "c5", kT0 - 5 * kDay, kT0 + 3 * kDay);  // not due yet
  DrillQueue queue = plan_drill(store, {deck}, {}, kT0, days(store, {deck}, kT0), std::nullopt);
  CHECK(queue.due_count() == 2);
  CHECK(queue.new_count() == 3);
  CHECK(drain(queue, kT0) == std::vector<std::string>{"c2", "c4", "c0", "c1", "c3"});
}

TEST_CASE("new cards are limited per deck per day, counting those started today") {
  store::Store store = store::Store::open_memory();
  const deck::Deck a = make_deck("a", 10);
  const deck::Deck b = make_deck("b", 10);
  sync(store, a);
  sync(store, b);
  review(store, "a", "c0", kT0 - kMinute, kT0 + kDay);   // started today
  review(store, "a", "c1", kT0 - 2 * kDay, kT0 + kDay);  // started before today
  DrillQueue queue = plan_drill(store, {a, b}, {}, kT0, days(store, {a, b}, kT0, 3), std::nullopt);
  CHECK(queue.new_count() == 2 + 3);
  CHECK(drain(queue, kT0) == std::vector<std::string>{"c2", "c3", "c0", "c1", "c2"});
}

TEST_CASE("max caps due and new cards together, and filters pick cards by tag or id") {
  store::Store store = store::Store::open_memory();
  const deck::Deck deck = make_deck("d", 8);
  sync(store, deck);
  review(store, "d", "c1", kT0 - 5 * kDay, kT0 - kDay);
  DrillQueue capped = plan_drill(store, {deck}, {}, kT0, days(store, {deck}, kT0), 3);
  CHECK(drain(capped, kT0) == std::vector<std::string>{"c1", "c0", "c2"});
  CardFilter odd;
  odd.tags = {"odd"};
  DrillQueue odd_queue =
      plan_drill(store, {deck}, odd, kT0, days(store, {deck}, kT0), std::nullopt);
  CHECK(drain(odd_queue, kT0) == std::vector<std::string>{"c1", "c3", "c5", "c7"});
  CardFilter one;
  one.card = "c6";
  DrillQueue one_queue =
      plan_drill(store, {deck}, one, kT0, days(store, {deck}, kT0), std::nullopt);
  CHECK(drain(one_queue, kT0) == std::vector<std::string>{"c6"});
}

TEST_CASE("a drill asks every review card due before the next study day starts") {
  // kT0 is 09:00 UTC; with day-start 4 the study day ends at 04:00 tomorrow.
  const test::Zone zone("UTC0");
  store::Store store = store::Store::open_memory();
  const deck::Deck deck = make_deck("d", 4);
  sync(store, deck);
  review(store, "d", "c0", kT0 - 5 * kDay, kT0 + 10'000);                  // 09:00:10
  review(store, "d", "c1", kT0 - 5 * kDay, kT0 + 18 * 3600'000);           // 03:00 tomorrow
  review(store, "d", "c2", kT0 - 5 * kDay, kT0 + 19 * 3600'000);           // 04:00: tomorrow
  review(store, "d", "c3", kT0 - 5 * kDay, kT0 + 19 * 3600'000 + 60'000);  // later still
  DrillQueue queue = plan_drill(store, {deck}, {}, kT0, days(store, {deck}, kT0), std::nullopt);
  CHECK(queue.due_count() == 2);
  CHECK(drain(queue, kT0) == std::vector<std::string>{"c0", "c1"});
}

TEST_CASE("reviews-per-day caps a deck's review cards, counting those reviewed today") {
  const test::Zone zone("UTC0");
  store::Store store = store::Store::open_memory();
  const deck::Deck deck = make_deck("d", 6);
  sync(store, deck);
  for (int i = 0; i < 5; ++i) {
    review(store, "d", "c" + std::to_string(i), kT0 - 5 * kDay, kT0 - kDay + i * kMinute);
  }
  // One review already today (first reviewed days ago): the cap of 3 leaves 2.
  review(store, "d", "c5", kT0 - 6 * kDay, kT0 + 3 * kDay);
  review(store, "d", "c5", kT0 - kMinute, kT0 + 3 * kDay);
  DrillQueue queue =
      plan_drill(store, {deck}, {}, kT0, days(store, {deck}, kT0, 20, 3), std::nullopt);
  CHECK(drain(queue, kT0) == std::vector<std::string>{"c0", "c1"});
}

TEST_CASE("learning steps come back when due, or up to 20 minutes early at the end") {
  DrillQueue queue({{"d", "due", kT0 - kDay}}, {{"d", "new1", kT0}, {"d", "new2", kT0}});
  CHECK(queue.next(kT0)->card_id == "due");
  const auto first = queue.next(kT0);
  CHECK(first->card_id == "new1");
  queue.answered(*first, core::State::kLearning, kT0 + 1 * kMinute);  // Again: back in a minute
  CHECK(queue.learning_count() == 1);
  // A minute later the learning card goes before the remaining new card.
  CHECK(queue.next(kT0 + kMinute)->card_id == "new1");
  queue.answered({"d", "new1", 0}, core::State::kLearning,
                 kT0 + 11 * kMinute);  // Good: the 10-minute step
  CHECK(queue.next(kT0 + kMinute)->card_id == "new2");
  // Nothing else left: the step comes early (10 minutes ahead is within 20).
  CHECK(queue.next(kT0 + kMinute)->card_id == "new1");
  queue.answered({"d", "new1", 0}, core::State::kReview,
                 kT0 + 3 * kDay);  // graduated: not this session
  CHECK_FALSE(queue.next(kT0 + 2 * kMinute));
  // A step further away than the learn-ahead limit ends the session.
  DrillQueue later({}, {{"d", "n", kT0}});
  later.answered(*later.next(kT0), core::State::kRelearning, kT0 + 30 * kMinute);
  CHECK_FALSE(later.next(kT0));
  CHECK(later.next(kT0 + 10 * kMinute)->card_id == "n");
}

TEST_CASE("undo puts the card back at the front") {
  DrillQueue queue({{"d", "a", 0}, {"d", "b", 0}}, {});
  const auto a = *queue.next(kT0);
  queue.answered(a, core::State::kLearning, kT0 + kMinute);
  queue.push_front(a);
  CHECK(queue.learning_count() == 0);
  CHECK(queue.next(kT0)->card_id == "a");
  CHECK(queue.next(kT0)->card_id == "b");
}

TEST_CASE("spread_apart: siblings and a card that shows another's answer are never side by side") {
  auto parsed = deck::parse_deck("d.yaml", R"(title: D
id: d
cards:
  - id: name
    question: What does AED stand for?
    answer: automated external defibrillator
  - id: use
    question: When is an automated external defibrillator used?
    answer: cardiac arrest
  - id: steps
    cloze: "Check {{responsiveness}}, then start {{compressions}}."
  - id: rate
    question: How many compressions a minute?
    answer: "100"
)");
  REQUIRE(parsed.deck);
  const deck::Deck& deck = *parsed.deck;
  const auto card_of = [&](const QueueEntry& e) { return deck.cards.find(e.card_id); };
  // name, use (gives name away), steps#1, steps#2 (its sibling), rate (shows steps#2's answer).
  std::vector<QueueEntry> entries{
      {"d", "name"}, {"d", "use"}, {"d", "steps#1"}, {"d", "steps#2"}, {"d", "rate"}};
  spread_apart(entries, card_of);
  std::vector<std::string> order;
  for (const auto& e : entries) order.push_back(e.card_id);
  CHECK(order == std::vector<std::string>{"name", "steps#1", "use", "steps#2", "rate"});
  // rate follows steps#2 only when nothing else is left to put between them.
  const auto related = [&](const std::string& a, const std::string& b) {
    return (a == "name" && b == "use") || (a == "use" && b == "name") ||
           (a.starts_with("steps") && b.starts_with("steps"));
  };
  for (std::size_t i = 1; i + 1 < order.size(); ++i) {
    INFO(order[i - 1], " then ", order[i]);
    CHECK_FALSE(related(order[i - 1], order[i]));
  }
  // Cards that are no cloze's blanks are no one's siblings: a list of them stays as it is.
  std::vector<QueueEntry> plain{{"d", "name"}, {"d", "rate"}, {"d", "steps#1"}};
  spread_apart(plain, [](const QueueEntry&) -> const deck::Card* { return nullptr; });
  CHECK(plain[0].card_id == "name");
  CHECK(plain[1].card_id == "rate");
  // Without cards (null), siblings are still kept apart.
  std::vector<QueueEntry> bare{{"d", "steps#1"}, {"d", "steps#2"}, {"d", "name"}};
  spread_apart(bare, [](const QueueEntry&) -> const deck::Card* { return nullptr; });
  CHECK(bare[1].card_id == "name");
}

}  // namespace quizdeck::session
