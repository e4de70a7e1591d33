// SPDX-License-Identifier: MIT
// One case per validation rule of a card (types, choices, answers, ids, clozes), each
// asserting the exact rendered diagnostics (message, position, excerpt and notes).
#include "deck/parse_deck.h"
#include "render.h"

#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>

namespace quizdeck::deck {
TEST_CASE("rule: unknown type with a suggestion") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: mutli\n"
              "    question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:11: error: unknown card type 'mutli'
      - type: mutli
              ^~~~~
t.yaml:3:11: note: did you mean 'multi'?
)EXPECTED");
}

TEST_CASE("rule: unknown type without a suggestion") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: essay\n"
              "    question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:11: error: unknown card type 'essay'
      - type: essay
              ^~~~~
t.yaml:3:11: note: card types: choice, multi, truefalse, short, numeric, flash, cloze, matching, ordering
)EXPECTED");
}

TEST_CASE("rule: no question nor answer") {
  CHECK(
      check("title: T\n"
            "cards:\n"
            "  - explain: e\n") ==
      R"EXPECTED(t.yaml:3:5: error: this card has no 'question' and 'answer' (nor 'front' and 'back', nor 'cloze')
      - explain: e
        ^
)EXPECTED");
}

TEST_CASE("rule: question without answer") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n") ==
        R"EXPECTED(t.yaml:3:5: error: this card has a 'question' but no 'answer'
      - question: q
        ^
)EXPECTED");
}

TEST_CASE("rule: choices must be a list") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    choices: a\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:4:14: error: 'choices' must be a list, not text
        choices: a
                 ^
)EXPECTED");
}

TEST_CASE("rule: fewer than two choices") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    choices: [a]\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:4:14: error: a card needs at least 2 choices
        choices: [a]
                 ^
)EXPECTED");
}

TEST_CASE("rule: choice maps") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    choices:\n"
              "      - why: w\n"
              "      - text: b\n"
              "        wy: w\n"
              "      - [c]\n"
              "      - ''\n"
              "    answer: b\n") ==
        R"EXPECTED(t.yaml:5:9: error: this choice has no 'text'
          - why: w
            ^
t.yaml:7:9: error: unknown key 'wy' in a choice
            wy: w
            ^~
t.yaml:7:9: note: did you mean 'why'?
t.yaml:8:9: error: a choice must be text or a map with 'text' and 'why', not a list
          - [c]
            ^
t.yaml:9:9: error: a choice cannot be empty
          - ''
            ^~
)EXPECTED");
}

TEST_CASE("rule: duplicate choices after normalization") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    choices: [Paris, ' paris.', Rome]\n"
              "    answer: Paris\n") ==
        R"EXPECTED(t.yaml:4:22: error: duplicate choice ' paris.'
        choices: [Paris, ' paris.', Rome]
                         ^~~~~~~~~
t.yaml:4:15: note: the same choice (ignoring case, spacing and final punctuation) is here
        choices: [Paris, ' paris.', Rome]
                  ^~~~~
)EXPECTED");
}

TEST_CASE("rule: all of the above moves when shuffled") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    choices: [a, b, All of the above]\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:4:21: warning: 'All of the above' will move when the choices are shuffled
        choices: [a, b, All of the above]
                        ^~~~~~~~~~~~~~~~
t.yaml:4:21: note: add 'shuffle: false' to this card to keep the order as written
)EXPECTED");
}

TEST_CASE("rule: answer not among the choices") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    choices: [Reputation, Authority]\n"
              "    answer: Reputaton\n"
              "  - question: r\n"
              "    choices: [Reputation, Authority]\n"
              "    answer: authority\n"
              "  - question: s\n"
              "    choices: [Reputation, Authority]\n"
              "    answer: Zebra\n") ==
        R"EXPECTED(t.yaml:5:13: error: answer 'Reputaton' is not one of the choices
        answer: Reputaton
                ^~~~~~~~~
t.yaml:5:13: note: did you mean 'Reputation'?
t.yaml:8:13: error: answer 'authority' is not one of the choices
        answer: authority
                ^~~~~~~~~
t.yaml:8:13: note: did you mean 'Authority'? (an answer must equal its choice exactly)
t.yaml:11:13: error: answer 'Zebra' is not one of the choices
        answer: Zebra
                ^~~~~
)EXPECTED");
}

TEST_CASE("rule: choice card with a list answer") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: choice\n"
              "    question: q\n"
              "    choices: [a, b]\n"
              "    answer: [a, b]\n") ==
        R"EXPECTED(t.yaml:6:13: error: a choice card has exactly one answer, not a list
        answer: [a, b]
                ^
t.yaml:6:13: note: for several right choices, use 'type: multi' (or drop 'type')
)EXPECTED");
}

TEST_CASE("rule: multi card answers") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: multi\n"
              "    question: q\n"
              "    choices: [a, b]\n"
              "    answer: a\n"
              "  - question: r\n"
              "    choices: [a, b]\n"
              "    answer: []\n"
              "  - question: s\n"
              "    choices: [a, b]\n"
              "    answer: [a, a, c]\n") ==
        R"EXPECTED(t.yaml:6:13: error: a multi card's answer must be a list of choices, not text
        answer: a
                ^
t.yaml:6:13: note: write answer: [a]
t.yaml:9:13: error: a multi card needs at least one right choice in 'answer'
        answer: []
                ^
t.yaml:12:17: error: answer 'a' is listed twice
        answer: [a, a, c]
                    ^
t.yaml:12:20: error: answer 'c' is not one of the choices
        answer: [a, a, c]
                       ^
)EXPECTED");
}

TEST_CASE("rule: truefalse answers") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: truefalse\n"
              "    question: q\n"
              "    answer: yes\n"
              "  - type: truefalse\n"
              "    question: r\n"
              "    answer: 'true'\n") ==
        R"EXPECTED(t.yaml:5:13: error: a truefalse card's answer must be true or false
        answer: yes
                ^~~
t.yaml:5:13: note: quizdeck reads YAML 1.2: yes, no, on and off are text, not booleans
t.yaml:8:13: error: a truefalse card's answer must be true or false
        answer: 'true'
                ^~~~~~
)EXPECTED");
}

TEST_CASE("rule: numeric answer") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: numeric\n"
              "    question: q\n"
              "    answer: three\n") ==
        R"EXPECTED(t.yaml:5:13: error: 'answer' must be a number, not 'three'
        answer: three
                ^~~~~
)EXPECTED");
}

TEST_CASE("rule: short answers") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: ['', ok]\n"
              "  - question: r\n"
              "    answer: No\n"
              "  - question: s\n"
              "    answer: \"false\"\n"
              "  - type: short\n"
              "    question: t\n"
              "    answer: yes\n") ==
        R"EXPECTED(t.yaml:4:14: error: an answer cannot be empty
        answer: ['', ok]
                 ^~
t.yaml:6:13: warning: 'No' is read as the text 'No', so this is a short-answer card
        answer: No
                ^~
t.yaml:6:13: note: for a true/false card write true or false; to keep the text, quote it
t.yaml:8:13: warning: quoted 'false' makes this a short-answer card
        answer: "false"
                ^~~~~~~
t.yaml:8:13: note: remove the quotes for a true/false card
)EXPECTED");
}

TEST_CASE("rule: keys that do not apply") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: true\n"
              "    tolerance: 1\n"
              "  - front: f\n"
              "    back: b\n"
              "    answer: a\n"
              "  - cloze: '{{a}}'\n"
              "    choices: [a, b]\n") ==
        R"EXPECTED(t.yaml:5:5: error: 'tolerance' does not apply to a truefalse card
        tolerance: 1
        ^~~~~~~~~
t.yaml:5:5: note: set 'type' to say which kind of card it is
t.yaml:8:5: error: 'answer' does not apply to a flash card
        answer: a
        ^~~~~~
t.yaml:8:5: note: it is a flash card because it has 'front' or 'back'
t.yaml:10:5: error: 'choices' does not apply to a cloze card
        choices: [a, b]
        ^~~~~~~
t.yaml:10:5: note: it is a cloze card because it has 'cloze'
)EXPECTED");
}

TEST_CASE("rule: required keys of an explicit type") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: choice\n"
              "    question: q\n"
              "    answer: a\n"
              "  - type: flash\n"
              "    front: f\n"
              "  - type: cloze\n"
              "    explain: e\n") ==
        R"EXPECTED(t.yaml:3:5: error: a choice card needs 'choices'
      - type: choice
        ^
t.yaml:6:5: error: a flash card needs 'back'
      - type: flash
        ^
t.yaml:8:5: error: a cloze card needs 'cloze'
      - type: cloze
        ^
)EXPECTED");
}

TEST_CASE("rule: invalid and duplicate card ids") {
  CHECK(
      check("title: T\n"
            "cards:\n"
            "  - id: a b\n"
            "    question: q\n"
            "    answer: a\n"
            "  - id: x\n"
            "    question: r\n"
            "    answer: a\n"
            "  - id: x\n"
            "    question: s\n"
            "    answer: a\n") ==
      R"EXPECTED(t.yaml:3:9: error: invalid card id 'a b': a card id cannot contain white space or control characters
      - id: a b
            ^~~
t.yaml:9:9: error: duplicate card id 'x'
      - id: x
            ^
t.yaml:6:9: note: first used here
      - id: x
            ^
)EXPECTED");
}

TEST_CASE("rule: derived ids collide") {
  CHECK(
      check("title: T\n"
            "cards:\n"
            "  - question: What is it?\n"
            "    answer: a\n"
            "  - question: what is it\n"
            "    answer: b\n"
            "  - id: short-0123\n"
            "    question: z\n"
            "    answer: c\n") ==
      R"EXPECTED(t.yaml:5:5: error: this card gets the id 'short-b5293fab67da', which the card on line 3 has too
      - question: what is it
        ^
t.yaml:5:5: note: both cards ask the same question; give them distinct 'id's
)EXPECTED");
}

TEST_CASE("rule: tolerance, match and points") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: 3\n"
              "    tolerance: -1\n"
              "  - question: r\n"
              "    answer: a\n"
              "    match: fuzy\n"
              "  - question: s\n"
              "    answer: a\n"
              "    match: loose\n"
              "    points: 0\n") ==
        R"EXPECTED(t.yaml:5:16: error: 'tolerance' cannot be negative
        tolerance: -1
                   ^~
t.yaml:8:12: error: unknown match rule 'fuzy'
        match: fuzy
               ^~~~
t.yaml:8:12: note: did you mean 'fuzzy'?
t.yaml:11:12: error: unknown match rule 'loose'
        match: loose
               ^~~~~
t.yaml:11:12: note: match rules: normalized (the default), exact, fuzzy
t.yaml:12:13: error: 'points' must be a positive number
        points: 0
                ^
)EXPECTED");
}

TEST_CASE("rule: cloze errors") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - cloze: no blanks\n"
              "  - cloze: a {{b}} and {{c\n"
              "  - cloze: '{{ | x}}'\n") ==
        R"EXPECTED(t.yaml:3:12: error: a cloze needs at least one blank, written {{answer}}
      - cloze: no blanks
               ^~~~~~~~~
t.yaml:4:24: error: blank 2 opens with '{{' but is never closed with '}}'
      - cloze: a {{b}} and {{c
                           ^~
t.yaml:5:13: error: blank 1 has an empty answer
      - cloze: '{{ | x}}'
                ^~~~~~~~
t.yaml:5:13: note: write each answer between the '|' signs, such as {{colour|color}}
)EXPECTED");
}

TEST_CASE("rule: a cloze's problems at their blank, in every way of writing the text") {
  // A brace short: blank 1 runs into blank 2. Said at blank 1 (not "blank 1 contains '{{':
  // blanks cannot be nested" at the start of the value), and blank 2 still read.
  CHECK(check("title: T\n"
              "cards:\n"
              "  - cloze: Aim low, {{recoil} after the shot, at {{10}} metres\n"
              "  - cloze: \"Double {recoil}} quoted, {{b}}\"\n"
              "  - cloze: |\n"
              "      A block with {{one}} blank\n"
              "        and a {{second one\n"
              "  - cloze: >\n"
              "      Folded {{one}}\n"
              "      lines}} here\n") ==
        R"EXPECTED(t.yaml:3:21: error: blank 1 opens with '{{' but is never closed with '}}'
      - cloze: Aim low, {{recoil} after the shot, at {{10}} metres
                        ^~
t.yaml:3:21: note: did you mean '{{recoil}}'? a blank closes with '}}'
t.yaml:4:27: error: this '}}' closes no blank (a blank opens with '{{')
      - cloze: "Double {recoil}} quoted, {{b}}"
                              ^~
t.yaml:4:27: note: did you mean '{{recoil}}'? a blank opens with '{{'
t.yaml:7:15: error: blank 2 opens with '{{' but is never closed with '}}'
            and a {{second one
                  ^~
t.yaml:10:12: error: this '}}' closes no blank (a blank opens with '{{')
          lines}} here
               ^~
)EXPECTED");
}

TEST_CASE("rule: a cloze's position falls back to its value where the text has escapes") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - cloze: \"tab\\there {{a} and {{b}}\"\n") ==
        R"EXPECTED(t.yaml:3:12: error: blank 1 opens with '{{' but is never closed with '}}'
      - cloze: "tab\there {{a} and {{b}}"
               ^~~~~~~~~~~~~~~~~~~~~~~~~~
t.yaml:3:12: note: did you mean '{{a}}'? a blank closes with '}}'
)EXPECTED");
}

TEST_CASE("rule: a cloze has at most 100 blanks") {
  std::string blanks = "x ";
  for (int i = 1; i <= 101; ++i) blanks += "{{" + std::to_string(i) + "}} ";
  const std::string rendered = check("title: T\ncards:\n  - cloze: " + blanks + "\n");
  const std::size_t column = 12 + blanks.find("{{101}}");  // "  - cloze: " is 11 wide
  CHECK(rendered.substr(0, rendered.find('\n')) ==
        "t.yaml:3:" + std::to_string(column) +
            ": error: a cloze may have at most 100 blanks; this is blank 101");
  CHECK(rendered.ends_with("t.yaml:3:" + std::to_string(column) +
                           ": note: each blank becomes a card holding the whole text: split the "
                           "cloze into several\n"));
}

TEST_CASE("rule: the clozes of a deck expand to at most 256 MiB of card text") {
  // Each blank is a card holding the whole text: 100 blanks in 1.4 MB of text are 140 MB,
  // a second such cloze crosses the budget, reported at that cloze.
  std::string text(1'400'000, 'x');
  for (int i = 0; i < 100; ++i) text += " {{" + std::to_string(i) + "}}";
  const std::string rendered = check("title: T\ncards:\n  - id: a\n    cloze: " + text +
                                     "\n  - id: b\n    cloze: " + text + "\n");
  CHECK(rendered.substr(0, rendered.find('\n')) ==
        "t.yaml:6:12: error: a cloze past the deck's limit: its clozes expand to more than 256 "
        "MiB of card text here");
  CHECK(
      rendered.ends_with("t.yaml:6:12: note: each blank is a card holding its cloze's whole "
                         "text; split long clozes with many blanks, or the deck\n"));
  CHECK(check("title: T\ncards:\n  - cloze: " + text + "\n") == "");
}

TEST_CASE("rule: deck ids") {
  CHECK(check("title: T\n"
              "id: My Deck\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:2:5: error: invalid deck id 'My Deck'
    id: My Deck
        ^~~~~~~
t.yaml:2:5: note: deck ids are lower-case letters, digits, '.', '_' and '-', starting with a letter or digit
)EXPECTED");
}

TEST_CASE("rule: matching pairs, prompts and distractors") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    pairs:\n"
              "      - a: 1\n"
              "      - A: 2\n"
              "      - [x, y]\n"
              "      - prompt: p\n"
              "      - b: \"1.\"\n"
              "      - c:\n"
              "    distractors: [\"1\", z, Z.]\n") ==
        R"EXPECTED(t.yaml:6:9: error: duplicate prompt 'A'
          - A: 2
            ^
t.yaml:5:9: note: the same prompt is here
          - a: 1
            ^
t.yaml:7:9: error: a pair must be a map, not a list
          - [x, y]
            ^
t.yaml:7:9: note: write '- prompt: answer', or '- {prompt: ..., answer: ...}'
t.yaml:8:9: error: this pair has no 'answer'
          - prompt: p
            ^
t.yaml:9:12: error: answer '1.' differs from '1' only in case, spacing or punctuation
          - b: "1."
               ^~~~
t.yaml:9:12: note: write both the same way if they are the same answer
t.yaml:10:9: error: a pair's answer cannot be empty
          - c:
            ^
t.yaml:11:19: error: distractor '1' is already an answer of a pair
        distractors: ["1", z, Z.]
                      ^~~
t.yaml:11:27: error: distractor 'Z.' is already an answer (listed twice)
        distractors: ["1", z, Z.]
                              ^~
)EXPECTED");
}

TEST_CASE("rule: a matching card needs 2 pairs, pairs must be a list") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    pairs: {a: 1, b: 2}\n") ==
        R"EXPECTED(t.yaml:4:12: error: 'pairs' must be a list, not a map
        pairs: {a: 1, b: 2}
               ^
t.yaml:4:12: note: write each pair as '- prompt: answer'
)EXPECTED");
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    pairs:\n"
              "      - a: 1\n") ==
        R"EXPECTED(t.yaml:5:7: error: a matching card needs at least 2 pairs
          - a: 1
          ^
)EXPECTED");
}

TEST_CASE("rule: a matching card has at most 100 pairs and 100 distractors") {
  // 8,000 pairs took 12 s: the card is refused at pair 101, at that pair.
  std::string deck = "title: T\ncards:\n  - question: q\n    pairs:\n";
  for (int i = 1; i <= 8000; ++i) deck += fmt::format("      - p{}: a{}\n", i, i);
  std::string rendered = check(deck);
  CHECK(rendered.substr(0, rendered.find('\n')) ==
        "t.yaml:105:9: error: a matching card may have at most 100 pairs; this is pair 101");
  CHECK(rendered.ends_with(
      "t.yaml:105:9: note: the learner matches every pair at once: split the card\n"));
  deck = "title: T\ncards:\n  - question: q\n    pairs: [a: 1, b: 2]\n    distractors:\n";
  for (int i = 1; i <= 101; ++i) deck += fmt::format("      - d{}\n", i);
  rendered = check(deck);
  CHECK(rendered.substr(0, rendered.find('\n')) ==
        "t.yaml:106:9: error: a matching card may have at most 100 distractors; this is "
        "distractor 101");
  CHECK(
      rendered.ends_with("t.yaml:106:9: note: a few distractors make a card harder; "
                         "hundreds only longer\n"));
  // At the limit, a card is read.
  deck = "title: T\ncards:\n  - question: q\n    pairs:\n";
  for (int i = 1; i <= 100; ++i) deck += fmt::format("      - p{}: a{}\n", i, i);
  CHECK(check(deck) == "");
}

TEST_CASE("rule: ordering items") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    order: [one, Two, two., \"\"]\n"
              "    shuffle: false\n") ==
        R"EXPECTED(t.yaml:4:23: error: duplicate item 'two.'
        order: [one, Two, two., ""]
                          ^~~~
t.yaml:4:18: note: the same item (ignoring case, spacing and final punctuation) is here
        order: [one, Two, two., ""]
                     ^~~
t.yaml:4:29: error: an item cannot be empty
        order: [one, Two, two., ""]
                                ^~
t.yaml:5:5: error: 'shuffle' does not apply to an ordering card
        shuffle: false
        ^~~~~~~
t.yaml:5:5: note: it is an ordering card because it has 'order'
)EXPECTED");
}

TEST_CASE("rule: matching and ordering ids include their prompts and items") {
  const auto a = parse_deck("t.yaml",
                            "title: T\ncards:\n"
                            "  - question: Put these in order.\n    order: [a, b]\n"
                            "  - question: Put these in order.\n    order: [c, d]\n"
                            "  - question: Match.\n    pairs: [{a: 1}, {b: 2}]\n"
                            "  - question: Match.\n    pairs: [{c: 1}, {d: 2}]\n");
  REQUIRE(a.deck);
  CHECK(a.deck->cards.size() == 4);
  CHECK(a.deck->cards[0].id != a.deck->cards[1].id);
  CHECK(a.deck->cards[2].id != a.deck->cards[3].id);
  CHECK(a.deck->cards[0].id.starts_with("ordering-"));
  CHECK(a.deck->cards[2].id.starts_with("matching-"));
}

}  // namespace quizdeck::deck
