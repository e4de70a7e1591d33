// SPDX-License-Identifier: MIT
#include "interchange/qti.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/markup.h"

namespace quizdeck::interchange {
namespace {

using core::escape_markup;

constexpr const char* kItemHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsqti_v2p1 "
    "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd\"\n"
    "    identifier=\"{}\" title=\"{}\" adaptive=\"false\" timeDependent=\"false\">\n";

constexpr const char* kScore =
    "  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\">\n"
    "    <defaultValue><value>0</value></defaultValue>\n  </outcomeDeclaration>\n";

constexpr const char* kMatchCorrect =
    "  <responseProcessing template=\"http://www.imsglobal.org/question/qti_v2p1/rptemplates/"
    "match_correct\"/>\n";

// Paragraphs of text: one <p> per line.
std::string paragraphs(std::string_view text, const char* indent) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (!line.empty()) out += std::string(indent) + "<p>" + escape_markup(line) + "</p>\n";
    start = end + 1;
  }
  return out;
}

// The question as a prompt: one line of plain text (line breaks as <br/>).
std::string prompt(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out += (start ? "<br/>" : "") + escape_markup(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string string_mapping(const std::vector<std::string>& answers) {
  std::string out = "    <mapping defaultValue=\"0\">\n";
  for (const auto& answer : answers) {
    out += "      <mapEntry mapKey=\"" + escape_markup(answer) +
           "\" mappedValue=\"1\" caseSensitive=\"false\"/>\n";
  }
  return out + "    </mapping>\n";
}

std::string choice_item(const Entry& e) {
  const bool multi = e.type == deck::CardType::kMulti;
  std::string out = fmt::format(
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"{}\" "
      "baseType=\"identifier\">\n    <correctResponse>\n",
      multi ? "multiple" : "single");
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    for (const auto& answer : e.answers) {
      if (answer == e.choices[i].text) out += fmt::format("      <value>C{}</value>\n", i + 1);
    }
  }
  out += "    </correctResponse>\n  </responseDeclaration>\n";
  out += kScore;
  out += fmt::format(
      "  <itemBody>\n    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"{}\" "
      "maxChoices=\"{}\">\n      <prompt>{}</prompt>\n",
      e.shuffle ? "true" : "false", multi ? 0 : 1, prompt(e.question));
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    out += fmt::format("      <simpleChoice identifier=\"C{}\">{}</simpleChoice>\n", i + 1,
                       escape_markup(e.choices[i].text));
  }
  return out + "    </choiceInteraction>\n  </itemBody>\n" + kMatchCorrect;
}

// Pairs as a matchInteraction: prompts P1.. in the first set, answers A1.. (distractors
// last) in the second; each right pair is worth an equal share (map_response).
std::string match_item(const Entry& e) {
  std::vector<std::string> answers;
  for (const auto& pair : e.pairs) {
    if (std::find(answers.begin(), answers.end(), pair.answer) == answers.end()) {
      answers.push_back(pair.answer);
    }
  }
  for (const auto& choice : e.choices) answers.push_back(choice.text);
  const auto answer_id = [&](const std::string& text) {
    return fmt::format("A{}",
                       std::find(answers.begin(), answers.end(), text) - answers.begin() + 1);
  };
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"multiple\" "
      "baseType=\"directedPair\">\n    <correctResponse>\n";
  for (std::size_t i = 0; i < e.pairs.size(); ++i) {
    out += fmt::format("      <value>P{} {}</value>\n", i + 1, answer_id(e.pairs[i].answer));
  }
  out += "    </correctResponse>\n    <mapping defaultValue=\"0\">\n";
  const double share = 1.0 / static_cast<double>(e.pairs.size());
  for (std::size_t i = 0; i < e.pairs.size(); ++i) {
    out += fmt::format("      <mapEntry mapKey=\"P{} {}\" mappedValue=\"{}\"/>\n", i + 1,
                       answer_id(e.pairs[i].answer), share);
  }
  out += "    </mapping>\n  </responseDeclaration>\n";
  out += kScore;
  out += fmt::format(
      "  <itemBody>\n    <matchInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\" "
      "maxAssociations=\"{}\">\n      <prompt>{}</prompt>\n      <simpleMatchSet>\n",
      e.pairs.size(), prompt(e.question));
  for (std::size_t i = 0; i < e.pairs.size(); ++i) {
    out += fmt::format(
        "        <simpleAssociableChoice identifier=\"P{}\" matchMax=\"1\">{}"
        "</simpleAssociableChoice>\n",
        i + 1, escape_markup(e.pairs[i].prompt));
  }
  out += "      </simpleMatchSet>\n      <simpleMatchSet>\n";
  for (std::size_t i = 0; i < answers.size(); ++i) {
    out += fmt::format(
        "        <simpleAssociableChoice identifier=\"A{}\" matchMax=\"{}\">{}"
        "</simpleAssociableChoice>\n",
        i + 1, e.pairs.size(), escape_markup(answers[i]));
  }
  out += "      </simpleMatchSet>\n    </matchInteraction>\n  </itemBody>\n";
  return out +
         "  <responseProcessing template=\"http://www.imsglobal.org/question/qti_v2p1/"
         "rptemplates/map_response\"/>\n";
}

// Items as an orderInteraction, right order in the correct response.
std::string order_item(const Entry& e) {
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"ordered\" "
      "baseType=\"identifier\">\n    <correctResponse>\n";
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    out += fmt::format("      <value>I{}</value>\n", i + 1);
  }
  out += "    </correctResponse>\n  </responseDeclaration>\n";
  out += kScore;
  out += fmt::format(
      "  <itemBody>\n    <orderInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\">\n"
      "      <prompt>{}</prompt>\n",
      prompt(e.question));
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    out += fmt::format("      <simpleChoice identifier=\"I{}\">{}</simpleChoice>\n", i + 1,
                       escape_markup(e.choices[i].text));
  }
  return out + "    </orderInteraction>\n  </itemBody>\n" + kMatchCorrect;
}

std::string true_false_item(const Entry& e) {
  std::string out = fmt::format(
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"identifier\">\n    <correctResponse><value>{}</value></correctResponse>\n"
      "  </responseDeclaration>\n",
      e.truth ? "TRUE" : "FALSE");
  out += kScore;
  out +=
      "  <itemBody>\n    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" "
      "maxChoices=\"1\">\n      <prompt>" +
      prompt(e.question) +
      "</prompt>\n      <simpleChoice identifier=\"TRUE\">True</simpleChoice>\n"
      "      <simpleChoice identifier=\"FALSE\">False</simpleChoice>\n"
      "    </choiceInteraction>\n  </itemBody>\n";
  return out + kMatchCorrect;
}

std::string short_item(const Entry& e) {
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"string\">\n    <correctResponse><value>" +
      escape_markup(e.answers.at(0)) + "</value></correctResponse>\n" + string_mapping(e.answers) +
      "  </responseDeclaration>\n";
  out += kScore;
  out += "  <itemBody>\n" + paragraphs(e.question, "    ") +
         "    <p><textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>\n  </itemBody>\n";
  return out +
         "  <responseProcessing template=\"http://www.imsglobal.org/question/qti_v2p1/"
         "rptemplates/map_response\"/>\n";
}

std::string numeric_item(const Entry& e) {
  const std::string number = fmt::format("{}", e.number);
  const std::string tolerance = fmt::format("{}", e.tolerance);
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"float\">\n    <correctResponse><value>" +
      number + "</value></correctResponse>\n  </responseDeclaration>\n";
  out += kScore;
  out += "  <itemBody>\n" + paragraphs(e.question, "    ") +
         "    <p><textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>\n  </itemBody>\n";
  return out + fmt::format(
                   "  <responseProcessing>\n    <responseCondition>\n      <responseIf>\n"
                   "        <equal toleranceMode=\"absolute\" tolerance=\"{0} {0}\">\n"
                   "          <variable identifier=\"RESPONSE\"/>\n"
                   "          <correct identifier=\"RESPONSE\"/>\n        </equal>\n"
                   "        <setOutcomeValue identifier=\"SCORE\">\n"
                   "          <baseValue baseType=\"float\">1</baseValue>\n"
                   "        </setOutcomeValue>\n      </responseIf>\n"
                   "    </responseCondition>\n  </responseProcessing>\n",
                   tolerance);
}

std::string flash_item(const Entry& e) {
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"string\"/>\n";
  out += kScore;
  out += "  <itemBody>\n" + paragraphs(e.question, "    ") +
         "    <extendedTextInteraction responseIdentifier=\"RESPONSE\"/>\n"
         "    <rubricBlock view=\"scorer\">\n" +
         paragraphs(e.back, "      ") + "    </rubricBlock>\n  </itemBody>\n";
  return out;
}

std::string cloze_item(const Entry& e) {
  std::vector<std::vector<std::string>> blanks;
  std::string body;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = e.question.find("{{", at);
    const std::size_t close = open == std::string::npos ? open : e.question.find("}}", open);
    if (close == std::string::npos) break;
    body += escape_markup(e.question.substr(at, open - at));
    std::vector<std::string> answers;
    const std::string inside = e.question.substr(open + 2, close - open - 2);
    for (std::size_t start = 0;;) {
      const std::size_t bar = inside.find('|', start);
      answers.push_back(inside.substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    blanks.push_back(std::move(answers));
    body += fmt::format("<textEntryInteraction responseIdentifier=\"RESPONSE{}\"/>", blanks.size());
    at = close + 2;
  }
  body += escape_markup(e.question.substr(at));
  std::string out;
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    out += fmt::format(
               "  <responseDeclaration identifier=\"RESPONSE{}\" cardinality=\"single\" "
               "baseType=\"string\">\n    <correctResponse><value>",
               i + 1) +
           escape_markup(blanks[i].at(0)) + "</value></correctResponse>\n" +
           string_mapping(blanks[i]) + "  </responseDeclaration>\n";
  }
  out += kScore;
  std::string lines;
  for (std::size_t start = 0; start <= body.size();) {
    const std::size_t end = std::min(body.find('\n', start), body.size());
    if (end > start) lines += "    <p>" + body.substr(start, end - start) + "</p>\n";
    start = end + 1;
  }
  out += "  <itemBody>\n" + lines + "  </itemBody>\n";
  out += "  <responseProcessing>\n    <setOutcomeValue identifier=\"SCORE\">\n      <sum>\n";
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    out += fmt::format("        <mapResponse identifier=\"RESPONSE{}\"/>\n", i + 1);
  }
  return out + "      </sum>\n    </setOutcomeValue>\n  </responseProcessing>\n";
}

}  // namespace

Exported export_qti(const std::vector<Entry>& given, const std::string& deck_file,
                    const std::string& deck_id, const std::string& title, const MediaFiles& media) {
  Exported exported;
  const std::vector<Entry> entries = visible_entries(given, deck_file, exported.notes);
  std::string resources;
  int number = 0;
  for (const Entry& e : entries) {
    const std::string identifier = fmt::format("item-{}", ++number);
    const std::string name = e.id.empty() ? fmt::format("{} {}", title, number) : e.id;
    std::string item = fmt::format(kItemHead, identifier, escape_markup(name));
    switch (e.type) {
      case deck::CardType::kChoice:
      case deck::CardType::kMulti:
        item += choice_item(e);
        break;
      case deck::CardType::kTrueFalse:
        item += true_false_item(e);
        break;
      case deck::CardType::kShort:
        item += short_item(e);
        break;
      case deck::CardType::kNumeric:
        item += numeric_item(e);
        break;
      case deck::CardType::kFlash:
        item += flash_item(e);
        break;
      case deck::CardType::kCloze:
        item += cloze_item(e);
        break;
      case deck::CardType::kMatching:
        item += match_item(e);
        break;
      case deck::CardType::kOrdering:
        item += order_item(e);
        break;
    }
    item += "</assessmentItem>\n";
    // The question's image: a file of the package, shown first in the item's body.
    note_media_left_out(e, deck_file, "QTI", true, exported.notes);
    std::string image_file;
    if (!e.image.path.empty()) {
      const auto bytes = media.find(e.image.path);
      if (bytes == media.end()) {
        exported.notes.push_back(entry_warning(
            e, deck_file, "image '" + e.image.path + "' cannot be read: it is left out"));
      } else {
        image_file = fmt::format("media/{}-{}", identifier,
                                 std::filesystem::path(e.image.path).filename().string());
        const std::size_t body = item.find("<itemBody>\n");
        item.insert(body + 11, "    <p><img src=\"../" + escape_markup(image_file) + "\" alt=\"" +
                                   escape_markup(e.image.path) + "\"/></p>\n");
        exported.files.emplace_back(image_file, bytes->second);
      }
    }
    std::vector<std::string> left;
    if (!e.explain.empty()) left.push_back("explanation");
    if (!e.hint.empty()) left.push_back("hint");
    for (const auto& choice : e.choices) {
      if (!choice.why.empty()) {
        left.push_back("choice feedback");
        break;
      }
    }
    if (e.match == deck::MatchRule::kFuzzy) left.push_back("fuzzy match");
    if (e.type == deck::CardType::kOrdering) left.push_back("partial credit for ordering");
    if (!left.empty()) {
      std::string list;
      for (std::size_t i = 0; i < left.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == left.size() ? " and " : ", ") + left[i];
      }
      exported.notes.push_back(
          entry_warning(e, deck_file, "this QTI export has no " + list + ": left out"));
    }
    const std::string path = "items/" + identifier + ".xml";
    exported.files.emplace_back(path, std::move(item));
    resources += fmt::format(
        "    <resource identifier=\"R-{0}\" type=\"imsqti_item_xmlv2p1\" href=\"{1}\">\n"
        "      <file href=\"{1}\"/>\n{2}    </resource>\n",
        identifier, path,
        image_file.empty() ? "" : "      <file href=\"" + escape_markup(image_file) + "\"/>\n");
  }
  std::string manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 "
      "http://www.imsglobal.org/xsd/imscp_v1p1.xsd\"\n";
  manifest += "    identifier=\"MANIFEST-" + escape_markup(deck_id) + "\">\n";
  manifest += "  <organizations/>\n  <resources>\n" + resources + "  </resources>\n</manifest>\n";
  exported.files.emplace(exported.files.begin(), "imsmanifest.xml", std::move(manifest));
  return exported;
}

}  // namespace quizdeck::interchange
