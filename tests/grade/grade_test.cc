// SPDX-License-Identifier: MIT
#include "grade/grade.h"

#include <doctest/doctest.h>

#include "deck/parse_deck.h"

namespace quizdeck::grade {
namespace {

deck::Card card_from(std::string_view yaml_card) {
  const std::string text = "title: T\ncards:\n" + std::string(yaml_card);
  deck::DeckParse parse = deck::parse_deck("t.yaml", text);
  REQUIRE(parse.deck);
  return parse.deck->cards.front();
}

const std::vector<std::size_t> kIdentity{0, 1, 2, 3};

}  // namespace

TEST_CASE("choice: a letter, a number or the text, as shown") {
  const auto card = card_from(
      "  - question: Capital of Australia?\n"
      "    choices: [Sydney, Melbourne, Canberra, Perth]\n"
      "    answer: Canberra\n");
  CHECK(grade_answer(card, "C", kIdentity).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "c", kIdentity).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "3", kIdentity).verdict == Verdict::kRight);
  CHECK(grade_answer(card, " canberra. ", kIdentity).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "A", kIdentity).verdict == Verdict::kWrong);
  CHECK(grade_answer(card, "A", kIdentity).picked == std::vector<std::size_t>{0});
  // Shuffled: Canberra shown first.
  const std::vector<std::size_t> shuffled{2, 0, 3, 1};
  CHECK(grade_answer(card, "A", shuffled).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "C", shuffled).verdict == Verdict::kWrong);
  CHECK(grade_answer(card, "C", shuffled).picked == std::vector<std::size_t>{3});
  CHECK(grade_answer(card, "A", shuffled).expected == "A) Canberra");
  const Grade invalid = grade_answer(card, "E", kIdentity);
  CHECK(invalid.verdict == Verdict::kInvalid);
  CHECK(invalid.problem == "answer with a letter from A to D, its number, or its text");
}

TEST_CASE("multi: letters in any order, partial credit is right minus wrong picks") {
  const auto card = card_from(
      "  - question: Which build safety?\n"
      "    choices: [Openness, Equality, Lecturing, Shared experience]\n"
      "    answer: [Openness, Equality, Shared experience]\n");
  CHECK(grade_answer(card, "A,B,D", kIdentity).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "d b a", kIdentity).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "ABD", kIdentity).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "1,2,4", kIdentity).verdict == Verdict::kRight);
  const Grade two = grade_answer(card, "A,B", kIdentity);
  CHECK(two.verdict == Verdict::kWrong);
  CHECK(two.credit == doctest::Approx(2.0 / 3));
  const Grade mixed = grade_answer(card, "A,B,C", kIdentity);
  CHECK(mixed.credit == doctest::Approx(1.0 / 3));
  CHECK(grade_answer(card, "C", kIdentity).credit == 0);
  CHECK(grade_answer(card, "A,C,D,B", kIdentity).credit == doctest::Approx(2.0 / 3));
  CHECK(grade_answer(card, "A,Z", kIdentity).verdict == Verdict::kInvalid);
  CHECK(grade_answer(card, "A,B,D", kIdentity).expected ==
        "A) Openness, B) Equality, D) Shared experience");
}

TEST_CASE("truefalse: true/false/t/f/yes/no in any case") {
  const auto card = card_from("  - question: Sky is blue.\n    answer: true\n");
  for (const char* yes : {"true", "TRUE", "t", "Yes", "y"}) {
    CHECK(grade_answer(card, yes, {}).verdict == Verdict::kRight);
  }
  for (const char* no : {"false", "F", "no", "N"}) {
    CHECK(grade_answer(card, no, {}).verdict == Verdict::kWrong);
  }
  CHECK(grade_answer(card, "maybe", {}).verdict == Verdict::kInvalid);
}

TEST_CASE("numeric: within tolerance, a decimal comma is not a number") {
  const auto card = card_from("  - question: Pi?\n    answer: 3.14\n    tolerance: 0.01\n");
  CHECK(grade_answer(card, "3.14", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "3.15", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(card, " 3.13 ", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "3.2", {}).verdict == Verdict::kWrong);
  const Grade comma = grade_answer(card, "3,14", {});
  CHECK(comma.verdict == Verdict::kInvalid);
  CHECK(comma.problem ==
        "write decimals with a dot, such as 3.14 (a comma only groups thousands: 40,075)");
  CHECK(grade_answer(card, "pi", {}).problem == "answer with a number");
  CHECK(grade_answer(card, "3.14", {}).expected == "3.14 (± 0.01)");
  const auto exact = card_from("  - question: Two?\n    answer: 2\n");
  CHECK(grade_answer(exact, "2.0", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(exact, "+2", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(exact, "2.001", {}).verdict == Verdict::kWrong);
}

TEST_CASE("numeric: commas group thousands where they can be nothing else, full-width digits") {
  const auto earth = card_from("  - question: Earth's circumference in km?\n    answer: 40075\n");
  CHECK(grade_answer(earth, "40,075", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(earth, "４００７５", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(earth, "４０,０７５", {}).verdict == Verdict::kRight);
  CHECK(parse_number("1,234,567.5") == 1234567.5);
  CHECK(parse_number("-1,000") == -1000);
  CHECK(parse_number("\u22123") == -3);  // U+2212 MINUS SIGN
  CHECK(parse_number("３．５") == 3.5);
  // Not thousands: a decimal comma, or groups of the wrong size.
  for (const char* text : {"40,07", "4,0075", "40,0750", ",075", "40,", "1,23,456", "1,,000"}) {
    INFO(text);
    CHECK_FALSE(parse_number(text));
  }
  CHECK(grade_answer(earth, "40,07", {}).verdict == Verdict::kInvalid);
}

TEST_CASE("short: normalized by default, exact, and fuzzy with one typo per 8 characters") {
  const auto normalized = card_from("  - question: Capital?\n    answer: [Reykjavík, Reykjavik]\n");
  CHECK(grade_answer(normalized, "  REYKJAVIK. ", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(normalized, "Reykjavíkk", {}).verdict == Verdict::kWrong);
  const auto exact = card_from("  - question: Keyword?\n    answer: explicit\n    match: exact\n");
  CHECK(grade_answer(exact, "explicit", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(exact, " explicit ", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(exact, "Explicit", {}).verdict == Verdict::kWrong);
  const auto fuzzy =
      card_from("  - question: Skill?\n    answer: reflective listening\n    match: fuzzy\n");
  CHECK(allowed_typos("reflective listening") == 2);
  CHECK(grade_answer(fuzzy, "reflective listening", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(fuzzy, "reflectve listenin", {}).verdict == Verdict::kAlmost);
  CHECK(grade_answer(fuzzy, "reflectve lstenin", {}).verdict == Verdict::kWrong);
  CHECK(grade_answer(fuzzy, "", {}).verdict == Verdict::kInvalid);
}

TEST_CASE("a key of sentences reads as sentences, never with doubled punctuation") {
  const auto card = card_from(
      "  - question: Which hold?\n    choices: [It is stored locally., It is in traffic., No.]\n"
      "    answer: [It is stored locally., It is in traffic.]\n    shuffle: false\n");
  CHECK(grade_answer(card, "C", {0, 1, 2}).expected ==
        "A) It is stored locally. B) It is in traffic.");
  const auto phrases = card_from(
      "  - question: Which?\n    choices: [red, green, blue]\n    answer: [red, blue]\n"
      "    shuffle: false\n");
  CHECK(grade_answer(phrases, "B", {0, 1, 2}).expected == "A) red, C) blue");
}

TEST_CASE("almost names the accepted answer the learner was nearest to") {
  const auto card = card_from(
      "  - question: Skill?\n    answer: [reflective listening, paraphrasing]\n    match: fuzzy\n");
  const Grade near_second = grade_answer(card, "paraphrasng", {});
  CHECK(near_second.verdict == Verdict::kAlmost);
  CHECK(near_second.expected == "paraphrasing");
  const Grade near_first = grade_answer(card, "reflectve listening", {});
  CHECK(near_first.verdict == Verdict::kAlmost);
  CHECK(near_first.expected == "reflective listening");
}

TEST_CASE("cloze blanks are graded like short answers") {
  const auto card = card_from("  - cloze: It is about {{collaboration}}, not {{control|power}}.\n");
  CHECK(grade_answer(card, "Collaboration", {}).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "control", {}).verdict == Verdict::kWrong);
}

TEST_CASE("ratings: wrong Again, almost or hinted Hard, right Good, right and fast Easy") {
  CHECK(rating_for(Verdict::kWrong, false, 100, 5000) == core::Rating::kAgain);
  CHECK(rating_for(Verdict::kAlmost, false, 100, 5000) == core::Rating::kHard);
  CHECK(rating_for(Verdict::kRight, true, 100, 5000) == core::Rating::kHard);
  CHECK(rating_for(Verdict::kRight, false, 4999, 5000) == core::Rating::kEasy);
  CHECK(rating_for(Verdict::kRight, false, 5000, 5000) == core::Rating::kGood);
  const auto card = card_from("  - question: 1234567890\n    answer: x\n");
  CHECK(fast_threshold_ms(card) == 2000 + 40 * 10);
  CHECK(choice_letter(0) == "A");
  CHECK(choice_letter(25) == "Z");
  CHECK(choice_letter(26) == "AA");
}

TEST_CASE("matching: a letter per prompt in order, or numbered, credit per right pair") {
  const auto card = card_from(
      "  - question: Match each country with its capital.\n"
      "    pairs:\n"
      "      - France: Paris\n"
      "      - Spain: Madrid\n"
      "      - Italy: Rome\n"
      "    distractors: [Lisbon]\n");
  REQUIRE(card.type == deck::CardType::kMatching);
  // choices: Paris, Madrid, Rome, Lisbon; shown as D) Paris, A) Madrid, C) Rome, B) Lisbon.
  const std::vector<std::size_t> shown{1, 3, 2, 0};
  CHECK(grade_answer(card, "DAC", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "d a c", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "D,A,C", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "3C 1D 2A", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "1-D, 2-A, 3-C", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "DAC", shown).picked == std::vector<std::size_t>{0, 1, 2});
  const Grade one = grade_answer(card, "DBB", shown);
  CHECK(one.verdict == Verdict::kWrong);
  CHECK(one.credit == doctest::Approx(1.0 / 3));
  CHECK(one.picked == std::vector<std::size_t>{0, 3, 3});
  CHECK(one.expected == "1: D) Paris; 2: A) Madrid; 3: C) Rome");
  CHECK(grade_answer(card, "ABC", shown).credit == doctest::Approx(1.0 / 3));
  // Too few, too many, a letter beyond the answers, a prompt numbered twice.
  for (const char* bad : {"DA", "DACB", "DAE", "1D 1A 3C", "1D 2A", "4D 2A 3C", ""}) {
    INFO(bad);
    const Grade invalid = grade_answer(card, bad, shown);
    CHECK(invalid.verdict == Verdict::kInvalid);
    CHECK(invalid.picked.empty());
  }
  CHECK(grade_answer(card, "DA", shown).problem ==
        "give a letter (A to D) for each of the 3 prompts in order, such as BAC, or number "
        "them like 1B 2A");
  CHECK(expected_answer(card) == "France: Paris; Spain: Madrid; Italy: Rome");
}

TEST_CASE("matching: prompts sharing an answer, and a second answer given twice") {
  const auto card = card_from(
      "  - question: Which are mammals and which birds?\n"
      "    pairs:\n"
      "      - Bat: mammal\n"
      "      - Penguin: bird\n"
      "      - Whale: mammal\n");
  REQUIRE(card.choices.size() == 2);
  const std::vector<std::size_t> shown{1, 0};  // A) bird, B) mammal
  CHECK(grade_answer(card, "BAB", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "BBB", shown).credit == doctest::Approx(2.0 / 3));
}

TEST_CASE("ordering: every letter once, credit is the longest run kept in order") {
  const auto card = card_from(
      "  - question: Order the planets from the Sun.\n"
      "    order: [Mercury, Venus, Earth, Mars]\n");
  REQUIRE(card.type == deck::CardType::kOrdering);
  // Shown as A) Earth, B) Mars, C) Mercury, D) Venus.
  const std::vector<std::size_t> shown{2, 3, 0, 1};
  CHECK(grade_answer(card, "CDAB", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "c, d, a, b", shown).verdict == Verdict::kRight);
  CHECK(grade_answer(card, "CDAB", shown).credit == 1);
  CHECK(grade_answer(card, "CDAB", shown).expected == "C) Mercury, D) Venus, A) Earth, B) Mars");
  // Mercury, Venus, Mars, Earth: three of four keep their order.
  CHECK(grade_answer(card, "CDBA", shown).credit == doctest::Approx(3.0 / 4));
  // Earth, Mars, Mercury, Venus: two runs of two.
  CHECK(grade_answer(card, "ABCD", shown).credit == doctest::Approx(2.0 / 4));
  // Reversed: one item alone is in order with itself.
  const Grade reversed = grade_answer(card, "BADC", shown);
  CHECK(reversed.verdict == Verdict::kWrong);
  CHECK(reversed.credit == doctest::Approx(1.0 / 4));
  CHECK(reversed.picked == std::vector<std::size_t>{3, 2, 1, 0});
  for (const char* bad : {"CDA", "CDABA", "CDAA", "CDAE", "", "1234"}) {
    INFO(bad);
    CHECK(grade_answer(card, bad, shown).verdict == Verdict::kInvalid);
  }
  CHECK(grade_answer(card, "CDA", shown).problem ==
        "give all 4 letters (A to D) once each, in the right order, such as CADB");
  CHECK(expected_answer(card) == "Mercury, Venus, Earth, Mars");
}

}  // namespace quizdeck::grade
