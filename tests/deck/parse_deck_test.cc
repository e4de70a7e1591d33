// SPDX-License-Identifier: MIT
// The deck model a valid file produces, and yaml-cpp 0.7's pitfalls turned into clear errors.
#include "deck/parse_deck.h"
#include "render.h"

#include <doctest/doctest.h>

#include <string>

#include "deck/card_id.h"

namespace quizdeck::deck {
namespace {

constexpr std::string_view kExample = R"(title: "CRSS: Peer Support Dynamics"
description: Key considerations.
tags: [crss, peer-support]
shuffle: false
exam: {questions: 2, time: 1h30m, pass: 70%}
cards:
  - id: peer-dynamic-threat
    question: Which consideration most directly threatens the peer support dynamic?
    choices:
      - Influence or perceived authority
      - text: Personal beliefs
        why: They matter, but do not shift the balance of power by themselves.
    answer: Influence or perceived authority
    explain: >
      A CRSS who comes across as holding power turns a partnership
      into a hierarchy.
    tags: [authority]
    points: 2
  - question: Humility means keeping your own beliefs in check.
    answer: true
  - question: Which build a safe environment? (select all)
    choices: [Openness, Equality, Lecturing]
    answer: [Openness, Equality]
    shuffle: true
  - question: What does CRSS stand for?
    answer: [Certified Recovery Support Specialist, CRSS]
    match: fuzzy
  - question: How many options besides the key?
    answer: 3
    tolerance: 0.5
  - front: Peer support
    back: Support between people who share lived experience.
  - cloze: Peer support is about {{collaboration}}, not {{control|power}}.
)";

}  // namespace

TEST_CASE("a valid deck becomes the model") {
  const DeckParse parse = parse_deck("decks/crss-example.yaml", kExample);
  CHECK(parse.diagnostics.empty());
  REQUIRE(parse.deck);
  const Deck& deck = *parse.deck;
  CHECK(deck.id == "crss-example");
  CHECK_FALSE(deck.id_given);
  CHECK(deck.title == "CRSS: Peer Support Dynamics");
  CHECK(deck.exam.questions == 2);
  CHECK(deck.exam.time_seconds == 5400);
  CHECK(deck.exam.pass_percent == 70.0);
  REQUIRE(deck.cards.size() == 8);

  const Card& choice = deck.cards[0];
  CHECK(choice.id == "peer-dynamic-threat");
  CHECK(choice.type == CardType::kChoice);
  CHECK(choice.pos.line == 7);
  CHECK(choice.choices.size() == 2);
  CHECK(choice.choices[1].why ==
        "They matter, but do not shift the balance of power by themselves.");
  CHECK(choice.answers == std::vector<std::string>{"Influence or perceived authority"});
  CHECK(choice.explain ==
        "A CRSS who comes across as holding power turns a partnership into a hierarchy.");
  CHECK(choice.tags == std::vector<std::string>{"crss", "peer-support", "authority"});
  CHECK(choice.points == 2);
  CHECK_FALSE(choice.shuffle);  // from the deck

  CHECK(deck.cards[1].type == CardType::kTrueFalse);
  CHECK(deck.cards[1].truth);
  CHECK(deck.cards[1].id ==
        derive_card_id(CardType::kTrueFalse, "Humility means keeping your own beliefs in check."));
  CHECK(deck.cards[2].type == CardType::kMulti);
  CHECK(deck.cards[2].shuffle);
  CHECK(deck.cards[3].type == CardType::kShort);
  CHECK(deck.cards[3].match == MatchRule::kFuzzy);
  CHECK(deck.cards[3].answers.size() == 2);
  CHECK(deck.cards[4].type == CardType::kNumeric);
  CHECK(deck.cards[4].number == 3);
  CHECK(deck.cards[4].tolerance == 0.5);
  CHECK(deck.cards[5].type == CardType::kFlash);
  CHECK(deck.cards[5].prompt == "Peer support");
  CHECK(deck.cards[5].back == "Support between people who share lived experience.");

  const Card& blank1 = deck.cards[6];
  const Card& blank2 = deck.cards[7];
  CHECK(blank1.type == CardType::kCloze);
  CHECK(blank1.id == derive_card_id(CardType::kCloze, blank1.cloze_text) + "#1");
  CHECK(blank2.id == derive_card_id(CardType::kCloze, blank1.cloze_text) + "#2");
  CHECK(blank1.prompt == "Peer support is about [...], not control.");
  CHECK(blank2.prompt == "Peer support is about collaboration, not [...].");
  CHECK(blank2.answers == std::vector<std::string>{"control", "power"});
}

TEST_CASE("editing the explanation keeps a derived id, editing the question changes it") {
  const auto id_of = [](std::string_view yaml) {
    const DeckParse parse = parse_deck("t.yaml", yaml);
    REQUIRE(parse.deck);
    return parse.deck->cards.front().id;
  };
  const std::string before =
      id_of("title: T\ncards:\n  - question: Capital of France?\n    answer: Paris\n");
  CHECK(id_of("title: T\ncards:\n  - question: capital of  France\n    answer: Paris\n    explain: "
              "x\n") == before);
  CHECK(id_of("title: T\ncards:\n  - question: Capital of Spain?\n    answer: Madrid\n") != before);
}

TEST_CASE("pitfall: invalid UTF-8 and NUL bytes are refused with their position") {
  CHECK(check("title: caf\xe9\ncards: []\n") ==
        "t.yaml:1:11: error: invalid UTF-8 byte 0xE9; decks must be UTF-8 text\n"
        "    title: caf\uFFFD\n"
        "              ^\n");
  CHECK(check(std::string_view("title: a\0b\n", 11)) ==
        "t.yaml:1:9: error: NUL byte in the deck (is this a binary file?)\n"
        "    title: a\uFFFDb\n"
        "            ^\n");
}

TEST_CASE("pitfall: a second document is an error, not silently dropped") {
  CHECK(check("title: T\ncards:\n  - question: q\n    answer: a\n---\ntitle: U\n") ==
        "t.yaml:5:1: error: a deck file holds one YAML document, but a second one starts here\n"
        "    ---\n"
        "    ^~~\n");
}

TEST_CASE("pitfall: a quote left open does not swallow the rest of the file") {
  CHECK(check("title: T\ncards:\n  - question: 'abc\n    answer: a\n") ==
        "t.yaml:3:15: error: this quoted string is never closed (missing ')\n"
        "      - question: 'abc\n"
        "                  ^\n");
}

TEST_CASE("pitfall: deep nesting is a positioned error, not 'bad file'") {
  const std::string deep = "title: T\ncards: " + std::string(70, '[') + std::string(70, ']') + "\n";
  CHECK(check(deep).starts_with("t.yaml:2:71: error: nesting is deeper than 64 levels\n"));
  const std::string deeper =
      "title: T\ncards: " + std::string(600, '[') + std::string(600, ']') + "\n";
  CHECK(check(deeper).find("error: nesting is deeper than 64 levels\n") != std::string::npos);
}

TEST_CASE("pitfall: aliases cannot expand a small file into a huge deck") {
  std::string yaml = "title: T\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) yaml += (k ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  yaml += "cards: [*a8]\n";
  // The error stands at the alias that crossed the budget.
  CHECK(check(yaml) ==
        "t.yaml:5:45: error: this deck expands to more than 10000 values through aliases "
        "('*name'; every 16 bytes of text count as a value); write the content out instead "
        "of repeating anchors\n"
        "    a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n"
        "                                                ^\n");
}

TEST_CASE("pitfall: aliases to one long text are counted by its bytes, not once each") {
  // 20 KB of text and 3,000 aliases to it: a 41 KB file that would expand to 60 MB (and
  // took gigabytes of memory when an alias cost one value whatever its length).
  std::string yaml = "title: T\nlong: &long " + std::string(20000, 'x') + "\ncards: [";
  for (int i = 0; i < 3000; ++i) yaml += i ? ", *long" : "*long";
  yaml += "]\n";
  const std::string out = check(yaml);
  CHECK(out.starts_with("t.yaml:3:"));
  CHECK(out.find("error: this deck expands to more than 41030 values through aliases") !=
        std::string::npos);
  // A real deck with long texts and no aliases stays within its budget.
  std::string plain = "title: T\ncards:\n";
  for (int i = 0; i < 50; ++i) {
    plain += "  - {front: " + std::string(2000, 'f') + std::to_string(i) + ", back: b}\n";
  }
  CHECK(check(plain).find("expands to more than") == std::string::npos);
}

TEST_CASE("pitfall: empty values point at their key, missing keys at their card") {
  CHECK(check("title: T\ncards:\n  - question:\n    answer:\n") ==
        "t.yaml:3:5: error: 'question' is empty\n"
        "      - question:\n"
        "        ^~~~~~~~\n"
        "t.yaml:4:5: error: an answer cannot be empty\n"
        "        answer:\n"
        "        ^~~~~~\n");
}

TEST_CASE("pitfall: empty files, comment-only files and non-map documents") {
  CHECK(check("") ==
        "t.yaml:1:1: error: the deck is empty (expected a map with 'title' and 'cards')\n");
  CHECK(check("# nothing\n") ==
        "t.yaml:1:1: error: the deck is empty (expected a map with 'title' and 'cards')\n"
        "    # nothing\n"
        "    ^\n");
  CHECK(check("- a\n") ==
        "t.yaml:1:1: error: a deck must be a map with 'title' and 'cards', not a list\n"
        "    - a\n"
        "    ^\n");
}

TEST_CASE("YAML syntax errors are explained") {
  CHECK(check("title: T\ncards: [a, b\n") ==
        "t.yaml:2:14: error: missing ']' to close a '[' list\n"
        "    cards: [a, b\n"
        "                ^\n");
  CHECK(check("title: a: b\ncards: []\n") ==
        "t.yaml:1:9: error: unexpected ':' (quote text that contains ': ', and check the "
        "indentation)\n"
        "    title: a: b\n"
        "            ^\n");
}

TEST_CASE("a byte order mark, CRLF and lone CR line breaks keep positions right") {
  const std::string expected =
      "t.yaml:5:5: error: unknown key 'bad' in a card\n"
      "        bad: 1\n"
      "        ^~~\n";
  CHECK(
      check(
          "\xEF\xBB\xBFtitle: x\r\ncards:\r\n  - question: q\r\n    answer: a\r\n    bad: 1\r\n") ==
      expected);
  CHECK(check("title: x\rcards:\r  - question: q\r    answer: a\r    bad: 1\r") == expected);
}

TEST_CASE("columns count characters, not bytes") {
  CHECK(check("title: T\ncards:\n  - question: \u65e5\u672c\u8a9e\n    answer: a\n    x: 1\n") ==
        "t.yaml:5:5: error: unknown key 'x' in a card\n"
        "        x: 1\n"
        "        ^\n");
  CHECK(check("title: T\ncards:\n  - {question: \u00e9\u00e9, answer: a, x: 1}\n") ==
        "t.yaml:3:31: error: unknown key 'x' in a card\n"
        "      - {question: \u00e9\u00e9, answer: a, x: 1}\n"
        "                                  ^\n");
}

}  // namespace quizdeck::deck
