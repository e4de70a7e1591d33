// SPDX-License-Identifier: MIT
// Self-tests of grading: accept/reject examples run through the real grader.
#include "grade/self_test.h"

#include <doctest/doctest.h>

namespace quizdeck::grade {
namespace {

deck::Example at(std::string text, int line) {
  return {std::move(text), {line, 3}};
}

}  // namespace

TEST_CASE("self-tests: an accepted example must be right or almost, a rejected one wrong") {
  deck::Card card;
  card.type = deck::CardType::kShort;
  card.answers = {"photosynthesis"};
  card.match = deck::MatchRule::kFuzzy;
  card.accept = {at("Photosynthesis", 1), at("photosynthesys", 2), at("respiration", 3)};
  card.reject = {at("respiration", 4), at("Photosyntesis", 5)};
  const auto problems = check_examples(card);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].accept);
  CHECK(problems[0].example.pos.line == 3);
  CHECK(problems[0].message == "'respiration' is graded wrong; accept expects right or almost");
  CHECK_FALSE(problems[1].accept);
  CHECK(problems[1].message == "'Photosyntesis' is accepted as almost; reject expects wrong");
  // Exact matching: the near miss is wrong, as the list wants.
  card.match = deck::MatchRule::kExact;
  card.accept = {at("photosynthesis", 1)};
  CHECK(check_examples(card).empty());
}

TEST_CASE("self-tests: letters name choices in the order written, partial credit is named") {
  deck::Card card;
  card.type = deck::CardType::kMulti;
  card.choices = {{"Openness", "", {}, {}}, {"Equality", "", {}, {}}, {"Ranking", "", {}, {}}};
  card.answers = {"Openness", "Equality"};
  card.accept = {at("A, B", 1)};
  card.reject = {at("C", 2), at("Z", 3), at("A", 4)};
  const auto problems = check_examples(card);
  REQUIRE(problems.size() >= 1);
  bool invalid_named = false;
  for (const auto& p : problems) {
    if (p.example.text == "Z") {
      invalid_named =
          p.message.find("is not read as an answer; reject expects wrong") != std::string::npos;
    }
    CHECK(p.example.text != "A, B");
    CHECK(p.example.text != "C");
  }
  CHECK(invalid_named);
}

TEST_CASE("self-tests: numbers within the tolerance, and nothing to check without lists") {
  deck::Card card;
  card.type = deck::CardType::kNumeric;
  card.number = 3.14;
  card.tolerance = 0.005;
  card.accept = {at("3.141", 1), at("3.2", 2)};
  card.reject = {at("3", 3)};
  const auto problems = check_examples(card);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].example.text == "3.2");
  card.accept.clear();
  card.reject.clear();
  CHECK(check_examples(card).empty());
}

}  // namespace quizdeck::grade
