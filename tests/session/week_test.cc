// SPDX-License-Identifier: MIT
// A learner studies the bundled CRSS deck every morning for a week (the clock passed in):
// new cards come once, right answers push cards further out, a lapse brings a card back
// the same day, and the store stays consistent throughout.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "deck/parse_deck.h"
#include "session/session.h"
#include "support/process.h"

namespace quizdeck::session {
namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kMonday = 1767603600000;  // 2026-01-05T09:00:00Z

// An answer that grades right for the card as shown.
Answer right_answer(const Question& q) {
  const deck::Card& card = *q.card;
  Answer answer;
  answer.response_ms = 8000;  // thoughtful: Good, not Easy
  switch (card.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti:
      for (std::size_t i = 0; i < q.order.size(); ++i) {
        const auto& text = card.choices[q.order[i]].text;
        if (std::find(card.answers.begin(), card.answers.end(), text) != card.answers.end()) {
          answer.text += (answer.text.empty() ? "" : ",") + grade::choice_letter(i);
        }
      }
      break;
    case deck::CardType::kTrueFalse:
      answer.text = card.truth ? "true" : "false";
      break;
    case deck::CardType::kNumeric:
      answer.text = std::to_string(static_cast<int>(card.number));
      break;
    case deck::CardType::kFlash:
      answer.rating = core::Rating::kGood;
      break;
    default:
      answer.text = card.answers.front();
  }
  return answer;
}

}  // namespace

TEST_CASE("a week of daily drills on the CRSS deck") {
  std::ifstream in(test::source_dir() + "/decks/crss.yaml");
  std::stringstream text;
  text << in.rdbuf();
  auto parse = deck::parse_deck("crss.yaml", text.str());
  REQUIRE(parse.deck);
  const deck::Deck deck = *parse.deck;
  store::Store store = store::Store::open_memory();
  std::map<std::string, std::int64_t> last_due;
  std::set<std::string> introduced;
  bool lapsed = false;
  for (int day = 0; day < 7; ++day) {
    const std::int64_t morning = kMonday + day * kDay;
    std::map<std::string, schedule::Scheduler> schedulers;
    schedulers.emplace("crss", schedule::Scheduler(schedule::Parameters{}));
    SessionOptions options;
    options.seed = static_cast<std::uint64_t>(day);
    Session session({deck}, store, schedulers, options, morning);
    std::int64_t now = morning;
    int asked = 0;
    while (const auto question = session.next(now)) {
      ++asked;
      REQUIRE(asked < 200);
      Answer answer = right_answer(*question);
      // On the first day a card comes back for review, the learner forgets it.
      const bool forget = day >= 1 && !lapsed &&
                          store.card("crss", question->card->id)->state == core::State::kReview;
      if (forget) {
        answer = Answer{};
        answer.text = question->card->type == deck::CardType::kFlash ? "" : "zzz";
        answer.rating = question->card->type == deck::CardType::kFlash
                            ? std::optional<core::Rating>(core::Rating::kAgain)
                            : std::nullopt;
        if (question->card->type == deck::CardType::kTrueFalse) {
          answer.text = question->card->truth ? "false" : "true";
        }
        if (question->card->type == deck::CardType::kNumeric) answer.text = "999";
        if (question->card->type == deck::CardType::kChoice ||
            question->card->type == deck::CardType::kMulti) {
          answer.text = "A";
          if (right_answer(*question).text == "A") answer.text = "B";
        }
      }
      const Result result = session.answer(*question, answer, now);
      REQUIRE(result.grade.verdict != grade::Verdict::kInvalid);
      CHECK(result.scheduled);
      REQUIRE(result.due_ms);
      CHECK(*result.due_ms > now);
      if (forget) {
        lapsed = true;
        CHECK(result.rating == core::Rating::kAgain);
        CHECK(*result.due_ms - now == 10 * 60'000);  // relearning step: back in 10 minutes
      }
      introduced.insert(question->card->id);
      now += 10'000;
    }
    session.finish(now);
    if (day == 0) CHECK(asked >= static_cast<int>(deck.cards.size()));  // every card is new

    // After each day's session nothing is due before tomorrow morning except cards in a
    // (re)learning step, and every card was seen.
    CHECK(store.due_cards({"crss"}, now, 1000).empty());
    for (const auto& card : store.cards("crss")) {
      // Every card was seen, but for siblings of a card answered today (they wait a day).
      const bool buried = card.marks.buried_until_ms && *card.marks.buried_until_ms > now;
      CHECK((card.state != core::State::kNew || buried));
      CHECK_FALSE(card.marks.suspended);
      if (card.state == core::State::kReview) {
        CHECK(card.due_ms >= last_due[card.card_id]);  // right answers never pull a card closer
        last_due[card.card_id] = card.due_ms;
      }
    }
    CHECK(store.consistency_check().empty());
  }
  CHECK(lapsed);
  CHECK(introduced.size() == deck.cards.size());
  // After a week of right answers no card is due on Sunday evening, and most are days
  // away: intervals grow.
  const std::int64_t sunday = kMonday + 6 * kDay;
  int days_away = 0;
  for (const auto& card : store.cards("crss")) {
    CHECK(card.due_ms > sunday);
    days_away += card.due_ms > sunday + 2 * kDay ? 1 : 0;
  }
  CHECK(days_away >= static_cast<int>(deck.cards.size()) / 2);
  CHECK(store.sessions().size() == 7);
}

}  // namespace quizdeck::session
