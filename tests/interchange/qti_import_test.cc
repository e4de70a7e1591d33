// SPDX-License-Identifier: MIT
// QTI items in and out: a card's id travels in the item's identifier (a documented,
// reversible encoding), a multi card's scoring as map_response with its points as
// MAXSCORE, line breaks in prompts as <br/>, choice feedback as whys, MathML once; a
// package is read only from its own files, each item once however often it is listed.
#include <doctest/doctest.h>

#include <filesystem>

#include "interchange/entry_id.h"
#include "interchange/qti.h"
#include "support/process.h"
#include "support/tmux.h"  // TestDir

namespace quizdeck::interchange {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kItemHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\"\n"
    "    xmlns:m=\"http://www.w3.org/1998/Math/MathML\" identifier=\"q1\" title=\"Q\"\n"
    "    adaptive=\"false\" timeDependent=\"false\">\n";

std::string item(std::string_view declaration, std::string_view body) {
  return std::string(kItemHead) + std::string(declaration) + "  <itemBody>\n" + std::string(body) +
         "  </itemBody>\n</assessmentItem>\n";
}

constexpr std::string_view kSingle =
    "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
    "baseType=\"identifier\">\n    <correctResponse><value>A</value></correctResponse>\n"
    "  </responseDeclaration>\n";

Bank imported(const std::string& text) {
  auto bank = import_qti_item(core::SourceText("item.xml", text));
  REQUIRE(bank.has_value());
  return std::move(*bank);
}

std::string rendered(const Bank& bank) {
  std::string out;
  for (const auto& d : bank.diagnostics) out += core::render_text(d);
  return out;
}

// The entries' items exported and read back as a package's items are.
Bank through_qti(const std::vector<Entry>& entries, Exported* out = nullptr) {
  Exported exported = export_qti(entries, "d.yaml", "d", "D");
  std::vector<core::SourceText> items;
  for (const auto& [name, content] : exported.files) {
    if (name != "imsmanifest.xml") items.emplace_back(name, content);
  }
  Bank bank = import_qti(items);
  if (out != nullptr) *out = std::move(exported);
  return bank;
}

Entry card(deck::CardType type, std::string id, std::string question) {
  Entry e;
  e.type = type;
  e.id = std::move(id);
  e.question = std::move(question);
  e.pos = {3, 5};
  return e;
}

}  // namespace

TEST_CASE("QTI identifiers: a card id in a reversible NCName encoding") {
  CHECK(qti_identifier("q1") == "q1");
  CHECK(qti_identifier("1st") == "_31_st");
  CHECK(qti_identifier("x_y") == "x_5f_y");
  CHECK(qti_identifier("über") == "_fc_ber");
  CHECK(qti_identifier("a b:c") == "a_20_b_3a_c");
  for (const std::string id : {"q1", "1st", "x_y", "über", "日本-2", "a<b>&\"c'", "-x", "Ab.C"}) {
    INFO(id);
    CHECK(id_of_qti_identifier(qti_identifier(id)) == id);
  }
  // Identifiers other tools write, which this encoding never makes, are not decoded.
  CHECK(id_of_qti_identifier("item_1") == std::nullopt);
  CHECK(id_of_qti_identifier("_61_") == std::nullopt);  // 'a' is written as itself
  CHECK(id_of_qti_identifier("_0fc_") == std::nullopt);
  CHECK(id_of_qti_identifier("_d800_") == std::nullopt);
}

TEST_CASE("QTI: card ids survive a round trip, in any script, derived ones stay derived") {
  std::vector<Entry> entries;
  for (const std::string id : {"Économie_générale:1", "日本-2", "1st", "q-2", ""}) {
    Entry e = card(deck::CardType::kShort, id, "Question " + std::to_string(entries.size()) + "?");
    e.answers = {"x"};
    entries.push_back(std::move(e));
  }
  const Bank bank = through_qti(entries);
  REQUIRE(bank.entries.size() == 5);
  CHECK(rendered(bank).empty());
  CHECK(bank.entries[0].id == "Économie_générale:1");
  CHECK(bank.entries[1].id == "日本-2");
  CHECK(bank.entries[2].id == "1st");
  CHECK(bank.entries[3].id == "q-2");
  CHECK(bank.entries[4].id.empty());  // the deck derives the same id again
}

TEST_CASE("QTI: a multi card is scored by map_response as quizdeck scores it, points kept") {
  Entry e = card(deck::CardType::kMulti, "m", "Pick?");
  for (const char* c : {"a", "b", "c", "d"}) e.choices.push_back({c, "", {}});
  e.answers = {"a", "b", "c"};
  e.points = 2;
  Exported exported;
  const Bank bank = through_qti({e}, &exported);
  REQUIRE(exported.files.size() == 2);
  const std::string& text = exported.files[1].second;
  CHECK(text.find("<mapping lowerBound=\"0\" upperBound=\"2\" defaultValue=\"0\">\n"
                  "      <mapEntry mapKey=\"C1\" mappedValue=\"0.6666666666666666\"/>\n"
                  "      <mapEntry mapKey=\"C2\" mappedValue=\"0.6666666666666666\"/>\n"
                  "      <mapEntry mapKey=\"C3\" mappedValue=\"0.6666666666666666\"/>\n"
                  "      <mapEntry mapKey=\"C4\" mappedValue=\"-0.6666666666666666\"/>\n") !=
        std::string::npos);
  CHECK(text.find("<outcomeDeclaration identifier=\"MAXSCORE\" cardinality=\"single\" "
                  "baseType=\"float\">\n    <defaultValue><value>2</value></defaultValue>") !=
        std::string::npos);
  CHECK(text.find("rptemplates/map_response\"/>") != std::string::npos);
  CHECK(text.find("match_correct") == std::string::npos);
  CHECK(exported.notes.empty());
  REQUIRE(bank.entries.size() == 1);
  CHECK(rendered(bank).empty());  // the scoring read back is quizdeck's: nothing reported
  CHECK(bank.entries[0].points == 2);
  CHECK(bank.entries[0].answers == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("QTI: an item that scores a multi card otherwise is imported with a report") {
  const Bank bank =
      imported(item("  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"multiple\" "
                    "baseType=\"identifier\">\n"
                    "    <correctResponse><value>A</value><value>B</value></correctResponse>\n"
                    "  </responseDeclaration>\n",
                    "    <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"0\">\n"
                    "      <prompt>Pick?</prompt>\n"
                    "      <simpleChoice identifier=\"A\">a</simpleChoice>\n"
                    "      <simpleChoice identifier=\"B\">b</simpleChoice>\n"
                    "      <simpleChoice identifier=\"C\">c</simpleChoice>\n"
                    "    </choiceInteraction>\n"));
  REQUIRE(bank.entries.size() == 1);
  CHECK(rendered(bank) ==
        "item.xml:4:1: warning: this item scores all or nothing (no mapping); quizdeck's scoring "
        "is kept: each key picked earns 1/2 of the points and each other choice picked costs "
        "1/2\n"
        "        adaptive=\"false\" timeDependent=\"false\">\n"
        "    ^\n");
}

TEST_CASE("QTI: line breaks in a prompt are kept, on import and through our own export") {
  const Bank bank =
      imported(item(kSingle,
                    "    <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">\n"
                    "      <prompt>Question 1<br/>From what is <b>it</b> made?</prompt>\n"
                    "      <simpleChoice identifier=\"A\">Atoms</simpleChoice>\n"
                    "      <simpleChoice identifier=\"B\">Bits</simpleChoice>\n"
                    "    </choiceInteraction>\n"));
  REQUIRE(bank.entries.size() == 1);
  CHECK(bank.entries[0].question == "Question 1\nFrom what is it made?");
  Entry e = card(deck::CardType::kChoice, "c", "Question 1\nFrom  what\n  is it made? ");
  e.choices = {{"Atoms", "", {}}, {"Bits", "", {}}};
  e.answers = {"Atoms"};
  Exported exported;
  const Bank back = through_qti({e}, &exported);
  CHECK(
      exported.files[1].second.find("<prompt>Question 1<br/>From &#160;what<br/>&#160;&#160;is it "
                                    "made?&#160;</prompt>") != std::string::npos);
  REQUIRE(back.entries.size() == 1);
  CHECK(back.entries[0].question == e.question);
}

TEST_CASE("QTI: tabs in text are kept through our own export, an indent to other readers") {
  Entry e = card(deck::CardType::kShort, "s", "Indented:\n\tint x;\n\t\treturn x;");
  e.answers = {"x"};
  e.tags = {"code"};
  Exported exported;
  const Bank back = through_qti({e}, &exported);
  CHECK(exported.files[1].second.find(
            "<br/><span class=\"tab\">&#160;&#160;&#160;&#160;</span>int x;") != std::string::npos);
  REQUIRE(back.entries.size() == 1);
  CHECK(back.entries[0].question == e.question);
  // An item has no place for tags: reported, not lost without a word.
  REQUIRE(exported.notes.size() == 1);
  CHECK(core::render_text(exported.notes[0]) ==
        "d.yaml:3:5: warning: this QTI export has no tags: left out\n");
}

TEST_CASE("QTI: feedback inside a choice is its why, not part of its text") {
  const Bank bank = imported(item(
      kSingle,
      "    <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">\n"
      "      <prompt>Made of?</prompt>\n"
      "      <simpleChoice identifier=\"A\">Atoms<feedbackInline outcomeIdentifier=\"FEEDBACK\" "
      "identifier=\"A\" showHide=\"show\">Right: atoms.</feedbackInline></simpleChoice>\n"
      "      <simpleChoice identifier=\"B\">Bits</simpleChoice>\n"
      "    </choiceInteraction>\n"));
  REQUIRE(bank.entries.size() == 1);
  REQUIRE(bank.entries[0].choices.size() == 2);
  CHECK(bank.entries[0].choices[0].text == "Atoms");
  CHECK(bank.entries[0].choices[0].why == "Right: atoms.");
  CHECK(bank.entries[0].choices[1].text == "Bits");
  // Our export writes whys as feedbackInline, and they come back.
  Entry e = card(deck::CardType::kChoice, "c", "Made of?");
  e.choices = {{"Atoms", "Right.", {}}, {"Bits", "No: bits are not matter.", {}}};
  e.answers = {"Atoms"};
  Exported exported;
  const Bank back = through_qti({e}, &exported);
  CHECK(exported.notes.empty());
  REQUIRE(back.entries.size() == 1);
  CHECK(back.entries[0].choices[0].why == "Right.");
  CHECK(back.entries[0].choices[1].why == "No: bits are not matter.");
}

TEST_CASE("QTI: MathML is shown once, as its TeX annotation") {
  const Bank bank = imported(
      item(kSingle,
           "    <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">\n"
           "      <prompt>What is <m:math><m:semantics><m:mrow><m:mi>x</m:mi><m:mo>+</m:mo>"
           "<m:mn>1</m:mn></m:mrow><m:annotation encoding=\"LaTeX\">x+1</m:annotation>"
           "</m:semantics></m:math> at 1?</prompt>\n"
           "      <simpleChoice identifier=\"A\">2</simpleChoice>\n"
           "      <simpleChoice identifier=\"B\">3</simpleChoice>\n"
           "    </choiceInteraction>\n"));
  REQUIRE(bank.entries.size() == 1);
  CHECK(bank.entries[0].question == "What is x+1 at 1?");
}

TEST_CASE("QTI: an error quotes its line with control characters made visible") {
  auto bank = import_qti_item(core::SourceText(
      "item.xml", "<?xml version=\"1.0\"?>\n<assessmentItem title=\"\x1b]0;PWNED\x07\"/>\n"));
  REQUIRE_FALSE(bank.has_value());
  const std::string out = core::render_text(bank.error().diagnostic);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out ==
        "item.xml:2:24: error: malformed XML: invalid character in attribute value\n"
        "    <assessmentItem title=\"\xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD\"/>\n"
        "                           ^\n");
}

TEST_CASE("QTI package: a symbolic link inside a directory package is refused, never followed") {
  test::TestDir dir;
  const fs::path pkg = dir.path / "pkg";
  fs::create_directories(pkg);
  fs::create_directories(dir.path / "outside");
  test::write_text_file(
      (dir.path / "outside" / "i.xml").string(),
      item(kSingle,
           "    <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">\n"
           "      <prompt>Secret?</prompt>\n"
           "      <simpleChoice identifier=\"A\">a</simpleChoice>\n"
           "      <simpleChoice identifier=\"B\">b</simpleChoice>\n"
           "    </choiceInteraction>\n"));
  fs::create_symlink(dir.path / "outside", pkg / "items");
  test::write_text_file((pkg / "imsmanifest.xml").string(),
                        "<?xml version=\"1.0\"?>\n<manifest "
                        "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"M\">\n"
                        "<resources><resource identifier=\"R1\" type=\"imsqti_item_xmlv2p1\" "
                        "href=\"items/i.xml\"/></resources>\n</manifest>\n");
  const auto run = test::run_process({test::quizdeck_binary(), "import", pkg.string()});
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err == pkg.string() + ": error: '" + (pkg / "items").string() +
                       "' is a symbolic link; a QTI package is read only from its own files and "
                       "folders\n");
}

TEST_CASE("QTI package: an item the manifest lists many times is read once") {
  test::TestDir dir;
  const fs::path pkg = dir.path / "pkg";
  fs::create_directories(pkg / "items");
  test::write_text_file(
      (pkg / "items" / "i.xml").string(),
      item(kSingle,
           "    <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">\n"
           "      <prompt>" +
               std::string(1 << 20, 'x') +
               "?</prompt>\n"
               "      <simpleChoice identifier=\"A\">a</simpleChoice>\n"
               "      <simpleChoice identifier=\"B\">b</simpleChoice>\n"
               "    </choiceInteraction>\n"));
  std::string manifest =
      "<?xml version=\"1.0\"?>\n<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" "
      "identifier=\"M\">\n<resources>\n";
  for (int i = 0; i < 50; ++i) {
    manifest += "<resource identifier=\"R" + std::to_string(i) +
                "\" type=\"imsqti_item_xmlv2p1\" href=\"items/i.xml\"/>\n";
  }
  test::write_text_file((pkg / "imsmanifest.xml").string(),
                        manifest + "</resources>\n</manifest>\n");
  const auto run = test::run_process(
      {test::quizdeck_binary(), "import", pkg.string(), "-o", (dir.path / "d.yaml").string()});
  CHECK(run.exit_code == 0);
  CHECK(run.err.starts_with(
      (pkg / "imsmanifest.xml").string() +
      ":5:1: warning: item 'items/i.xml' is listed again: read once\n"
      "    <resource identifier=\"R1\" type=\"imsqti_item_xmlv2p1\" href=\"items/i.xml\"/>\n"
      "    ^\n"));
  CHECK(run.err.ends_with("1 question: 1 imported, 0 left out\n"));
  CHECK(fs::file_size(dir.path / "d.yaml") < (1U << 20) + 1000);
}

}  // namespace quizdeck::interchange
