// SPDX-License-Identifier: MIT
// Reading responses: the most common wrong typed answers, matching cards per pair and
// ordering cards per position, and flags that say how many attempts they rest on.
#include <doctest/doctest.h>

#include "analysis/item_analysis.h"

namespace quizdeck::analysis {
namespace {

DeckCard deck_card(const deck::Card& card) {
  DeckCard c;
  c.deck = "aid";
  c.card = card.id;
  c.content = "now";
  c.type = std::string(deck::card_type_name(card.type));
  c.source = &card;
  return c;
}

Answer drill(const std::string& card, std::int64_t at) {
  Answer a;
  a.mode = core::ReviewMode::kDrill;
  a.deck = "aid";
  a.card = card;
  a.content = "now";
  a.time_ms = at;
  return a;
}

TEST_CASE("responses: wrong typed answers counted together once normalized, most first") {
  deck::Card pulse;
  pulse.id = "pulse";
  pulse.type = deck::CardType::kShort;
  pulse.answers = {"brachial"};
  ItemAnalysis analysis({deck_card(pulse)});
  const std::vector<std::string> typed{"radial",  "Radial ", "carotid", "brachial",
                                       "RADIAL.", "carotid", "femoral"};
  for (std::size_t k = 0; k < typed.size(); ++k) {
    analysis.begin_learner();
    Answer a = drill("pulse", 1000 + static_cast<std::int64_t>(k));
    a.answer = typed[k];
    analysis.add(a);
    analysis.end_learner();
  }
  const Report report = analysis.finish();
  REQUIRE(report.items.size() == 1);
  const auto& wrong = report.items[0].wrong_responses;
  REQUIRE(wrong.size() == 3);
  CHECK(wrong[0].text == "radial");
  CHECK(wrong[0].count == 3);
  CHECK(wrong[1].text == "carotid");
  CHECK(wrong[1].count == 2);
  CHECK(wrong[2].text == "femoral");
  CHECK(wrong[2].count == 1);
  CHECK(report.regraded == 7);  // "brachial" right, the rest wrong, whatever the file said
}

TEST_CASE("responses: matching per pair and ordering per position, not as choice shares") {
  deck::Card match;
  match.id = "match";
  match.type = deck::CardType::kMatching;
  match.pairs = {{"30", "compressions", {}}, {"2", "breaths", {}}};
  for (const char* t : {"compressions", "breaths", "pulses"})
    match.choices.push_back({t, "", {}, {}});
  deck::Card order;
  order.id = "order";
  order.type = deck::CardType::kOrdering;
  for (const char* t : {"danger", "response", "airway"}) order.choices.push_back({t, "", {}, {}});
  ItemAnalysis analysis({deck_card(match), deck_card(order)});
  analysis.begin_learner();
  Answer m1 = drill("match", 1);
  m1.shown = std::vector<std::string>{"pulses", "breaths", "compressions"};
  m1.picked = std::vector<std::string>{"compressions", "pulses"};
  analysis.add(m1);
  Answer o1 = drill("order", 2);
  o1.shown = std::vector<std::string>{"airway", "danger", "response"};
  o1.picked = std::vector<std::string>{"danger", "airway", "response"};
  analysis.add(o1);
  analysis.end_learner();
  analysis.begin_learner();
  Answer m2 = m1;
  m2.picked = std::vector<std::string>{"compressions", "breaths"};
  analysis.add(m2);
  analysis.end_learner();
  const Report report = analysis.finish();
  for (const auto& item : report.items) {
    INFO(item.card);
    REQUIRE(item.drill);
    CHECK(item.drill->with_choices == 0);
    CHECK(item.drill->choices.empty());
    if (item.card == "match") {
      REQUIRE(item.parts.size() == 2);
      CHECK(item.parts[0].label == "30");
      CHECK(item.parts[0].attempts == 2);
      CHECK(item.parts[0].correct == 2);
      CHECK(item.parts[1].right == "breaths");
      CHECK(item.parts[1].correct == 1);
    } else {
      REQUIRE(item.parts.size() == 3);
      CHECK(item.parts[0].correct == 1);
      CHECK(item.parts[1].label == "2");
      CHECK(item.parts[1].right == "response");
      CHECK(item.parts[1].correct == 0);
      CHECK(item.parts[2].correct == 0);
    }
  }
}

TEST_CASE("responses: a distractor is not flagged for strong learners on groups of 3") {
  // 13 sittings: the strongest 27% is 3 learners; the 3 strongest by the other question
  // pick B, the rest A (the key). A swing of one learner is 33 points: chance.
  DeckCard choice;
  choice.deck = "aid";
  choice.card = "q1";
  choice.content = "now";
  choice.type = "choice";
  choice.choices = {"A", "B", "C"};
  choice.keys = {true, false, false};
  DeckCard typed;
  typed.deck = "aid";
  typed.card = "q2";
  typed.content = "now";
  typed.type = "short";
  const auto analyse = [&](AnalysisOptions options) {
    ItemAnalysis analysis({choice, typed}, options);
    for (std::int64_t k = 1; k <= 13; ++k) {
      analysis.begin_learner();
      ExamSitting sitting;
      sitting.attempt = k;
      sitting.decks = {"aid"};
      sitting.questions = {{"aid", "q1"}, {"aid", "q2"}};
      analysis.add(sitting);
      Answer a = drill("q1", k);
      a.mode = core::ReviewMode::kExam;
      a.attempt = k;
      a.picked = std::vector<std::string>{k > 10 ? "B" : "A"};
      a.correct = k <= 10;
      a.credit = k <= 10 ? 1.0 : 0.0;
      analysis.add(a);
      Answer b = a;
      b.card = "q2";
      b.picked.reset();
      b.credit = static_cast<double>(k) / 13.0;
      b.correct = false;
      analysis.add(b);
      analysis.end_learner();
    }
    return analysis.finish();
  };
  for (const auto& item : analyse({}).items) {
    if (item.card != "q1") continue;
    REQUIRE(item.exam);
    CHECK(item.exam->group == 3);
    for (const auto& p : item.problems) CHECK(p.code != "distractor-attracts-strong");
  }
  // --min-group 3: the instructor accepts groups of 3, and the flag names their size.
  AnalysisOptions three;
  three.min_group = 3;
  bool flagged = false;
  for (const auto& item : analyse(three).items) {
    if (item.card != "q1") continue;
    for (const auto& p : item.problems) {
      if (p.code != "distractor-attracts-strong") continue;
      flagged = true;
      CHECK(p.reason.find("of the strongest 3 vs") != std::string::npos);
    }
  }
  CHECK(flagged);
}

}  // namespace
}  // namespace quizdeck::analysis
