// SPDX-License-Identifier: MIT
// GIFT as Moodle's importer reads it (question/format/gift/format.php): true/false
// feedback, names in any script, ids that survive a round trip, HTML without [html], and
// one bad question that leaves the rest of the bank to come in. Aiken ids and bad questions
// beside them.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/source_text.h"
#include "deck/card_id.h"
#include "interchange/aiken.h"
#include "interchange/gift.h"

namespace quizdeck::interchange {
namespace {

Bank gift(const std::string& text) {
  return import_gift(core::SourceText("bank.gift", text));
}

std::string rendered(const std::vector<core::Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += core::render_text(d);
  return out;
}

Entry choice_entry(std::string id, std::vector<std::string> choices,
                   std::vector<std::string> keys) {
  Entry e;
  e.type = keys.size() == 1 ? deck::CardType::kChoice : deck::CardType::kMulti;
  e.id = std::move(id);
  e.question = "Pick";
  for (auto& c : choices) e.choices.push_back({std::move(c), "", {}});
  e.answers = std::move(keys);
  e.pos = {1, 1};
  return e;
}

}  // namespace

TEST_CASE("GIFT: {TRUE#a#b} shows a to who answers False and b to who answers True") {
  const Bank bank = gift(
      "Paris is in France.{TRUE#Mauvaise réponse#Bonne réponse}\n\n"
      "Lyon is the capital.{FALSE#Wrong#Right}\n");
  REQUIRE(bank.entries.size() == 2);
  CHECK(bank.entries[0].truth);
  CHECK(bank.entries[0].explain == "True: Bonne réponse\nFalse: Mauvaise réponse");
  CHECK(!bank.entries[1].truth);
  CHECK(bank.entries[1].explain == "True: Wrong\nFalse: Right");
  // And back out as Moodle reads it: the first '#' for the wrong answer.
  const Exported out = export_gift(bank.entries, "deck.yaml");
  CHECK(out.text.find("{TRUE#Mauvaise réponse#Bonne réponse}") != std::string::npos);
  CHECK(out.text.find("{FALSE#Wrong#Right}") != std::string::npos);
}

TEST_CASE("GIFT: ids and tags from titles and categories keep letters of any script") {
  const Bank bank = gift(
      "$CATEGORY: $course$/top/Économie générale\n\n"
      "::Café 1::Le café est français.{T}\n\n"
      "::Столица России::Столица России — Москва.{T}\n\n"
      "$CATEGORY: $course$/top/Экономика\n\n"
      "::Вопрос::Да?{T}\n\n"
      "$CATEGORY: $course$/top/История\n\n"
      "::Вопрос 2::Нет?{F}\n");
  REQUIRE(bank.entries.size() == 4);
  CHECK(bank.entries[0].id == "café-1");
  CHECK(bank.entries[0].tags == std::vector<std::string>{"économie-générale"});
  CHECK(bank.entries[1].id == "столица-россии");
  CHECK(bank.entries[2].id == "вопрос");
  CHECK(bank.entries[2].tags == std::vector<std::string>{"экономика"});
  CHECK(bank.entries[3].tags == std::vector<std::string>{"история"});
}

TEST_CASE("GIFT: a round trip keeps every id as written, escapes and all") {
  const std::vector<std::string> ids{
      "b*pj8tTyw", "a<b>c", "x]y", "back\\slash\\", "Économie", "getting-started-2", "q:1=2~3{4}"};
  std::vector<Entry> entries;
  for (const auto& id : ids) entries.push_back(choice_entry(id, {"a", "b"}, {"a"}));
  const Exported out = export_gift(entries, "deck.yaml");
  CHECK(out.notes.empty());
  const Bank back = gift(out.text);
  CHECK(back.diagnostics.empty());
  REQUIRE(back.entries.size() == ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) CHECK(back.entries[i].id == ids[i]);
}

TEST_CASE("GIFT: a text starting with // is not written as a comment line") {
  // A question, and a cloze whose second question starts with the first blank's answer.
  Entry question = choice_entry("q", {"a", "b"}, {"a"});
  question.question = "//at is the capital?";
  Entry cloze;
  cloze.type = deck::CardType::kCloze;
  cloze.id = "c";
  cloze.question = "{{//rlin}} is the capital of {{Germany}} now";
  cloze.pos = {5, 1};
  const Exported out = export_gift({question, cloze}, "deck.yaml");
  const Bank back = gift(out.text);
  CHECK(rendered(back.diagnostics).find("error") == std::string::npos);
  // The cloze went out as one missing-word question per blank and comes back as one.
  REQUIRE(back.entries.size() == 2);
  CHECK(back.entries[0].question == "//at is the capital?");
  CHECK(back.entries[1].type == deck::CardType::kCloze);
  CHECK(back.entries[1].question == cloze.question);
  CHECK(back.entries[1].id == "c");
}

TEST_CASE("GIFT: a cloze keeps its card id, and its blanks theirs, through a round trip") {
  Entry cloze;
  cloze.type = deck::CardType::kCloze;
  cloze.id = "X";
  cloze.question = "The {{cat|kitten}}s sat on the {{mat}}.";
  cloze.pos = {3, 1};
  Entry derived = cloze;
  derived.id.clear();
  derived.question = "A {{b}} c {{d}} e {{f}}";
  const Exported out = export_gift({cloze, derived}, "deck.yaml");
  // Each blank's question is named by the blank's card id, BASE#n.
  CHECK(out.text.find("// [id:X#1]") != std::string::npos);
  CHECK(out.text.find("// [id:X#2]") != std::string::npos);
  const Bank back = gift(out.text);
  CHECK(rendered(back.diagnostics) == "");
  REQUIRE(back.entries.size() == 2);
  CHECK(back.entries[0].id == "X");
  CHECK(back.entries[0].question == cloze.question);
  CHECK(back.entries[1].id == "");  // the deck derives the same one again
  CHECK(back.entries[1].question == derived.question);
  // The file holds five questions, and the counts say so: all five imported, as the blanks
  // of two clozes (two cards).
  CHECK(back.questions == 5);
  CHECK(back.skipped == 0);
  CHECK(back.joined == 5);
  CHECK(back.joined_clozes == 2);
  // A run that does not match (a blank's question changed by hand) stays as it is.
  std::string edited = out.text;
  edited.replace(edited.find("sat on"), 6, "lay on");
  const Bank apart = gift(edited);
  CHECK(apart.entries.size() == 3);
  CHECK(apart.questions == 5);
  CHECK(apart.joined == 3);
  CHECK(apart.joined_clozes == 1);
}

TEST_CASE("GIFT: an id given with [id:] is never taken by a numbered title earlier on") {
  const Bank bank = gift(
      "::intro::Q1?{T}\n\n::intro::Q2?{T}\n\n// [id:intro-2]\nQ3?{T}\n\n"
      "::intro-3::Q4?{T}\n");
  std::vector<std::string> ids;
  for (const auto& e : bank.entries) ids.push_back(e.id);
  CHECK(ids == std::vector<std::string>{"intro", "intro-4", "intro-2", "intro-3"});
  CHECK(rendered(bank.diagnostics) == "");
}

TEST_CASE("GIFT: an [id:] a card id cannot be is made one, with a warning") {
  const Bank bank = gift("// [id:week 1]\nQ?{T}\n\n// [id:week 1]\nR?{T}\n");
  REQUIRE(bank.entries.size() == 2);
  CHECK(bank.entries[0].id == "week-1");
  CHECK(bank.entries[1].id == "week-1-2");
  CHECK(rendered(bank.diagnostics) ==
        "bank.gift:2:1: warning: 'week 1' cannot be a card id as written (no white space or "
        "'#'): imported as 'week-1'\n"
        "    Q?{T}\n"
        "    ^\n"
        "bank.gift:5:1: warning: 'week 1' cannot be a card id as written (no white space or "
        "'#'): imported as 'week-1-2'\n"
        "    R?{T}\n"
        "    ^\n");
}

TEST_CASE("GIFT: HTML without [html] is rendered as Moodle renders it") {
  const Bank bank = gift(
      "What is <span style=\"color:red\">Paris</span>?{=capital ~village}\n\n"
      "[plain]Keep <b>this</b> as written.{T}\n\n"
      "Tom &amp; Jerry?{T}\n");
  REQUIRE(bank.entries.size() == 3);
  CHECK(bank.entries[0].question == "What is Paris?");
  CHECK(bank.entries[1].question == "Keep <b>this</b> as written.");
  CHECK(bank.entries[2].question == "Tom & Jerry?");
  // And deck text that looks like markup goes out as [plain], which comes back as written.
  const Exported out = export_gift(bank.entries, "deck.yaml");
  const Bank back = gift(out.text);
  REQUIRE(back.entries.size() == 3);
  CHECK(back.entries[1].question == "Keep <b>this</b> as written.");
}

TEST_CASE("GIFT: one bad question is left out or read as Moodle reads it, the rest comes in") {
  const Bank bank = gift(
      "Type it {=%reset}\n\n"
      "Never closed {=a ~b\n\n"
      "First {=a ~b} then {=c ~d}\n\n"
      "Q {=x ~y}\n"
      "$CATEGORY: other\n\n"
      "Last one.{T}\n");
  CHECK(bank.questions == 5);
  CHECK(bank.malformed == 1);
  CHECK(bank.skipped == 1);
  REQUIRE(bank.entries.size() == 4);
  CHECK(bank.entries[0].answers == std::vector<std::string>{"%reset"});
  CHECK(bank.entries[1].question == "First then {=c ~d}");  // Moodle: the first block
  CHECK(bank.entries[2].question == "Q _____ $CATEGORY: other");
  CHECK(bank.entries[3].question == "Last one.");
  CHECK(rendered(bank.diagnostics) ==
        "bank.gift:3:14: error: this answer block is never closed: no '}' before the blank "
        "line that ends the question (write \\{ for a brace in text)\n"
        "    Never closed {=a ~b\n"
        "                 ^\n"
        "bank.gift:5:20: warning: a second answer block: Moodle takes the first block as the "
        "answers and shows this one as question text; imported the same way (a GIFT question "
        "has one block)\n"
        "    First {=a ~b} then {=c ~d}\n"
        "                       ^\n"
        "bank.gift:8:1: warning: '$CATEGORY:' inside a question (no blank line before it): "
        "Moodle reads this line as question text and keeps the category; imported the same "
        "way (put a blank line before it)\n"
        "    $CATEGORY: other\n"
        "    ^\n");
}

TEST_CASE("GIFT: a multi card's weights give Moodle quizdeck's per-pick scoring, or say not") {
  const Exported three =
      export_gift({choice_entry("m", {"a", "b", "c", "d"}, {"a", "b", "c"})}, "deck.yaml");
  CHECK(three.text.find("\t~%33.33333%a\n\t~%33.33333%b\n\t~%33.33333%c\n\t~%-33.33333%d\n") !=
        std::string::npos);
  CHECK(three.notes.empty());
  // Read back, the weights are quizdeck's own scoring: no warning.
  const Bank back = gift(three.text);
  CHECK(back.diagnostics.empty());
  // Moodle has no fraction 1/11: written as the nearest, and reported.
  std::vector<std::string> choices;
  for (int i = 0; i < 12; ++i) choices.push_back("c" + std::to_string(i));
  const std::vector<std::string> keys(choices.begin(), choices.begin() + 11);
  const Exported eleven = export_gift({choice_entry("m", choices, keys)}, "deck.yaml");
  CHECK(eleven.text.find("\t~%10%c0\n") != std::string::npos);
  CHECK(eleven.text.find("\t~%-10%c11\n") != std::string::npos);
  REQUIRE(eleven.notes.size() == 1);
  CHECK(eleven.notes[0].message ==
        "Moodle has no weight of 1/11 for a choice: the right ones are written 10% and the "
        "wrong ones -10%, so Moodle scores this card differently from quizdeck ((right - "
        "wrong) / 11)");
}

TEST_CASE("GIFT: weights that are not quizdeck's scoring are reported on import") {
  const Bank bank = gift("Pick {~%50%a ~%50%b ~%-100%c}\n");
  REQUIRE(bank.entries.size() == 1);
  CHECK(bank.entries[0].type == deck::CardType::kMulti);
  CHECK(rendered(bank.diagnostics) ==
        "bank.gift:1:1: warning: scoring differs: Moodle scores the picks by their weights "
        "(right 50%; wrong -100%), quizdeck gives each right pick 50% and each wrong one -50%\n"
        "    Pick {~%50%a ~%50%b ~%-100%c}\n"
        "    ^\n");
}

TEST_CASE("Aiken: each question gets the id the deck would derive, written out, unique") {
  const Bank bank = import_aiken(core::SourceText(
      "bank.txt", "What is 2+2?\nA. 3\nB. 4\nANSWER: B\n\nWhat is 2+2?\nA. 4\nB. 5\nANSWER: A\n"));
  REQUIRE(bank.entries.size() == 2);
  CHECK(bank.entries[0].id == deck::derive_card_id(deck::CardType::kChoice, "What is 2+2?"));
  CHECK(bank.entries[1].id == bank.entries[0].id + "-2");
}

TEST_CASE("Aiken: a bad question is left out at its line and the others still come in") {
  const Bank bank = import_aiken(core::SourceText("bank.txt",
                                                  "What is 2+2?\nA. 3\nB. 4\nANSWER: B\n\n"
                                                  "Broken?\nA. yes\nC. no\nANSWER: A\n\n"
                                                  "No key?\nA. yes\nB. no\n\n"
                                                  "Out of range?\nA. yes\nB. no\nANSWER: D\n\n"
                                                  "What is 3+3?\nA. 6\nB. 7\nANSWER: A\n"));
  REQUIRE(bank.entries.size() == 2);
  CHECK(bank.entries[0].question == "What is 2+2?");
  CHECK(bank.entries[1].question == "What is 3+3?");
  CHECK(bank.entries[1].answers == std::vector<std::string>{"6"});
  CHECK(bank.questions == 5);
  CHECK(bank.skipped == 3);
  CHECK(bank.malformed == 3);
  CHECK(rendered(bank.diagnostics) ==
        "bank.txt:8:1: error: expected choice B) or ANSWER: after the question\n"
        "    C. no\n"
        "    ^\n"
        "bank.txt:11:1: error: this question has no ANSWER: line\n"
        "    No key?\n"
        "    ^\n"
        "bank.txt:18:1: error: ANSWER: names a choice letter of this question, A to B\n"
        "    ANSWER: D\n"
        "    ^\n");
}

}  // namespace quizdeck::interchange
