// SPDX-License-Identifier: MIT
// What a session tells the store of its decks: nothing when the deck file is the one the
// store last synced (start-up does not grow with the deck), and after an edit every card's
// place and tags, so that new cards come in deck order and a card that left its deck is
// not asked again.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "deck/parse_deck.h"
#include "session/session.h"

namespace quizdeck::session {
namespace {

constexpr std::int64_t kT0 = 1'790'000'000'000;
constexpr std::int64_t kDay = 86'400'000;

deck::Deck deck_of(const std::string& cards, const std::string& hash) {
  auto parse = deck::parse_deck("d.yaml", "title: D\nid: d\ncards:\n" + cards);
  REQUIRE(parse.deck);
  parse.deck->content_hash = hash;
  return std::move(*parse.deck);
}

std::string card(const std::string& id, const std::string& tag = "t") {
  return "  - id: " + id + "\n    question: " + id + "?\n    answer: " + id + "\n    tags: [" +
         tag + "]\n";
}

std::vector<std::string> drill_order(store::Store& store, const deck::Deck& deck, std::int64_t now,
                                     CardFilter filter = {}) {
  std::map<std::string, schedule::Scheduler> schedulers;
  schedulers.emplace("d", schedule::Scheduler{schedule::Parameters{}});
  SessionOptions options;
  options.filter = std::move(filter);
  Session session({deck}, store, std::move(schedulers), options, now);
  std::vector<std::string> ids;
  while (const auto question = session.next(now)) {
    ids.push_back(question->card->id);
    Answer skip;
    skip.skip = true;
    session.answer(*question, skip, now);
  }
  return ids;
}

TEST_CASE("sync: a deck the store synced with these very bytes is not synced again") {
  store::Store store = store::Store::open_memory();
  const deck::Deck deck = deck_of(card("a") + card("b"), "hash-1");
  drill_order(store, deck, kT0);
  CHECK(store.deck("d")->synced_hash == "hash-1");
  store.database().exec("UPDATE cards SET prompt = 'changed behind its back' WHERE card_id = 'a'");
  drill_order(store, deck, kT0 + 1);
  CHECK(store.card("d", "a")->prompt == "changed behind its back");  // not read again
  drill_order(store, deck_of(card("a") + card("b"), "hash-2"), kT0 + 2);
  CHECK(store.card("d", "a")->prompt == "a?");  // other bytes: synced
  CHECK(store.deck("d")->synced_hash == "hash-2");
}

TEST_CASE("sync: after an edit, new cards come in deck order and a card that left is not asked") {
  store::Store store = store::Store::open_memory();
  CHECK(drill_order(store, deck_of(card("a") + card("b") + card("c"), "v1"), kT0) ==
        std::vector<std::string>{"a", "b", "c"});
  // Study a: it becomes due in the future; then edit the deck: z first, a gone.
  store.database().exec("UPDATE cards SET state = 2, due_ms = " + std::to_string(kT0 + kDay) +
                        ", stability = 3, difficulty = 5, last_review_ms = " + std::to_string(kT0) +
                        " WHERE card_id = 'a'");
  const deck::Deck edited = deck_of(card("z") + card("c", "u") + card("b"), "v2");
  // Two days later a would be due, but it left the deck.
  CHECK(drill_order(store, edited, kT0 + 2 * kDay) == std::vector<std::string>{"z", "c", "b"});
  {
    store::Statement place =
        store.database().prepare("SELECT position FROM cards WHERE card_id = 'a'");
    REQUIRE(place.step());
    CHECK(place.is_null(0));  // it left its deck; its state is kept, it is not asked
  }
  CHECK(store.card("d", "a")->state == core::State::kReview);
  // Tags as the deck has them now, from the store.
  CardFilter u;
  u.tags = {"u"};
  CHECK(drill_order(store, edited, kT0 + 3 * kDay, u) == std::vector<std::string>{"c"});
  // a comes back to the deck: it is due, and asked first.
  const deck::Deck back = deck_of(card("a") + card("z") + card("c", "u") + card("b"), "v3");
  CHECK(drill_order(store, back, kT0 + 4 * kDay).front() == "a");
}

}  // namespace
}  // namespace quizdeck::session
