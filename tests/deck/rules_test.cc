// SPDX-License-Identifier: MIT
// One case per validation rule of the deck format (the deck, its keys and field values),
// each asserting the exact rendered diagnostics (message, position, excerpt and notes).
#include "deck/parse_deck.h"
#include "render.h"

#include <doctest/doctest.h>

#include <string>

#include "deck/field_reader.h"

namespace quizdeck::deck {
TEST_CASE("rule: unknown deck key with a suggestion") {
  CHECK(check("titel: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:1:1: error: unknown key 'titel' in the deck
    titel: T
    ^~~~~
t.yaml:1:1: note: did you mean 'title'?
t.yaml:1:1: error: the deck has no 'title'
    titel: T
    ^
)EXPECTED");
}

TEST_CASE("rule: card key at deck level") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n"
              "explain: x\n") ==
        R"EXPECTED(t.yaml:5:1: error: unknown key 'explain' in the deck
    explain: x
    ^~~~~~~
t.yaml:5:1: note: 'explain' is a card key; cards go in the list under 'cards'
)EXPECTED");
}

TEST_CASE("rule: missing title and cards") {
  CHECK(check("description: d\n") ==
        R"EXPECTED(t.yaml:1:1: error: the deck has no 'title'
    description: d
    ^
t.yaml:1:1: error: the deck has no 'cards'
    description: d
    ^
)EXPECTED");
}

TEST_CASE("rule: cards empty") {
  CHECK(check("title: T\n"
              "cards: []\n") ==
        R"EXPECTED(t.yaml:2:8: error: 'cards' is empty; a deck needs at least one card
    cards: []
           ^
)EXPECTED");
}

TEST_CASE("rule: cards not a list") {
  CHECK(check("title: T\n"
              "cards: x\n") ==
        R"EXPECTED(t.yaml:2:8: error: 'cards' must be a list of cards, not text
    cards: x
           ^
)EXPECTED");
}

TEST_CASE("rule: card not a map") {
  CHECK(
      check("title: T\n"
            "cards:\n"
            "  - just text\n") ==
      R"EXPECTED(t.yaml:3:5: error: a card must be a map of keys (question:, answer:, ...), not text
      - just text
        ^~~~~~~~~
)EXPECTED");
}

TEST_CASE("rule: unknown card key with a suggestion") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n"
              "    explaination: e\n") ==
        R"EXPECTED(t.yaml:5:5: error: unknown key 'explaination' in a card
        explaination: e
        ^~~~~~~~~~~~
t.yaml:5:5: note: did you mean 'explain'?
)EXPECTED");
}

TEST_CASE("rule: duplicate key") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n"
              "    answer: b\n") ==
        R"EXPECTED(t.yaml:5:5: error: duplicate key 'answer' in a card
        answer: b
        ^~~~~~
t.yaml:4:5: note: first given here
        answer: a
        ^~~~~~
)EXPECTED");
}

TEST_CASE("rule: non-text key") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n"
              "    [x]: 1\n") ==
        R"EXPECTED(t.yaml:5:5: error: a key in a card must be a plain name, not a list
        [x]: 1
        ^
)EXPECTED");
}

TEST_CASE("rule: empty value points at its key") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question:\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:5: error: 'question' is empty
      - question:
        ^~~~~~~~
)EXPECTED");
}

TEST_CASE("rule: blank text") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: '  '\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:15: error: 'question' is empty
      - question: '  '
                  ^~~~
)EXPECTED");
}

TEST_CASE("rule: text given a list") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: [a, b]\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:15: error: 'question' must be text, not a list
      - question: [a, b]
                  ^
)EXPECTED");
}

TEST_CASE("rule: unsupported tag") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: !foo q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:15: error: unsupported YAML tag '!foo'
      - question: !foo q
                  ^
t.yaml:3:15: note: decks take no YAML tags: write the value as it is (quote it for text)
)EXPECTED");
}

TEST_CASE("rule: an explicit core tag is an error where it stands, whatever the field") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: !!str Q\n"
              "    answer: !!int abc\n") ==
        R"EXPECTED(t.yaml:4:13: error: unsupported YAML tag '!!int'
        answer: !!int abc
                ^
t.yaml:4:13: note: decks take no YAML tags: write the value as it is (quote it for text)
)EXPECTED");
  CHECK(check("title: T\n"
              "cards: !!seq\n"
              "  - question: Q\n"
              "    answer: yes\n")
            .find("t.yaml:2:8: error: unsupported YAML tag '!!seq'") == 0);
}

TEST_CASE("rule: yes is not a boolean") {
  CHECK(check("title: T\n"
              "shuffle: yes\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:2:10: error: 'shuffle' must be true or false, not 'yes'
    shuffle: yes
             ^~~
t.yaml:2:10: note: quizdeck reads YAML 1.2: yes, no, on and off are text, not booleans
)EXPECTED");
}

TEST_CASE("rule: quoted boolean") {
  CHECK(check("title: T\n"
              "shuffle: 'true'\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:2:10: error: 'shuffle' must be true or false, not 'true'
    shuffle: 'true'
             ^~~~~~
t.yaml:2:10: note: remove the quotes
)EXPECTED");
}

TEST_CASE("rule: quoted number") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: 3\n"
              "    points: '2'\n") ==
        R"EXPECTED(t.yaml:5:13: error: 'points' must be a number, not '2'
        points: '2'
                ^~~
t.yaml:5:13: note: remove the quotes
)EXPECTED");
}

TEST_CASE("rule: a quoted number as an answer is graded as text, with a warning") {
  // As a quoted "true" is: the card silently became a short-answer card.
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: How many compressions?\n"
              "    answer: \"15\"\n"
              "  - question: Texts meant\n"
              "    answer: [\"15\", fifteen]\n"
              "  - question: Said so\n"
              "    type: short\n"
              "    answer: '30'\n") ==
        R"EXPECTED(t.yaml:4:13: warning: quoted '15' makes this a short-answer card, graded as text
        answer: "15"
                ^~~~
t.yaml:4:13: note: remove the quotes for a numeric card, graded as a number ('tolerance:' can then allow a margin)
)EXPECTED");
}

TEST_CASE("rule: non-finite number") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - type: numeric\n"
              "    question: q\n"
              "    answer: .inf\n") ==
        R"EXPECTED(t.yaml:5:13: error: 'answer' must be a finite number, not '.inf'
        answer: .inf
                ^~~~
)EXPECTED");
}

TEST_CASE("rule: tags must be a list") {
  CHECK(check("title: T\n"
              "tags: crss\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:2:7: error: 'tags' must be a list, not text
    tags: crss
          ^~~~
t.yaml:2:7: note: write tags: [crss]
)EXPECTED");
}

TEST_CASE("rule: tags written as text get a suggestion that is itself valid") {
  // Not "write tags: [infant choking]", an error of its own: one tag or two, as fits.
  CHECK(check("title: T\n"
              "tags: infant choking\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n"
              "    tags: cpr, infant choking,  , first aid\n"
              "  - question: r\n"
              "    answer: a\n"
              "    tags: \"c++ basics\"\n") ==
        R"EXPECTED(t.yaml:2:7: error: 'tags' must be a list, not text
    tags: infant choking
          ^~~~~~~~~~~~~~
t.yaml:2:7: note: write tags: [infant-choking] for one tag, or tags: [infant, choking] for two (a tag holds no spaces)
t.yaml:6:11: error: 'tags' must be a list, not text
        tags: cpr, infant choking,  , first aid
              ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
t.yaml:6:11: note: write tags: [cpr, infant-choking, first-aid]
t.yaml:9:11: error: 'tags' must be a list, not text
        tags: "c++ basics"
              ^~~~~~~~~~~~
t.yaml:9:11: note: write tags: [c++-basics] for one tag, or tags: [c++, basics] for two (a tag holds no spaces)
)EXPECTED");
  CHECK(tags_suggestion("a b c") ==
        "write tags: [a-b-c] for one tag, or tags: [a, b, c] for 3 (a tag holds no spaces)");
  CHECK(tags_suggestion("key: value, #x") == "write tags: [\"key:-value\", \"#x\"]");
  // Each suggestion, written in a deck, is a valid list of tags.
  for (const std::string text : {"infant choking", "cpr, infant choking", "key: value, #x",
                                 "[a] {b}", "- dash", "'quoted' \"words\""}) {
    std::string suggestion = tags_suggestion(text);
    INFO(suggestion);
    suggestion = suggestion.substr(std::string_view("write tags: ").size());
    suggestion = suggestion.substr(0, suggestion.find(" for one tag"));
    CHECK(check("title: T\ntags: " + suggestion + "\ncards:\n  - {question: q, answer: a}\n") ==
          "");
  }
}

TEST_CASE("rule: tags without white space, not empty") {
  CHECK(
      check("title: T\n"
            "tags: [ok, 'two words', '']\n"
            "cards:\n"
            "  - question: q\n"
            "    answer: a\n") ==
      R"EXPECTED(t.yaml:2:12: error: tag 'two words' contains white space; tags are single words like 'peer-support'
    tags: [ok, 'two words', '']
               ^~~~~~~~~~~
t.yaml:2:25: error: a tag cannot be empty
    tags: [ok, 'two words', '']
                            ^~
)EXPECTED");
}

TEST_CASE("rule: exam must be a map") {
  CHECK(check("title: T\n"
              "exam: 30m\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:2:7: error: 'exam' must be a map (questions:, time:, pass:), not text
    exam: 30m
          ^~~
)EXPECTED");
}

TEST_CASE("rule: exam values") {
  CHECK(check("title: T\n"
              "exam:\n"
              "  questions: 2.5\n"
              "  time: 30\n"
              "  pass: 70\n"
              "  passs: 1\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:14: error: 'questions' must be a whole number of at least 1
      questions: 2.5
                 ^~~
t.yaml:4:9: error: 'time' needs a unit: write 30m for minutes
      time: 30
            ^~
t.yaml:4:9: note: durations look like 30m, 1h30m or 90s
t.yaml:5:9: error: 'pass' is a percentage: write 70%
      pass: 70
            ^~
t.yaml:5:9: note: the pass mark is a percentage of the points, such as 70%
t.yaml:6:3: error: unknown key 'passs' in 'exam'
      passs: 1
      ^~~~~
t.yaml:6:3: note: did you mean 'pass'?
)EXPECTED");
}

TEST_CASE("rule: an exam of more questions than cards is a warning at 'questions'") {
  // A cloze counts one card a blank, as exams ask them.
  CHECK(
      check("title: T\n"
            "exam:\n"
            "  questions: 50\n"
            "cards:\n"
            "  - question: q\n"
            "    answer: a\n"
            "  - cloze: '{{a}} and {{b}}'\n") ==
      R"EXPECTED(t.yaml:3:14: warning: 'questions' is 50, but the deck has 3 cards: its exams will ask 3
      questions: 50
                 ^~
t.yaml:3:14: note: write questions: 3 to ask every card, or add cards
)EXPECTED");
  CHECK(check("title: T\n"
              "exam: {questions: 3}\n"
              "cards:\n"
              "  - {question: q, answer: a}\n"
              "  - cloze: '{{a}} and {{b}}'\n") == "");
  // A cloze whose blanks cannot be read has at most one blank per '{{': the warning
  // stands beside the cloze's errors when even that many are too few.
  CHECK(
      check("title: T\n"
            "exam: {questions: 3}\n"
            "cards:\n"
            "  - {question: q, answer: a}\n"
            "  - cloze: 'a {{b'\n") ==
      R"EXPECTED(t.yaml:2:19: warning: 'questions' is 3, but the deck has at most 2 cards: its exams will ask at most 2
    exam: {questions: 3}
                      ^
t.yaml:2:19: note: each '{{' of a cloze whose blanks cannot be read counted as a blank
t.yaml:5:15: error: blank 1 opens with '{{' but is never closed with '}}'
      - cloze: 'a {{b'
                  ^~
)EXPECTED");
  // ...and none when it may be enough.
  CHECK(check("title: T\n"
              "exam: {questions: 3}\n"
              "cards:\n"
              "  - {question: q, answer: a}\n"
              "  - cloze: 'a {{b {{c}}'\n")
            .find("'questions'") == std::string::npos);
  // A cloze with an error elsewhere still counts its blanks (no warning: 3 cards).
  CHECK(check("title: T\n"
              "exam: {questions: 3}\n"
              "cards:\n"
              "  - {question: q, answer: a}\n"
              "  - {cloze: '{{a}} and {{b}}', tags: 5}\n")
            .find("'questions'") == std::string::npos);
}

TEST_CASE("rule: exam bad duration and percent") {
  CHECK(check("title: T\n"
              "exam:\n"
              "  questions: 0\n"
              "  time: 2 days\n"
              "  pass: 170%\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n") ==
        R"EXPECTED(t.yaml:3:14: error: 'questions' must be a whole number of at least 1
      questions: 0
                 ^
t.yaml:4:9: error: '2 days' is not a duration
      time: 2 days
            ^~~~~~
t.yaml:4:9: note: durations look like 30m, 1h30m or 90s (at most a week)
t.yaml:5:9: error: '170%' is not a percentage between 0% and 100%
      pass: 170%
            ^~~~
)EXPECTED");
}

}  // namespace quizdeck::deck
