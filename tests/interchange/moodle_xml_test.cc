// SPDX-License-Identifier: MIT
// Moodle XML in and out: a bad question is left out with its error and the rest come in;
// a file that is not Moodle XML at all is one error; ids, scoring and text survive a
// round trip or are reported; hostile files end quickly with a clear error.
#include "interchange/moodle_xml.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "core/base64.h"
#include "deck/card_id.h"
#include "deck/parse_deck.h"
#include "interchange/finish.h"

namespace quizdeck::interchange {
namespace {

constexpr std::string_view kHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";

std::string tf(std::string_view name, std::string_view text) {
  return "  <question type=\"truefalse\"><name><text>" + std::string(name) +
         "</text></name><questiontext format=\"plain_text\"><text>" + std::string(text) +
         "</text></questiontext><answer fraction=\"100\"><text>true</text></answer>"
         "<answer fraction=\"0\"><text>false</text></answer></question>\n";
}

Bank imported(const std::string& text) {
  auto bank = import_moodle_xml(core::SourceText("bank.xml", text));
  REQUIRE(bank.has_value());
  return std::move(*bank);
}

std::string refused(const std::string& text) {
  auto bank = import_moodle_xml(core::SourceText("bank.xml", text));
  REQUIRE_FALSE(bank.has_value());
  return core::render_text(bank.error().diagnostic);
}

std::string rendered(Bank& bank) {
  core::sort_diagnostics(bank.diagnostics);
  std::string out;
  for (const auto& d : bank.diagnostics) out += core::render_text(d);
  return out;
}

// The deck's cards as the deck loader makes them from a bank.
std::vector<deck::Card> cards_of(Bank bank) {
  const DeckText text = finish_deck(bank, "bank.xml", {});
  const deck::DeckParse parse = deck::parse_deck("back.yaml", text.yaml);
  REQUIRE(parse.deck.has_value());
  return {parse.deck->cards.begin(), parse.deck->cards.end()};
}

Entry multi(std::vector<std::string> choices, std::vector<std::string> keys) {
  Entry e;
  e.type = deck::CardType::kMulti;
  e.id = "m";
  e.question = "Pick?";
  for (auto& c : choices) e.choices.push_back({c, "", {}});
  e.answers = std::move(keys);
  e.pos = {3, 5};
  return e;
}

}  // namespace

TEST_CASE("Moodle XML: a question that cannot be read is left out at its place, the rest come in") {
  const std::string text = std::string(kHead) + tf("one", "First?") +
                           "  <question type=\"truefalse\">\n"
                           "    <name><text>Broken</name>\n"
                           "  </question>\n" +
                           tf("three", "Third?") +
                           "  <question type=\"multichoice\"><name><text>four</text></name>"
                           "<questiontext><text>Fourth?</text></questiontext>"
                           "<answer fraction=\"lots\"><text>a</text></answer>"
                           "<answer fraction=\"0\"><text>b</text></answer></question>\n" +
                           tf("five", "Fifth?") + "</quiz>\n";
  Bank bank = imported(text);
  CHECK(bank.questions == 5);
  CHECK(bank.entries.size() == 3);
  CHECK(bank.skipped == 2);
  CHECK(bank.malformed == 2);
  CHECK(rendered(bank) ==
        "bank.xml:5:30: error: malformed XML: Opening and ending tag mismatch: text line 5 and "
        "name\n"
        "        <name><text>Broken</name>\n"
        "                                 ^\n"
        "bank.xml:8:1: error: fraction 'lots' is not a number (a percentage such as 100 or -50)\n"
        "      <question type=\"multichoice\"><name><text>four</text></name><questiontext><text>"
        "Fourth?</text></que...\n"
        "    ^\n");
  std::vector<std::string> ids;
  for (const auto& e : bank.entries) ids.push_back(e.id);
  CHECK(ids == std::vector<std::string>{"one", "three", "five"});
}

TEST_CASE("Moodle XML: a file that is not Moodle XML at all is refused with one error") {
  CHECK(refused("<?xml version=\"1.0\"?>\n<quizz><question/></quizz>\n") ==
        "bank.xml:2:1: error: a Moodle XML file has <quiz> as its root element\n"
        "    <quizz><question/></quizz>\n"
        "    ^\n");
  // Broken outside every question: no question to blame, so the file is.
  CHECK(refused(std::string(kHead) + tf("one", "First?") + "</quix>\n") ==
        "bank.xml:4:8: error: malformed XML: Opening and ending tag mismatch: quiz line 2 and "
        "quix\n"
        "    </quix>\n"
        "           ^\n");
  CHECK(refused("just text\n") ==
        "bank.xml:1:1: error: malformed XML: Start tag expected, '<' not found\n"
        "    just text\n"
        "    ^\n");
}

TEST_CASE("Moodle XML: text that is not UTF-8 is an error at its byte, not Latin-1 text") {
  CHECK(refused(std::string(kHead) + tf("one", "Caf\xE9 au lait?") + "</quiz>\n") ==
        "bank.xml:3:102: error: this file is not UTF-8 text (Moodle XML files are UTF-8)\n"
        "    ...</name><questiontext format=\"plain_text\"><text>Caf\xEF\xBF\xBD au "
        "lait?</text></questiontext><answer fraction=\"...\n"
        "                                                         ^\n");
}

TEST_CASE("Moodle XML: an error quotes its line with control characters made visible") {
  Bank bank = imported(std::string(kHead) + tf("one", "First?") +
                       "  <question type=\"truefalse\"><name>\x1b]0;PWNED\x07</name></question>\n" +
                       "</quiz>\n");
  const std::string out = rendered(bank);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out ==
        "bank.xml:4:36: error: malformed XML: PCDATA invalid Char value 27\n"
        "      <question type=\"truefalse\"><name>\xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD</name>"
        "</question>\n"
        "                                       ^\n");
}

TEST_CASE("Moodle XML: entities may add at most 16 MiB of text to a file") {
  // 70 KB: one 20 KB entity used 10,000 times would be 200 MB of text.
  std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [ <!ENTITY e \"" +
                     std::string(20'000, 'x') + "\"> ]>\n<quiz>\n";
  std::string refs;
  for (int i = 0; i < 10'000; ++i) refs += "&e;";
  text += tf("one", refs) + "</quiz>\n";
  CHECK(refused(text).starts_with(
      "bank.xml:4:1: error: entity references here would expand past 16 MiB of text (the limit "
      "on what entities may add to an import)\n"));
  // Within the budget, entities are text.
  Bank bank =
      imported("<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [ <!ENTITY e \"entity\"> ]>\n<quiz>\n" +
               tf("one", "An &e; here?") + "</quiz>\n");
  REQUIRE(bank.entries.size() == 1);
  CHECK(bank.entries[0].question == "An entity here?");
}

// Issue 28: a text over libxml2's 10 MB limit (within the 16 MiB a file may hold) was
// "malformed XML: internal error: Huge input lookup".
TEST_CASE("Moodle XML: a text over the XML reader's 10 MB says so, not 'malformed'") {
  const auto bank = import_moodle_xml(core::SourceText(
      "bank.xml", std::string(kHead) + tf("one", std::string(11'000'000, 'x')) + "</quiz>\n"));
  std::string error;
  if (bank) {
    for (const auto& d : bank->diagnostics) error += core::render_text(d);
  } else {
    error = core::render_text(bank.error().diagnostic);
  }
  INFO(error.substr(0, 300));
  CHECK(error.find("error: a single text here is over 10 MB, more than the XML reader takes") !=
        std::string::npos);
  CHECK(error.find("malformed") == std::string::npos);
}

TEST_CASE("Moodle XML: an image-only question is left out saying so, not as an empty question") {
  const std::string png = core::base64_encode("\x89PNG\r\n\x1a\n");
  Bank bank = imported(std::string(kHead) +
                       "  <question type=\"truefalse\"><name><text>pic</text></name>"
                       "<questiontext format=\"html\"><text><![CDATA[<p><img "
                       "src=\"@@PLUGINFILE@@/sign.png\"></p>]]></text>"
                       "<file name=\"sign.png\" path=\"/\" encoding=\"base64\">" +
                       png +
                       "</file></questiontext><answer fraction=\"100\"><text>true</text></answer>"
                       "</question>\n" +
                       tf("two", "Second?") + "</quiz>\n");
  CHECK(bank.questions == 2);
  CHECK(bank.entries.size() == 1);
  CHECK(bank.skipped == 1);
  CHECK(bank.malformed == 0);
  CHECK(bank.media.empty());
  CHECK(rendered(bank).starts_with(
      "bank.xml:3:1: warning: this question has only an image, and a card needs text to ask: "
      "left out\n"));
}

TEST_CASE("Moodle XML: a multi card's wrong choices cost 1/k, as quizdeck scores them") {
  Exported out = export_moodle_xml({multi({"a", "b", "c", "d"}, {"a", "b", "c"})}, "d.yaml", "D");
  CHECK(out.text.find("<answer fraction=\"33.33333\" format=\"plain_text\">\n      <text>a") !=
        std::string::npos);
  CHECK(out.text.find("<answer fraction=\"-33.33333\" format=\"plain_text\">\n      <text>d") !=
        std::string::npos);
  CHECK(out.notes.empty());
  Bank back = imported(out.text);
  CHECK(rendered(back).empty());
  // Moodle has no 1/12: the nearest fraction it allows, reported.
  std::vector<std::string> choices;
  std::vector<std::string> keys;
  for (int i = 0; i < 13; ++i) {
    choices.push_back("c" + std::to_string(i));
    if (i < 12) keys.push_back("c" + std::to_string(i));
  }
  out = export_moodle_xml({multi(choices, keys)}, "d.yaml", "D");
  REQUIRE(out.notes.size() == 1);
  CHECK(core::render_text(out.notes[0]) ==
        "d.yaml:3:5: warning: Moodle has no fraction of 1/12: each key is written as 10% and "
        "each other choice as -10% (quizdeck scores each 8.33333%)\n");
  CHECK(out.text.find("<answer fraction=\"-10\"") != std::string::npos);
}

TEST_CASE("Moodle XML: fractions that score otherwise than quizdeck are reported on import") {
  Bank bank = imported(std::string(kHead) +
                       "  <question type=\"multichoice\"><name><text>m</text></name>"
                       "<questiontext><text>Pick?</text></questiontext><single>false</single>"
                       "<answer fraction=\"50\"><text>a</text></answer>"
                       "<answer fraction=\"50\"><text>b</text></answer>"
                       "<answer fraction=\"-100\"><text>c</text></answer></question>\n"
                       "</quiz>\n");
  REQUIRE(bank.entries.size() == 1);
  CHECK(bank.entries[0].answers == std::vector<std::string>{"a", "b"});
  CHECK(rendered(bank).starts_with(
      "bank.xml:3:1: warning: fractions -100% differ from quizdeck's scoring, which is kept: each "
      "key picked earns 1/2 and each other choice picked costs 1/2\n"));
}

TEST_CASE("Moodle XML: ids survive a round trip: given, derived, any script, de-duplicated") {
  std::vector<Entry> entries;
  const auto add = [&](std::string id, std::string question) {
    Entry e;
    e.type = deck::CardType::kShort;
    e.id = std::move(id);
    e.question = std::move(question);
    e.answers = {"x"};
    e.pos = {static_cast<int>(entries.size()) + 3, 5};
    entries.push_back(std::move(e));
  };
  add("", "An Aiken question without an id?");
  add("Économie_générale:1", "Second?");
  add("日本-2", "Third?");
  add("a<b>&\"c'", "Fourth?");
  add("q-2", "Fifth?");
  add("", "Ends  with  two  spaces  ");
  const Exported out = export_moodle_xml(entries, "d.yaml", "D");
  CHECK(out.notes.empty());
  Bank bank = imported(out.text);
  CHECK(rendered(bank).empty());
  const auto cards = cards_of(bank);
  REQUIRE(cards.size() == 6);
  CHECK(cards[0].id ==
        deck::derive_card_id(deck::CardType::kShort, "An Aiken question without an id?"));
  CHECK_FALSE(cards[0].id_given);  // no id written: the deck derives the same
  CHECK(cards[1].id == "Économie_générale:1");
  CHECK(cards[2].id == "日本-2");
  CHECK(cards[3].id == "a<b>&\"c'");
  CHECK(cards[4].id == "q-2");
  CHECK(cards[5].prompt == "Ends  with  two  spaces");
  // Two questions named alike: the first keeps the name, the next gets a free number,
  // never one another question has.
  Bank twice = imported(std::string(kHead) + tf("Q", "One?") + tf("Q", "Two?") +
                        tf("Q-2", "Three?") + tf("Capital of France", "Four?") + "</quiz>\n");
  std::vector<std::string> ids;
  for (const auto& e : twice.entries) ids.push_back(e.id);
  CHECK(ids == std::vector<std::string>{"Q", "Q-3", "Q-2", "Capital-of-France"});
}

TEST_CASE("Moodle XML: text keeps its lines, spaces and markup-looking characters") {
  Entry e;
  e.type = deck::CardType::kCloze;
  e.id = "c";
  e.question = "Line one with <b>markup</b> & more\n  indented {{a}b|c#d~e/f\"g\\h}} end";
  e.explain = "Why:\nbecause.";
  e.match = deck::MatchRule::kExact;
  e.pos = {3, 5};
  Entry image = e;
  image.type = deck::CardType::kFlash;
  image.id = "i";
  image.question = "  two  spaces\nand <i>tags</i> &amp;";
  image.back = "back";
  image.explain.clear();
  image.image.path = "img/p.png";
  const Exported out = export_moodle_xml({e, image}, "d.yaml", "D", {{"img/p.png", "PNG"}});
  CHECK(out.notes.empty());
  Bank bank = imported(out.text);
  REQUIRE(bank.entries.size() == 2);
  CHECK(bank.entries[0].question == e.question);
  CHECK(bank.entries[0].match == deck::MatchRule::kExact);
  CHECK(bank.entries[0].explain == e.explain);
  CHECK(bank.entries[1].question == "two  spaces\nand <i>tags</i> &amp;");
  CHECK(bank.entries[1].image.path == "p.png");
}

TEST_CASE("Moodle XML: true/false feedback for each answer comes in and goes out as Moodle's") {
  // Moodle shows an answer's feedback to who gives that answer: kept as the explanation's
  // "True: ..." and "False: ..." lines, as GIFT's are.
  Bank bank = imported(std::string(kHead) +
                       "  <question type=\"truefalse\"><name><text>tf</text></name>"
                       "<questiontext format=\"html\"><text>Sky is blue?</text></questiontext>"
                       "<generalfeedback><text>Rayleigh.</text></generalfeedback>"
                       "<answer fraction=\"0\"><text>false</text>"
                       "<feedback><text>&lt;p&gt;Look up.&lt;/p&gt;</text></feedback></answer>"
                       "<answer fraction=\"100\"><text>true</text>"
                       "<feedback><text>Right.</text></feedback></answer></question>\n"
                       "</quiz>\n");
  REQUIRE(bank.entries.size() == 1);
  CHECK(bank.entries[0].truth);
  CHECK(bank.entries[0].explain == "Rayleigh.\nTrue: Right.\nFalse: Look up.");
  CHECK(rendered(bank) == "");
  // Out again: each line the feedback of its answer, the rest the general feedback.
  Entry e = bank.entries[0];
  e.pos = {3, 5};
  const Exported out = export_moodle_xml({e}, "d.yaml", "D");
  CHECK(out.notes.empty());
  CHECK(out.text.find("<generalfeedback format=\"plain_text\"><text>Rayleigh.</text>") !=
        std::string::npos);
  CHECK(out.text.find("<answer fraction=\"100\"><text>true</text>\n      <feedback") !=
        std::string::npos);
  Bank back = imported(out.text);
  REQUIRE(back.entries.size() == 1);
  CHECK(back.entries[0].explain == e.explain);
  CHECK(back.entries[0].truth);
  // Only one answer with feedback, and none: no line for the other.
  e.explain = "False: No.";
  e.truth = false;
  back = imported(export_moodle_xml({e}, "d.yaml", "D").text);
  REQUIRE(back.entries.size() == 1);
  CHECK(back.entries[0].explain == "False: No.");
  CHECK_FALSE(back.entries[0].truth);
}

TEST_CASE("Moodle XML: the header comment and every text are XML our import reads back") {
  Entry e;
  e.type = deck::CardType::kShort;
  e.question = "Bell\x07 and \xEF\xBF\xBF?";
  e.answers = {"yes"};
  e.pos = {3, 5};
  const Exported out = export_moodle_xml({e}, "d.yaml", "Title \x1b]0;PWNED\x07 -- end-");
  CHECK(out.text.find('\x1b') == std::string::npos);
  CHECK(out.text.find("<!-- Title ^[]0;PWNED^G - - end-, exported by quizdeck -->") !=
        std::string::npos);
  Bank bank = imported(out.text);
  REQUIRE(bank.entries.size() == 1);
  CHECK(bank.entries[0].question == "Bell^G and \xEF\xBF\xBD?");
  std::string notes;
  for (const auto& d : out.notes) notes += core::render_text(d);
  CHECK(notes ==
        "d.yaml:3:5: warning: control characters written as text ('^[' for escape)\n"
        "d.yaml:3:5: warning: U+FFFE and U+FFFF, which XML cannot hold, are written as U+FFFD\n");
}

// Moodle XML writes an entry's notes (id, explanation, hint, tags), QTI only what it asks:
// each scans what it writes for what XML cannot hold.
TEST_CASE("any_text: what every format writes, or with the entry's notes too") {
  // U+FFFE or U+FFFF anywhere in the text (as xml_tree.h's has_xml_noncharacter finds).
  const auto has_xml_noncharacter = +[](std::string_view text) {
    return text.find("\xEF\xBF\xBE") != std::string_view::npos ||
           text.find("\xEF\xBF\xBF") != std::string_view::npos;
  };
  Entry e;
  e.question = "Q?";
  e.answers = {"a"};
  e.explain = "U+FFFE: \xEF\xBF\xBE";
  CHECK_FALSE(any_text(e, EntryTexts::kAsked, has_xml_noncharacter));
  CHECK(any_text(e, EntryTexts::kWithNotes, has_xml_noncharacter));
  e.explain.clear();
  e.tags = {"\xEF\xBF\xBF"};
  CHECK_FALSE(any_text(e, EntryTexts::kAsked, has_xml_noncharacter));
  CHECK(any_text(e, EntryTexts::kWithNotes, has_xml_noncharacter));
  e.tags.clear();
  deck::Choice choice;
  choice.text = "A";
  choice.why = "why \xEF\xBF\xBE";
  e.choices = {choice};
  CHECK(any_text(e, EntryTexts::kAsked, has_xml_noncharacter));
}

}  // namespace quizdeck::interchange
