// SPDX-License-Identifier: MIT
// Regrading: every answer is graded again against the deck's card of the same content, so a
// results file that claims better than it earned moves no figure, and says so.
#include <doctest/doctest.h>

#include "analysis/item_analysis.h"
#include "analysis/regrade.h"
#include "deck/card_id.h"

namespace quizdeck::analysis {
namespace {

deck::Card choice_card() {
  deck::Card c;
  c.id = "rescue-breathing";
  c.type = deck::CardType::kChoice;
  c.prompt = "How many rescue breaths after 30 compressions?";
  for (const char* text : {"2", "5", "10"}) c.choices.push_back(deck::Choice{text, "", {}, {}});
  c.answers = {"2"};
  return c;
}

deck::Card short_card() {
  deck::Card c;
  c.id = "pulse";
  c.type = deck::CardType::kShort;
  c.prompt = "Which pulse do you check in an infant?";
  c.answers = {"brachial"};
  return c;
}

DeckCard deck_card(const deck::Card& card, std::string content) {
  DeckCard c;
  c.deck = "aid";
  c.card = card.id;
  c.content = std::move(content);
  c.type = std::string(deck::card_type_name(card.type));
  c.source = &card;
  return c;
}

Answer answer(std::int64_t attempt, const std::string& card, bool correct,
              std::string content = "now") {
  Answer a;
  a.attempt = attempt;
  a.mode = core::ReviewMode::kExam;
  a.deck = "aid";
  a.card = card;
  a.content = std::move(content);
  a.time_ms = 1'000'000 + attempt;
  a.correct = correct;
  a.credit = correct ? 1.0 : 0.0;
  return a;
}

ExamSitting sitting(std::int64_t attempt) {
  ExamSitting s;
  s.attempt = attempt;
  s.decks = {"aid"};
  s.started_ms = 1'000'000;
  s.pass_mark = 100;
  s.questions = {{"aid", "rescue-breathing"}, {"aid", "pulse"}};
  return s;
}

TEST_CASE("regrade: a tampered results file is regraded and reported") {
  const deck::Card breathing = choice_card();
  const deck::Card pulse = short_card();
  ItemAnalysis analysis({deck_card(breathing, "now"), deck_card(pulse, "now")});
  // ann answers both right; ben picked 5 and typed "radial" but his file claims right.
  analysis.begin_learner();
  analysis.name_learner("ann");
  analysis.add(sitting(1));
  Answer a = answer(1, "rescue-breathing", true);
  a.shown = std::vector<std::string>{"10", "2", "5"};
  a.picked = std::vector<std::string>{"2"};
  analysis.add(a);
  Answer p = answer(1, "pulse", true);
  p.answer = "Brachial";
  analysis.add(p);
  analysis.end_learner();
  analysis.begin_learner();
  analysis.name_learner("ben");
  analysis.add(sitting(2));
  Answer b = answer(2, "rescue-breathing", true);
  b.shown = std::vector<std::string>{"5", "10", "2"};
  b.picked = std::vector<std::string>{"5"};
  analysis.add(b);
  Answer q = answer(2, "pulse", true);
  q.answer = "radial";
  analysis.add(q);
  analysis.end_learner();

  const Report report = analysis.finish();
  CHECK(report.regraded == 4);
  CHECK(report.kept == 0);
  REQUIRE(report.mismatches.size() == 2);
  CHECK(regrade_line(report.mismatches[0]) ==
        "ben: rescue-breathing claims right, picked 'B: 5', regraded wrong");
  CHECK(regrade_line(report.mismatches[1]) ==
        "ben: pulse claims right, answered 'radial', regraded wrong");
  // The class's true figures: ann 100%, ben 0%; one pass, not two.
  REQUIRE(report.exams.size() == 1);
  CHECK(report.exams[0].mean_percent == doctest::Approx(50));
  REQUIRE(report.exams[0].passed);
  CHECK(*report.exams[0].passed == 1);
  for (const auto& item : report.items) {
    REQUIRE(item.exam);
    CHECK(item.exam->facility == doctest::Approx(0.5));
  }
}

TEST_CASE("regrade: a file's own verdict counts only where the card's version is unknown") {
  const deck::Card pulse = short_card();
  ItemAnalysis analysis({deck_card(pulse, "now")});
  analysis.begin_learner();
  analysis.name_learner("cat");
  Answer earlier = answer(1, "pulse", true, "before");
  earlier.mode = core::ReviewMode::kDrill;
  earlier.attempt.reset();
  earlier.answer = "radial";
  analysis.add(earlier);
  Answer unversioned = earlier;
  unversioned.content.reset();
  analysis.add(unversioned);
  analysis.end_learner();
  const Report report = analysis.finish();
  CHECK(report.regraded == 0);
  CHECK(report.kept == 2);
  CHECK(report.mismatches.empty());
  for (const auto& item : report.items) {
    if (item.version == Version::kCurrent) continue;
    REQUIRE(item.drill);
    CHECK(item.drill->facility == doctest::Approx(1));
  }
}

TEST_CASE("regrade: an answer asked before another answer was accepted is graded by the card") {
  // The deck now accepts "radial" too: the card's content changed, its question did not.
  deck::Card pulse = short_card();
  pulse.answers = {"brachial", "radial"};
  DeckCard now = deck_card(pulse, deck::card_content_hash(pulse));
  now.question = deck::card_question_hash(pulse);
  CHECK(now.question == deck::card_question_hash(short_card()));
  CHECK(now.content != deck::card_content_hash(short_card()));
  ItemAnalysis analysis({now});
  analysis.begin_learner();
  analysis.name_learner("cat");
  Answer asked = answer(1, "pulse", false, deck::card_content_hash(short_card()));
  asked.mode = core::ReviewMode::kDrill;
  asked.attempt.reset();
  asked.answer = "radial";
  asked.credit = 0;
  asked.question = now.question;
  analysis.add(asked);
  // Asked another question (the prompt was reworded): its file's verdict stands.
  Answer reworded = asked;
  reworded.question = "0123456789abcdef0123456789abcdef";
  analysis.add(reworded);
  analysis.end_learner();
  const Report report = analysis.finish();
  CHECK(report.regraded == 1);
  CHECK(report.kept == 1);
  REQUIRE(report.mismatches.size() == 1);
  CHECK(regrade_line(report.mismatches.front()) ==
        "cat: pulse claims wrong, answered 'radial', regraded right");
  for (const auto& item : report.items) {
    REQUIRE(item.drill);
    // The regraded answer counts with the card as it is now; the other stays apart.
    CHECK(item.drill->facility == doctest::Approx(item.version == Version::kCurrent ? 1 : 0));
  }
}

TEST_CASE("regrade: every mismatch is counted, the first hundred listed") {
  const deck::Card pulse = short_card();
  ItemAnalysis analysis({deck_card(pulse, "now")});
  for (int learner = 0; learner < 150; ++learner) {
    analysis.begin_learner();
    analysis.name_learner("learner " + std::to_string(learner));
    Answer claimed = answer(1, "pulse", true);  // claims right, typed a wrong pulse
    claimed.mode = core::ReviewMode::kDrill;
    claimed.attempt.reset();
    claimed.answer = "radial";
    analysis.add(claimed);
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  CHECK(report.regraded == 150);
  CHECK(report.mismatched == 150);
  CHECK(report.mismatches.size() == kListedMismatches);
  CHECK(report.mismatches.front().learner == "learner 0");
}

TEST_CASE("regrade: each card type graded from what its answer records") {
  deck::Card multi;
  multi.type = deck::CardType::kMulti;
  for (const char* text : {"a", "b", "c", "d"}) multi.choices.push_back({text, "", {}, {}});
  multi.answers = {"a", "c"};
  Answer a;
  a.shown = std::vector<std::string>{"d", "c", "b", "a"};
  a.picked = std::vector<std::string>{"a", "c"};
  auto r = regrade(multi, a);
  REQUIRE(r);
  CHECK(r->correct);
  CHECK(r->credit == doctest::Approx(1));
  // A choice the card no longer has: not regraded.
  a.shown = std::vector<std::string>{"d", "c", "b", "x"};
  CHECK_FALSE(regrade(multi, a));

  deck::Card order;
  order.type = deck::CardType::kOrdering;
  for (const char* text : {"first", "second", "third"}) order.choices.push_back({text, "", {}, {}});
  Answer o;
  o.shown = std::vector<std::string>{"third", "first", "second"};
  o.picked = std::vector<std::string>{"first", "third", "second"};
  r = regrade(order, o);
  REQUIRE(r);
  CHECK_FALSE(r->correct);
  CHECK(r->credit == doctest::Approx(2.0 / 3));
  CHECK(given_text(order, o) == "ordered 'first; third; second'");

  deck::Card number;
  number.type = deck::CardType::kNumeric;
  number.number = 3.14;
  number.tolerance = 0.01;
  Answer n;
  n.answer = "3.142";
  r = regrade(number, n);
  REQUIRE(r);
  CHECK(r->correct);
  n.answer = "three";  // not a number: no credit
  r = regrade(number, n);
  REQUIRE(r);
  CHECK_FALSE(r->correct);
  CHECK(r->credit == 0);

  deck::Card flash;
  flash.type = deck::CardType::kFlash;
  CHECK_FALSE(regrade(flash, n));  // self-rated: nothing to regrade
  CHECK(verdict_text(false, 0.5) == "50% credit");
}

}  // namespace
}  // namespace quizdeck::analysis
