// SPDX-License-Identifier: MIT
// The item-writing checks: for each rule a card that trips it (the exact message and
// position) and a card close to it that must not, then `allow:` on a card and a deck.
#include "deck/item_checks.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "deck/parse_deck.h"
#include "render.h"

namespace quizdeck::deck {
namespace {

// The findings of a deck made of `cards` (YAML list items at two spaces), one a line:
// "line:column: message".
std::string findings(std::string_view cards, std::string_view header = "") {
  const std::string text = fmt::format("title: T\n{}cards:\n{}", header, cards);
  const DeckParse parse = parse_deck("t.yaml", text);
  REQUIRE_MESSAGE(parse.deck.has_value(), check(text));
  std::string out;
  for (const auto& f : item_findings(*parse.deck)) {
    out += fmt::format("{}:{}: {}\n", f.pos.line, f.pos.column, f.message);
  }
  return out;
}

}  // namespace

TEST_CASE("item rules: each has an id after the deck rules and a name under item/") {
  const auto rules = item_rules();
  REQUIRE(rules.size() == 8);
  CHECK(rules.front().id == "QD028");
  CHECK(rules.front().name == "item/longest-key");
  CHECK(rules.back().name == "item/missing-why");
  for (const auto& rule : rules) CHECK(rule.name.starts_with("item/"));
}

TEST_CASE("item/longest-key: the key far longer than every distractor") {
  CHECK(findings("  - question: What does a peer worker do first?\n"
                 "    choices:\n"
                 "      - Diagnose\n"
                 "      - Refer\n"
                 "      - Listen to what the person wants and plan with them\n"
                 "    answer: Listen to what the person wants and plan with them\n") ==
        "7:9: the key is the longest choice by far (50 characters, the longest distractor "
        "8): a test-wise learner picks it unread [item/longest-key]\n");
  // A program's output: its length is no cue.
  CHECK(findings("  - question: What is logged?\n"
                 "    choices:\n"
                 "      - \"`[]`\"\n"
                 "      - \"`[1]`\"\n"
                 "      - \"`[undefined, undefined, undefined]`\"\n"
                 "    answer: \"`[undefined, undefined, undefined]`\"\n") == "");
  // As long as a distractor that is long too: no cue.
  CHECK(findings("  - question: What does a peer worker do first?\n"
                 "    choices:\n"
                 "      - Diagnose the condition and prescribe a treatment plan\n"
                 "      - Refer\n"
                 "      - Listen to what the person wants and plan with them\n"
                 "    answer: Listen to what the person wants and plan with them\n") == "");
}

TEST_CASE("item/all-of-the-above: the phrase as a choice, not inside one") {
  CHECK(findings("  - question: Which are primes?\n"
                 "    choices: [\"2\", \"3\", \"5\", All of the above.]\n"
                 "    answer: All of the above.\n") ==
        "4:30: 'all of the above' is a choice: a learner who knows two of the others (or "
        "rules out one) answers without knowing the rest; write another plausible distractor "
        "[item/all-of-the-above]\n");
  CHECK(findings("  - question: Which sentence is grammatical?\n"
                 "    choices:\n"
                 "      - All of the above sentences are wrong\n"
                 "      - None of them went\n"
                 "      - Nobody went\n"
                 "    answer: Nobody went\n") == "");
}

TEST_CASE("item/absolute-word: only in distractors, not when the key or question has one") {
  CHECK(findings("  - question: When may a peer share a person's story?\n"
                 "    choices:\n"
                 "      - With the person's consent\n"
                 "      - Never, in any case\n"
                 "      - When it helps a group\n"
                 "    answer: With the person's consent\n") ==
        "6:9: 'Never' appears only in wrong choices: absolute words mark distractors to a "
        "test-wise learner [item/absolute-word]\n");
  CHECK(findings("  - question: When may a peer share a person's story?\n"
                 "    choices:\n"
                 "      - Always with the person's consent\n"
                 "      - Never, in any case\n"
                 "      - When it helps a group\n"
                 "    answer: Always with the person's consent\n") == "");
  // A title, not a statement.
  CHECK(findings("  - question: Which song was number one?\n"
                 "    choices: [Always, Heaven Is a Place on Earth, Faith]\n"
                 "    answer: Faith\n") == "");
  CHECK(findings("  - question: Which is never true of recovery?\n"
                 "    choices:\n"
                 "      - It is linear\n"
                 "      - It is never the same for two people\n"
                 "      - It has many pathways\n"
                 "    answer: It is linear\n") == "");
}

TEST_CASE("item/grammar-cue: 'an' before the blank fits only the key") {
  CHECK(findings("  - question: A person who supports others from lived experience is an\n"
                 "    choices: [advocate, peer specialist, counselor]\n"
                 "    answer: advocate\n") ==
        "3:15: 'an' before the blank fits the key but not 'peer specialist'; end the question "
        "before the article, or write a(n) [item/grammar-cue]\n");
  // Every choice fits "an"; "a" before a "you" sound fits "a unit".
  CHECK(findings("  - question: A person who supports others from lived experience is an\n"
                 "    choices: [advocate, ally, intern]\n"
                 "    answer: advocate\n") == "");
  CHECK(findings("  - question: Which character is in the D.A.?\n"
                 "    choices: [Luna, Imp, Anthony]\n"
                 "    answer: Luna\n") == "");
  CHECK(findings("  - question: I am looking for a ...\n"
                 "    choices: [a snack, purse to snatch, an apple]\n"
                 "    answer: purse to snatch\n") == "");
  CHECK(findings("  - question: The metre is a ___\n"
                 "    choices: [unit, number, force]\n"
                 "    answer: unit\n") == "");
}

TEST_CASE("item/negative-stem: not or except in the asking sentence, unless emphasised") {
  CHECK(findings("  - question: Which of these is not a SAMHSA dimension of recovery?\n"
                 "    choices: [Health, Home, Purpose, Income]\n"
                 "    answer: Income\n") ==
        "3:15: the question asks for the wrong choice and 'not' is easy to miss; write it in "
        "capitals (NOT) or ask for the right one [item/negative-stem]\n");
  CHECK(findings("  - question: Which of these is NOT a SAMHSA dimension of recovery?\n"
                 "    choices: [Health, Home, Purpose, Income]\n"
                 "    answer: Income\n") == "");
  CHECK(findings("  - question: Which of these is *not* a SAMHSA dimension of recovery?\n"
                 "    choices: [Health, Home, Purpose, Income]\n"
                 "    answer: Income\n") == "");
  // A "not" in the scenario before the question, "at least", "the least amount", a "not"
  // in a clause, in a quotation or of a contrast ask for nothing wrong.
  CHECK(findings("  - question: He did not sleep. Which needs at least one check?\n"
                 "    choices: [Health, Home, Purpose]\n"
                 "    answer: Health\n") == "");
  CHECK(findings("  - question: Which service keeps messages that are not yet read?\n"
                 "    choices: [Queue, Mail, Log]\n"
                 "    answer: Queue\n") == "");
  CHECK(findings("  - question: What gives the least amount of work?\n"
                 "    choices: [Queue, Mail, Log]\n"
                 "    answer: Queue\n") == "");
  CHECK(findings("  - question: What does \"Principle of Least Privilege\" mean?\n"
                 "    choices: [Queue, Mail, Log]\n"
                 "    answer: Queue\n") == "");
  CHECK(findings("  - question: Which value means the person, not the helper, decides?\n"
                 "    choices: [Choice, Hope, Respect]\n"
                 "    answer: Choice\n") == "");
  // The sentence that asks is the last with a question mark; "least" before a judgement.
  CHECK(findings("  - question: Which of these is not a dimension? (Choose one)\n"
                 "    choices: [Health, Home, Income]\n"
                 "    answer: Income\n") ==
        "3:15: the question asks for the wrong choice and 'not' is easy to miss; write it in "
        "capitals (NOT) or ask for the right one [item/negative-stem]\n");
  CHECK(findings("  - question: Which response is least helpful?\n"
                 "    choices: [Listening, Lecturing, Asking]\n"
                 "    answer: Lecturing\n") ==
        "3:15: the question asks for the wrong choice and 'least' is easy to miss; write it "
        "in capitals (LEAST) or ask for the right one [item/negative-stem]\n");
}

TEST_CASE("item/similar-choices: the same words but for case, punctuation and articles") {
  CHECK(findings("  - question: Which comes first?\n"
                 "    choices: [Build rapport, \"build the rapport.\", Set goals]\n"
                 "    answer: Set goals\n") ==
        "4:30: this choice says the same as 'Build rapport'; make each choice a different "
        "answer [item/similar-choices]\n");
  CHECK(findings("  - question: Which comes first?\n"
                 "    choices:\n"
                 "      - Ask the person what recovery means to them\n"
                 "      - Ask a person what recovery means to them!\n"
                 "      - Set goals\n"
                 "    answer: Set goals\n") ==
        "6:9: this choice says the same as 'Ask the person what recovery means to t…'; make "
        "each choice a different answer [item/similar-choices]\n");
  // Word order, a prefix and a sign are how deliberate distractors differ; code keeps its
  // punctuation.
  CHECK(findings("  - question: Which is true?\n"
                 "    choices:\n"
                 "      - There are more regions than zones\n"
                 "      - There are more zones than regions\n"
                 "      - Use infrequently coupled parts\n"
                 "      - Use frequently coupled parts\n"
                 "    answer: There are more zones than regions\n") == "");
  CHECK(findings("  - question: Which blood type is the most common?\n"
                 "    choices: [AB+, AB-, O+]\n"
                 "    answer: O+\n") == "");
  CHECK(findings("  - question: What is logged?\n"
                 "    choices: [\"`a.b`\", \"`a[b]`\", \"`b`\"]\n"
                 "    answer: \"`b`\"\n") == "");
}

TEST_CASE("item/key-echoes-stem: only the key repeats the question's words") {
  CHECK(findings("  - question: What protects the confidentiality of substance use records?\n"
                 "    choices:\n"
                 "      - The federal confidentiality rule for substance use records\n"
                 "      - HIPAA's privacy rule for health plans and providers\n"
                 "      - State licensing law\n"
                 "    answer: The federal confidentiality rule for substance use records\n") ==
        "5:9: only the key repeats words of the question ('confidentiality', 'substance', "
        "'records'): a learner can match words instead of knowing [item/key-echoes-stem]\n");
  // A distractor repeats them too.
  CHECK(findings("  - question: What protects the confidentiality of substance use records?\n"
                 "    choices:\n"
                 "      - The federal confidentiality rule for substance use records\n"
                 "      - HIPAA's privacy rule for substance use records\n"
                 "      - State licensing law\n"
                 "    answer: The federal confidentiality rule for substance use records\n") == "");
}

TEST_CASE("item/missing-why: a distractor without why, in a deck that gives whys") {
  const std::string with_whys =
      "  - question: Which comes first?\n"
      "    choices:\n"
      "      - text: Rapport\n"
      "      - text: Goals\n"
      "        why: Goals come from rapport.\n"
      "      - Referral\n"
      "    answer: Rapport\n";
  CHECK(findings(with_whys) ==
        "8:9: this wrong choice has no 'why', though the deck says why its wrong choices are "
        "wrong [item/missing-why]\n");
  // A deck that never says why: nothing is missing.
  CHECK(findings("  - question: Which comes first?\n"
                 "    choices: [Rapport, Goals, Referral]\n"
                 "    answer: Rapport\n") == "");
}

TEST_CASE("item checks: allow silences a rule for a card, or the whole deck") {
  const std::string card =
      "  - question: Which are primes?\n"
      "    choices: [\"2\", \"3\", \"5\", All of the above]\n"
      "    answer: All of the above\n";
  CHECK(findings(card + "    allow: [item/all-of-the-above]\n") == "");
  CHECK(findings(card, "allow: [item/all-of-the-above]\n") == "");
  // Another rule's name silences nothing else.
  CHECK(findings(card + "    allow: [item/longest-key]\n") != "");
}

TEST_CASE("item checks: an unknown rule in allow is an error with a did-you-mean") {
  CHECK(check("title: T\n"
              "cards:\n"
              "  - question: q\n"
              "    answer: a\n"
              "    allow: [item/longest-keys]\n") ==
        R"EXPECTED(t.yaml:5:13: error: unknown item-writing rule 'item/longest-keys' in 'allow'
        allow: [item/longest-keys]
                ^~~~~~~~~~~~~~~~~
t.yaml:5:13: note: did you mean 'item/longest-key'?
)EXPECTED");
}

}  // namespace quizdeck::deck
