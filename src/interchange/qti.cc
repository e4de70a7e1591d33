// SPDX-License-Identifier: MIT
#include "interchange/qti.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "interchange/entry_id.h"
#include "interchange/xml_tree.h"

namespace quizdeck::interchange {
namespace {

constexpr const char* kItemHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsqti_v2p1 "
    "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd\"\n"
    "    identifier=\"{}\" title=\"{}\" adaptive=\"false\" timeDependent=\"false\">\n";

constexpr const char* kTemplates = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/";

std::string number(double value) {
  return fmt::format("{}", value);
}

// Plain text as XHTML flow content that reads back the same: markup escaped, line breaks
// as <br/>, spaces a reader folds (a run, or at a line's ends) as no-break spaces, and a
// tab, which readers fold, as a span of class "tab" holding four no-break spaces (QTI's
// XHTML has no style attribute): an indent to any reader, a tab again to our import.
std::string flow(std::string_view text) {
  std::string out;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      out += "<br/>";
      line_start = i + 1;
      continue;
    }
    if (c == '\t') {
      out += "<span class=\"tab\">&#160;&#160;&#160;&#160;</span>";
      continue;
    }
    const bool folded = c == ' ' && (i == line_start || i + 1 == text.size() ||
                                     text[i + 1] == '\n' || text[i - 1] == ' ');
    out += folded ? "&#160;" : xml_escape(text.substr(i, 1));
  }
  return out;
}

// The outcomes every item declares: SCORE, and MAXSCORE, the card's points (the
// convention of Common Cartridge and QTI 3; normalMaximum says the same).
std::string outcomes(double max_score) {
  return fmt::format(
      "  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\" "
      "normalMaximum=\"{0}\">\n    <defaultValue><value>0</value></defaultValue>\n"
      "  </outcomeDeclaration>\n"
      "  <outcomeDeclaration identifier=\"MAXSCORE\" cardinality=\"single\" baseType=\"float\">\n"
      "    <defaultValue><value>{0}</value></defaultValue>\n  </outcomeDeclaration>\n",
      number(max_score));
}

std::string template_processing(const char* name) {
  return fmt::format("  <responseProcessing template=\"{}{}\"/>\n", kTemplates, name);
}

std::string string_mapping(const std::vector<std::string>& answers, double points, bool exact) {
  std::string out = "    <mapping defaultValue=\"0\">\n";
  for (const auto& answer : answers) {
    out += "      <mapEntry mapKey=\"" + xml_escape(answer, true) + "\" mappedValue=\"" +
           number(points) + "\" caseSensitive=\"" + (exact ? "true" : "false") + "\"/>\n";
  }
  return out + "    </mapping>\n";
}

bool has_whys(const Entry& e) {
  return std::any_of(e.choices.begin(), e.choices.end(),
                     [](const deck::Choice& c) { return !c.why.empty(); });
}

// Choice and multi cards: each choice mapped to its credit (a key the card's points, or
// for k keys points/k, another choice 0, or -points/k: quizdeck's scoring, at least 0);
// a choice's why is its feedbackInline, shown when it is picked.
std::string choice_item(const Entry& e) {
  const bool multi = e.type == deck::CardType::kMulti;
  const bool whys = has_whys(e);
  const char* cardinality = multi ? "multiple" : "single";
  const double share = e.points / static_cast<double>(multi ? e.answers.size() : 1);
  const auto is_key = [&](const std::string& text) {
    return std::find(e.answers.begin(), e.answers.end(), text) != e.answers.end();
  };
  std::string out = fmt::format(
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"{}\" "
      "baseType=\"identifier\">\n    <correctResponse>\n",
      cardinality);
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    if (is_key(e.choices[i].text)) out += fmt::format("      <value>C{}</value>\n", i + 1);
  }
  out += "    </correctResponse>\n";
  out += multi
             ? fmt::format("    <mapping lowerBound=\"0\" upperBound=\"{}\" defaultValue=\"0\">\n",
                           number(e.points))
             : std::string("    <mapping defaultValue=\"0\">\n");
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    const bool key = is_key(e.choices[i].text);
    if (!key && !multi) continue;
    out += fmt::format("      <mapEntry mapKey=\"C{}\" mappedValue=\"{}\"/>\n", i + 1,
                       number(key ? share : -share));
  }
  out += "    </mapping>\n  </responseDeclaration>\n";
  out += outcomes(e.points);
  if (whys) {
    out += fmt::format(
        "  <outcomeDeclaration identifier=\"FEEDBACK\" cardinality=\"{}\" "
        "baseType=\"identifier\"/>\n",
        cardinality);
  }
  out += fmt::format(
      "  <itemBody>\n    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"{}\" "
      "maxChoices=\"{}\">\n      <prompt>{}</prompt>\n",
      e.shuffle ? "true" : "false", multi ? 0 : 1, flow(e.question));
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    std::string why;
    if (!e.choices[i].why.empty()) {
      why = fmt::format(
          "<feedbackInline outcomeIdentifier=\"FEEDBACK\" identifier=\"C{}\" "
          "showHide=\"show\">{}</feedbackInline>",
          i + 1, flow(e.choices[i].why));
    }
    out += fmt::format("      <simpleChoice identifier=\"C{}\">{}{}</simpleChoice>\n", i + 1,
                       flow(e.choices[i].text), why);
  }
  out += "    </choiceInteraction>\n  </itemBody>\n";
  if (!whys) return out + template_processing("map_response");
  // map_response, and the choices picked as FEEDBACK, which shows their whys.
  return out +
         "  <responseProcessing>\n    <responseCondition>\n      <responseIf>\n"
         "        <isNull><variable identifier=\"RESPONSE\"/></isNull>\n"
         "        <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">0"
         "</baseValue></setOutcomeValue>\n      </responseIf>\n      <responseElse>\n"
         "        <setOutcomeValue identifier=\"SCORE\"><mapResponse identifier=\"RESPONSE\"/>"
         "</setOutcomeValue>\n      </responseElse>\n    </responseCondition>\n"
         "    <setOutcomeValue identifier=\"FEEDBACK\"><variable identifier=\"RESPONSE\"/>"
         "</setOutcomeValue>\n  </responseProcessing>\n";
}

// Pairs as a matchInteraction: prompts P1.. in the first set, answers A1.. (distractors
// last) in the second; each right pair is worth an equal share of the points.
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
  const double share = e.points / static_cast<double>(e.pairs.size());
  for (std::size_t i = 0; i < e.pairs.size(); ++i) {
    out += fmt::format("      <mapEntry mapKey=\"P{} {}\" mappedValue=\"{}\"/>\n", i + 1,
                       answer_id(e.pairs[i].answer), number(share));
  }
  out += "    </mapping>\n  </responseDeclaration>\n";
  out += outcomes(e.points);
  out += fmt::format(
      "  <itemBody>\n    <matchInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\" "
      "maxAssociations=\"{}\">\n      <prompt>{}</prompt>\n      <simpleMatchSet>\n",
      e.pairs.size(), flow(e.question));
  for (std::size_t i = 0; i < e.pairs.size(); ++i) {
    out += fmt::format(
        "        <simpleAssociableChoice identifier=\"P{}\" matchMax=\"1\">{}"
        "</simpleAssociableChoice>\n",
        i + 1, flow(e.pairs[i].prompt));
  }
  out += "      </simpleMatchSet>\n      <simpleMatchSet>\n";
  for (std::size_t i = 0; i < answers.size(); ++i) {
    out += fmt::format(
        "        <simpleAssociableChoice identifier=\"A{}\" matchMax=\"{}\">{}"
        "</simpleAssociableChoice>\n",
        i + 1, e.pairs.size(), flow(answers[i]));
  }
  out += "      </simpleMatchSet>\n    </matchInteraction>\n  </itemBody>\n";
  return out + template_processing("map_response");
}

// SCORE is the card's points when `condition` holds.
std::string score_when(std::string_view condition, double points) {
  return fmt::format(
      "  <responseProcessing>\n    <responseCondition>\n      <responseIf>\n{}"
      "        <setOutcomeValue identifier=\"SCORE\">\n"
      "          <baseValue baseType=\"float\">{}</baseValue>\n"
      "        </setOutcomeValue>\n      </responseIf>\n"
      "    </responseCondition>\n  </responseProcessing>\n",
      condition, number(points));
}

// Items as an orderInteraction, right order in the correct response; the whole order
// right earns the points.
std::string order_item(const Entry& e) {
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"ordered\" "
      "baseType=\"identifier\">\n    <correctResponse>\n";
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    out += fmt::format("      <value>I{}</value>\n", i + 1);
  }
  out += "    </correctResponse>\n  </responseDeclaration>\n";
  out += outcomes(e.points);
  out += fmt::format(
      "  <itemBody>\n    <orderInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\">\n"
      "      <prompt>{}</prompt>\n",
      flow(e.question));
  for (std::size_t i = 0; i < e.choices.size(); ++i) {
    out += fmt::format("      <simpleChoice identifier=\"I{}\">{}</simpleChoice>\n", i + 1,
                       flow(e.choices[i].text));
  }
  out += "    </orderInteraction>\n  </itemBody>\n";
  return out + score_when(
                   "        <match>\n          <variable identifier=\"RESPONSE\"/>\n"
                   "          <correct identifier=\"RESPONSE\"/>\n        </match>\n",
                   e.points);
}

std::string true_false_item(const Entry& e) {
  const char* key = e.truth ? "TRUE" : "FALSE";
  std::string out = fmt::format(
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"identifier\">\n    <correctResponse><value>{0}</value></correctResponse>\n"
      "    <mapping defaultValue=\"0\">\n"
      "      <mapEntry mapKey=\"{0}\" mappedValue=\"{1}\"/>\n    </mapping>\n"
      "  </responseDeclaration>\n",
      key, number(e.points));
  out += outcomes(e.points);
  out +=
      "  <itemBody>\n    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" "
      "maxChoices=\"1\">\n      <prompt>" +
      flow(e.question) +
      "</prompt>\n      <simpleChoice identifier=\"TRUE\">True</simpleChoice>\n"
      "      <simpleChoice identifier=\"FALSE\">False</simpleChoice>\n"
      "    </choiceInteraction>\n  </itemBody>\n";
  return out + template_processing("map_response");
}

// The question as one paragraph (its line breaks as <br/>), before what follows it.
std::string paragraph(std::string_view text, std::string_view after = "") {
  return "    <p>" + flow(text) + std::string(after) + "</p>\n";
}

std::string short_item(const Entry& e) {
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"string\">\n    <correctResponse><value>" +
      xml_escape(e.answers.at(0)) + "</value></correctResponse>\n" +
      string_mapping(e.answers, e.points, e.match == deck::MatchRule::kExact) +
      "  </responseDeclaration>\n";
  out += outcomes(e.points);
  out += "  <itemBody>\n" + paragraph(e.question) +
         "    <p><textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>\n  </itemBody>\n";
  return out + template_processing("map_response");
}

std::string numeric_item(const Entry& e) {
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"float\">\n    <correctResponse><value>" +
      number(e.number) + "</value></correctResponse>\n  </responseDeclaration>\n";
  out += outcomes(e.points);
  out += "  <itemBody>\n" + paragraph(e.question) +
         "    <p><textEntryInteraction responseIdentifier=\"RESPONSE\"/></p>\n  </itemBody>\n";
  return out + score_when(fmt::format("        <equal toleranceMode=\"absolute\" "
                                      "tolerance=\"{0} {0}\">\n"
                                      "          <variable identifier=\"RESPONSE\"/>\n"
                                      "          <correct identifier=\"RESPONSE\"/>\n"
                                      "        </equal>\n",
                                      number(e.tolerance)),
                          e.points);
}

std::string flash_item(const Entry& e) {
  std::string out =
      "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" "
      "baseType=\"string\"/>\n";
  out += outcomes(e.points);
  out += "  <itemBody>\n" + paragraph(e.question) +
         "    <extendedTextInteraction responseIdentifier=\"RESPONSE\"/>\n"
         "    <rubricBlock view=\"scorer\">\n  " +
         paragraph(e.back) + "    </rubricBlock>\n  </itemBody>\n";
  return out;
}

// Each blank a text entry in the text, worth the card's points (each blank is a card).
std::string cloze_item(const Entry& e) {
  std::vector<std::vector<std::string>> blanks;
  std::string body;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = e.question.find("{{", at);
    const std::size_t close = open == std::string::npos ? open : e.question.find("}}", open);
    if (close == std::string::npos) break;
    body += flow(e.question.substr(at, open - at));
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
  body += flow(e.question.substr(at));
  std::string out;
  const bool exact = e.match == deck::MatchRule::kExact;
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    out += fmt::format(
               "  <responseDeclaration identifier=\"RESPONSE{}\" cardinality=\"single\" "
               "baseType=\"string\">\n    <correctResponse><value>",
               i + 1) +
           xml_escape(blanks[i].at(0)) + "</value></correctResponse>\n" +
           string_mapping(blanks[i], e.points, exact) + "  </responseDeclaration>\n";
  }
  out += outcomes(e.points * static_cast<double>(blanks.size()));
  out += "  <itemBody>\n    <p>" + body + "</p>\n  </itemBody>\n";
  out += "  <responseProcessing>\n    <setOutcomeValue identifier=\"SCORE\">\n      <sum>\n";
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    out += fmt::format("        <mapResponse identifier=\"RESPONSE{}\"/>\n", i + 1);
  }
  return out + "      </sum>\n    </setOutcomeValue>\n  </responseProcessing>\n";
}

std::string item_body(const Entry& e) {
  switch (e.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti:
      return choice_item(e);
    case deck::CardType::kTrueFalse:
      return true_false_item(e);
    case deck::CardType::kShort:
      return short_item(e);
    case deck::CardType::kNumeric:
      return numeric_item(e);
    case deck::CardType::kFlash:
      return flash_item(e);
    case deck::CardType::kCloze:
      return cloze_item(e);
    case deck::CardType::kMatching:
      return match_item(e);
    case deck::CardType::kOrdering:
      return order_item(e);
  }
  return "";
}

// What a card has that its item cannot carry, reported.
void note_left_out(const Entry& e, ExportWriter& writer) {
  std::vector<std::string> left;
  if (!e.explain.empty()) left.push_back("explanation");
  if (!e.hint.empty()) left.push_back("hint");
  if (e.match == deck::MatchRule::kFuzzy) left.push_back("fuzzy match");
  if (e.type == deck::CardType::kOrdering) left.push_back("partial credit for ordering");
  if (!e.tags.empty()) left.push_back("tags");  // (an item has no place for them)
  if (left.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < left.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == left.size() ? " and " : ", ") + left[i];
  }
  writer.drop(e, "this QTI export has no " + list + ": left out");
}

}  // namespace

Exported export_qti(const std::vector<Entry>& given, const std::string& deck_file,
                    const std::string& deck_id, [[maybe_unused]] const std::string& title,
                    const MediaFiles& media) {
  ExportWriter writer(given, deck_file);
  std::vector<std::pair<std::string, std::string>> files;
  std::string resources;
  int number = 0;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const Entry& e = writer.entries()[i];  // its text shown (bank.h, visible_entries)
    const std::string file_name = fmt::format("item-{}", ++number);
    // The identifier carries the card's id (as its deck has it, given or derived), so the
    // card comes back with it, and with its progress.
    const std::string id = entry_card_id(given[i]);
    std::string item = fmt::format(kItemHead, qti_identifier(id), xml_escape(id, true));
    item += item_body(e);
    item += "</assessmentItem>\n";
    // The question's image: a file of the package, shown first in the item's body.
    note_media_left_out(e, deck_file, "QTI", true, writer.notes());
    std::string image_file;
    if (!e.image.path.empty()) {
      const auto bytes = media.find(e.image.path);
      if (bytes == media.end()) {
        writer.drop(e, "image '" + e.image.path + "' cannot be read: it is left out");
      } else {
        image_file = fmt::format("media/{}-{}", file_name,
                                 std::filesystem::path(e.image.path).filename().string());
        const std::size_t body = item.find("<itemBody>\n");
        item.insert(body + 11, "    <p><img src=\"../" + xml_escape(image_file, true) +
                                   "\" alt=\"" + xml_escape(e.image.path, true) + "\"/></p>\n");
        files.emplace_back(image_file, bytes->second);
      }
    }
    note_left_out(e, writer);
    if (any_text(e, EntryTexts::kAsked, has_xml_noncharacter)) {
      writer.drop(e, "U+FFFE and U+FFFF, which XML cannot hold, are written as U+FFFD");
    }
    const std::string path = "items/" + file_name + ".xml";
    files.emplace_back(path, std::move(item));
    resources += fmt::format(
        "    <resource identifier=\"R-{0}\" type=\"imsqti_item_xmlv2p1\" href=\"{1}\">\n"
        "      <file href=\"{1}\"/>\n{2}    </resource>\n",
        file_name, path,
        image_file.empty() ? "" : "      <file href=\"" + xml_escape(image_file, true) + "\"/>\n");
  }
  std::string manifest =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 "
      "http://www.imsglobal.org/xsd/imscp_v1p1.xsd\"\n";
  manifest += "    identifier=\"MANIFEST-" + xml_escape(deck_id, true) + "\">\n";
  manifest += "  <organizations/>\n  <resources>\n" + resources + "  </resources>\n</manifest>\n";
  Exported exported = writer.take();
  exported.files = std::move(files);
  exported.files.emplace(exported.files.begin(), "imsmanifest.xml", std::move(manifest));
  return exported;
}

}  // namespace quizdeck::interchange
