// SPDX-License-Identifier: MIT
// The gradebook: sittings chosen as Moodle's grading methods choose them, scores from
// answers regraded against the deck, per-tag scores and the missed items of a sheet.
#include <doctest/doctest.h>

#include "analysis/gradebook.h"

namespace quizdeck::analysis {
namespace {

deck::Card breathing_card() {
  deck::Card c;
  c.id = "rescue-breathing";
  c.type = deck::CardType::kChoice;
  c.prompt = "How many rescue breaths after 30 compressions?";
  c.choices.push_back(deck::Choice{"2", "", {}, {}});
  c.choices.push_back(deck::Choice{"5", "That is the count for infants in some courses.", {}, {}});
  c.choices.push_back(deck::Choice{"10", "", {}, {}});
  c.answers = {"2"};
  c.explain = "30 compressions, then 2 breaths.";
  c.tags = {"adult", "breathing"};
  c.points = 2;
  return c;
}

deck::Card pulse_card() {
  deck::Card c;
  c.id = "pulse";
  c.type = deck::CardType::kShort;
  c.prompt = "Which pulse do you check in an infant?";
  c.answers = {"brachial"};
  c.tags = {"infant"};
  return c;
}

std::vector<DeckCard> deck_cards(const std::vector<const deck::Card*>& cards) {
  std::vector<DeckCard> out;
  for (const deck::Card* card : cards) {
    DeckCard c;
    c.deck = "aid";
    c.card = card->id;
    c.content = "now";
    c.points = card->points;
    c.source = card;
    out.push_back(c);
  }
  return out;
}

ExamSitting sitting(std::int64_t attempt, std::int64_t started_ms, bool complete = true) {
  ExamSitting s;
  s.attempt = attempt;
  s.decks = {"aid"};
  s.started_ms = started_ms;
  s.time_ms = 90'000;
  s.pass_mark = 60;
  s.complete = complete;
  s.questions = {{"aid", "rescue-breathing"}, {"aid", "pulse"}};
  return s;
}

Answer picked(std::int64_t attempt, const std::string& choice, bool claims_right) {
  Answer a;
  a.attempt = attempt;
  a.mode = core::ReviewMode::kExam;
  a.deck = "aid";
  a.card = "rescue-breathing";
  a.content = "now";
  a.time_ms = attempt * 1000;
  a.shown = std::vector<std::string>{"10", "2", "5"};
  a.picked = std::vector<std::string>{choice};
  a.correct = claims_right;
  a.credit = claims_right ? 1.0 : 0.0;
  return a;
}

Answer typed(std::int64_t attempt, const std::string& text, bool claims_right) {
  Answer a = picked(attempt, "", claims_right);
  a.card = "pulse";
  a.shown.reset();
  a.picked.reset();
  a.answer = text;
  return a;
}

TEST_CASE("gradebook: a tampered file is graded by the deck, and its sheet says why") {
  const deck::Card breathing = breathing_card();
  const deck::Card pulse = pulse_card();
  Gradebook book(deck_cards({&breathing, &pulse}));
  CHECK(book.tags() == std::vector<std::string>{"adult", "breathing", "infant"});
  book.begin_learner("ben");
  book.add(sitting(1, 1000));
  book.add(picked(1, "5", true));
  book.add(typed(1, "brachial", true));
  const LearnerGrades ben = book.end_learner(AttemptChoice::kBest);
  CHECK(book.regraded() == 2);
  REQUIRE(book.mismatches().size() == 1);
  CHECK(regrade_line(book.mismatches()[0]) ==
        "ben: rescue-breathing claims right, picked 'B: 5', regraded wrong");
  CHECK(ben.complete == 1);
  REQUIRE(ben.sittings.size() == 1);
  const GradedSitting& g = ben.sittings[0];
  CHECK(g.score == doctest::Approx(1));
  CHECK(g.points == doctest::Approx(3));
  CHECK(g.percent == doctest::Approx(100.0 / 3));
  REQUIRE(g.passed);
  CHECK_FALSE(*g.passed);
  CHECK(g.time_ms == 90'000);
  REQUIRE(g.tags.size() == 3);
  CHECK(g.tags[0].tag == "adult");
  CHECK(g.tags[0].score == 0);
  CHECK(g.tags[0].points == 2);
  CHECK(g.tags[2].tag == "infant");
  CHECK(g.tags[2].score == 1);
  REQUIRE(g.missed.size() == 1);
  const MissedItem& m = g.missed[0];
  CHECK(m.card == "rescue-breathing");
  CHECK(m.given == "picked 'B: 5'");
  CHECK(m.why == std::vector<std::string>{"That is the count for infants in some courses."});
  CHECK(m.expected == "2");
  CHECK(m.explain == "30 compressions, then 2 breaths.");
  CHECK_FALSE(m.earlier_version);
}

TEST_CASE("gradebook: first, last, best or every sitting, and unfinished ones are not graded") {
  const deck::Card breathing = breathing_card();
  const deck::Card pulse = pulse_card();
  const auto grades = [&](AttemptChoice choice) {
    Gradebook book(deck_cards({&breathing, &pulse}));
    book.begin_learner("cat");
    // Read out of order: sittings are ranked by their start.
    book.add(sitting(3, 3000));
    book.add(sitting(1, 1000));
    book.add(sitting(2, 2000));
    book.add(sitting(4, 4000, false));
    book.add(picked(1, "10", false));  // 0 of 3
    book.add(typed(1, "radial", false));
    book.add(picked(2, "2", true));  // 3 of 3
    book.add(typed(2, "Brachial", true));
    book.add(picked(3, "2", true));  // 2 of 3
    book.add(typed(3, "femoral", false));
    book.add(picked(4, "2", true));
    return book.end_learner(choice);
  };
  const LearnerGrades all = grades(AttemptChoice::kAll);
  CHECK(all.complete == 3);
  CHECK(all.unfinished == 1);
  REQUIRE(all.sittings.size() == 3);
  CHECK(all.sittings[0].attempt == 1);
  CHECK(all.sittings[0].percent == doctest::Approx(0));
  CHECK(all.sittings[0].missed.size() == 2);
  CHECK(all.sittings[1].percent == doctest::Approx(100));
  CHECK(all.sittings[1].missed.empty());
  CHECK(all.sittings[2].percent == doctest::Approx(200.0 / 3));
  REQUIRE(grades(AttemptChoice::kFirst).sittings.size() == 1);
  CHECK(grades(AttemptChoice::kFirst).sittings[0].attempt == 1);
  CHECK(grades(AttemptChoice::kLast).sittings[0].attempt == 3);
  CHECK(grades(AttemptChoice::kBest).sittings[0].attempt == 2);
  CHECK(parse_attempt_choice("best") == AttemptChoice::kBest);
  CHECK_FALSE(parse_attempt_choice("highest"));
}

TEST_CASE("gradebook: an answer to another version keeps its file's verdict, and no key") {
  const deck::Card breathing = breathing_card();
  const deck::Card pulse = pulse_card();
  Gradebook book(deck_cards({&breathing, &pulse}));
  book.begin_learner("dan");
  book.add(sitting(1, 1000));
  Answer old = typed(1, "radial", false);
  old.content = "before";
  old.credit = 0.5;
  book.add(old);
  // No answer to rescue-breathing: it counts nothing and is missed.
  const LearnerGrades dan = book.end_learner(AttemptChoice::kAll);
  CHECK(book.kept() == 1);
  CHECK(book.regraded() == 0);
  REQUIRE(dan.sittings.size() == 1);
  CHECK(dan.sittings[0].score == doctest::Approx(0.5));
  REQUIRE(dan.sittings[0].missed.size() == 2);
  CHECK(dan.sittings[0].missed[0].given == "answered nothing");
  CHECK(dan.sittings[0].missed[1].earlier_version);
  CHECK(dan.sittings[0].missed[1].expected.empty());
}

}  // namespace
}  // namespace quizdeck::analysis
