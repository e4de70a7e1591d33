// SPDX-License-Identifier: MIT
#include "interchange/moodle_xml.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/base64.h"
#include "core/markup.h"
#include "core/utf8.h"
#include "deck/card_id.h"
#include "interchange/html_text.h"
#include "interchange/names.h"
#include "interchange/xml_tree.h"

namespace quizdeck::interchange {
namespace {

// A text element (<questiontext format="html"><text>...</text></questiontext>) as plain
// text.
std::string text_of(const xmlNode* node) {
  if (node == nullptr) return "";
  const std::string raw = content(child(node, "text"));
  const std::string format = attribute(node, "format");
  if (format == "markdown") {
    std::string out = raw;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    while (!out.empty() && (out.front() == '\n' || out.front() == ' ')) out.erase(0, 1);
    return out;
  }
  if (format == "plain_text") return collapse_space(raw);
  return html_to_text(raw);  // html, moodle_auto_format
}

std::optional<double> number_of(const std::string& text) {
  const std::string trimmed = collapse_space(text);
  if (trimmed.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(trimmed.c_str(), &end);
  if (*end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

double fraction_of(const xmlNode* answer) {
  return number_of(attribute(answer, "fraction")).value_or(0);
}

// Moodle cloze text ({1:SHORTANSWER:=Berlin~=Wien}) as a quizdeck cloze ({{Berlin|Wien}});
// nothing when a blank is of another kind.
std::optional<std::string> cloze_of(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  bool any = false;
  while (true) {
    const std::size_t open = text.find('{', at);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) return std::nullopt;
    const std::string inside = text.substr(open + 1, close - open - 1);
    const std::size_t first = inside.find(':');
    const std::size_t second = first == std::string::npos ? first : inside.find(':', first + 1);
    if (second == std::string::npos) {
      out += text.substr(at, close + 1 - at);
      at = close + 1;
      continue;
    }
    const std::string kind = inside.substr(first + 1, second - first - 1);
    if (kind != "SHORTANSWER" && kind != "SA" && kind != "MW") return std::nullopt;
    std::vector<std::string> accepted;
    const std::string answers = inside.substr(second + 1);
    for (std::size_t start = 0; start <= answers.size();) {
      const std::size_t end = std::min(answers.find('~', start), answers.size());
      std::string answer = answers.substr(start, end - start);
      if (const auto hash = answer.find('#'); hash != std::string::npos) answer.erase(hash);
      if (answer.starts_with('=')) {
        accepted.push_back(collapse_space(answer.substr(1)));
      } else if (answer.starts_with("%100%")) {
        accepted.push_back(collapse_space(answer.substr(5)));
      }
      start = end + 1;
    }
    if (accepted.empty()) return std::nullopt;
    out += text.substr(at, open - at) + "{{";
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      if (accepted[i].empty() || accepted[i].find('|') != std::string::npos) return std::nullopt;
      out += (i ? "|" : "") + accepted[i];
    }
    out += "}}";
    at = close + 1;
    any = true;
  }
  if (!any) return std::nullopt;
  return out + text.substr(at);
}

class Importer {
 public:
  explicit Importer(const core::SourceText& source) : source_(source) {}

  Bank run() {
    const XmlDoc doc = read_xml(source_, bank_.diagnostics);
    if (!doc) return std::move(bank_);
    const xmlNode* quiz = xmlDocGetRootElement(doc.get());
    if (!named(quiz, "quiz")) {
      error(quiz ? static_cast<int>(xmlGetLineNo(quiz)) : 1,
            "a Moodle XML file has <quiz> as its root element");
      return std::move(bank_);
    }
    for (const xmlNode* question : children(quiz, "question")) {
      const std::string type = attribute(question, "type");
      if (type == "category") {
        category_ = category_tag(text_of(child(question, "category")));
        continue;
      }
      warned_ = false;
      auto entry = convert(question, type);
      bank_.add(std::move(entry), warned_);
    }
    return std::move(bank_);
  }

 private:
  void error(int line, std::string message) {
    bank_.diagnostics.push_back(
        xml_diagnostic(core::Severity::kError, source_, line, std::move(message)));
  }

  void warn(const Entry& e, std::string message) {
    warned_ = true;
    bank_.diagnostics.push_back(
        xml_diagnostic(core::Severity::kWarning, source_, e.pos.line, std::move(message)));
  }

  std::optional<Entry> skip(const Entry& e, std::string message) {
    warn(e, std::move(message));
    return std::nullopt;
  }

  std::optional<Entry> convert(const xmlNode* q, const std::string& type) {
    Entry e = head_of(q);
    carry_image(q, e);
    if (type == "multichoice") return multichoice(q, std::move(e));
    if (type == "truefalse") return truefalse(q, std::move(e));
    if (type == "shortanswer") return short_answer(q, std::move(e));
    if (type == "numerical") return numeric(q, std::move(e));
    if (type == "essay") return essay(q, std::move(e));
    if (type == "cloze") return cloze(std::move(e));
    if (type == "matching") return matching(q, std::move(e));
    if (type == "ordering") return ordering(q, std::move(e));
    if (type == "description") return skip(e, "a description (no question) is not imported");
    return skip(e, fmt::format("{} question skipped: quizdeck has no such cards yet", type));
  }

  // What every question has: its id (the idnumber when it can be one), category and tags,
  // text, general feedback, first hint and grade.
  Entry head_of(const xmlNode* q) {
    Entry e;
    e.pos = {static_cast<int>(xmlGetLineNo(q)), 1};
    const std::string idnumber = collapse_space(content(child(q, "idnumber")));
    const std::string name = text_of(child(q, "name"));
    const bool usable = !idnumber.empty() && deck::check_card_id(idnumber).has_value() &&
                        idnumber.find(' ') == std::string::npos;
    e.id = ids_.unique(usable ? idnumber : slug(name));
    if (!category_.empty()) e.tags.push_back(category_);
    for (const xmlNode* tag : children(child(q, "tags"), "tag")) {
      std::string text = collapse_space(content(child(tag, "text")));
      for (char& c : text) c = c == ' ' ? '-' : c;
      if (!text.empty()) e.tags.push_back(text);
    }
    e.question = text_of(child(q, "questiontext"));
    e.explain = text_of(child(q, "generalfeedback"));
    if (const auto hints = children(q, "hint"); !hints.empty()) e.hint = text_of(hints.front());
    if (const auto grade = number_of(content(child(q, "defaultgrade"))); grade && *grade > 0) {
      e.points = *grade;
    }
    return e;
  }

  // The question's first image, when the file travels with it (base64), becomes the
  // card's image; others stay references in the text.
  void carry_image(const xmlNode* q, Entry& e) {
    const xmlNode* question_text = child(q, "questiontext");
    const std::string image = first_image(content(child(question_text, "text")));
    bool carried = false;
    for (const xmlNode* file : children(question_text, "file")) {
      const std::string name = attribute(file, "name");
      if (name != image || attribute(file, "encoding") != "base64") continue;
      auto bytes = core::base64_decode(content(file));
      if (!bytes || !deck::is_image_path(name) || name.find('/') != std::string::npos) break;
      e.image.path = name;
      e.question = without_image_marker(e.question, name);
      bank_.media.emplace_back(name, std::move(*bytes));
      carried = true;
    }
    if (!carried && e.question.find("@@PLUGINFILE@@") != std::string::npos) {
      warn(e,
           "an image without its file (or not PNG, JPEG, GIF or BMP) is kept as a "
           "reference in the text");
    }
  }

  // multichoice: one key (single) or several (multi).
  std::optional<Entry> multichoice(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    const bool single = collapse_space(content(child(q, "single"))) != "false";
    double best = 0;
    for (const xmlNode* a : answers) best = std::max(best, fraction_of(a));
    for (const xmlNode* a : answers) {
      deck::Choice choice;
      choice.text = text_of(a);
      choice.why = text_of(child(a, "feedback"));
      const double fraction = fraction_of(a);
      if (single ? (fraction == best && best > 0 && e.answers.empty()) : fraction > 0) {
        e.answers.push_back(choice.text);
      }
      e.choices.push_back(std::move(choice));
    }
    if (e.answers.empty()) return skip(e, "multiple choice without a right answer: skipped");
    e.type = e.answers.size() == 1 ? deck::CardType::kChoice : deck::CardType::kMulti;
    if (single && best < 100) warn(e, "the key has less than 100%: imported as the key");
    const std::string shuffle = collapse_space(content(child(q, "shuffleanswers")));
    e.shuffle = !(shuffle == "0" || shuffle == "false");
    return e;
  }

  // truefalse: the answer with full marks.
  std::optional<Entry> truefalse(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    for (const xmlNode* a : answers) {
      if (fraction_of(a) >= 100) {
        e.type = deck::CardType::kTrueFalse;
        e.truth = collapse_space(content(child(a, "text"))) == "true";
        return e;
      }
    }
    return skip(e, "true/false question without a right answer: skipped");
  }

  // shortanswer: the answers with full marks; partial credit is left out.
  std::optional<Entry> short_answer(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    int partial = 0;
    for (const xmlNode* a : answers) {
      if (fraction_of(a) >= 100) {
        e.answers.push_back(text_of(a));
      } else {
        ++partial;
      }
    }
    if (e.answers.empty()) return skip(e, "short answer without a fully right answer: skipped");
    if (partial > 0) {
      warn(e, fmt::format("{} partial-credit answer{} left out (quizdeck grades right or wrong)",
                          partial, partial == 1 ? "" : "s"));
    }
    e.type = deck::CardType::kShort;
    if (collapse_space(content(child(q, "usecase"))) == "1") e.match = deck::MatchRule::kExact;
    return e;
  }

  // numerical: the first answer with full marks.
  std::optional<Entry> numeric(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    for (const xmlNode* a : answers) {
      const auto number = number_of(content(child(a, "text")));
      if (fraction_of(a) >= 100 && number) {
        e.type = deck::CardType::kNumeric;
        e.number = *number;
        e.tolerance = std::fabs(number_of(content(child(a, "tolerance"))).value_or(0));
        if (answers.size() > 1) warn(e, "other numeric answers left out");
        return e;
      }
    }
    return skip(e, "numeric question without a fully right answer: skipped");
  }

  // essay: a flash card with the grader's information or the feedback on its back.
  std::optional<Entry> essay(const xmlNode* q, Entry e) {
    warn(e, "essay question imported as a flash card (no automatic grading)");
    e.type = deck::CardType::kFlash;
    const std::string grader = text_of(child(q, "graderinfo"));
    e.back = !e.explain.empty() ? e.explain
             : !grader.empty()  ? grader
                                : "(an essay question: no model "
                                  "answer)";
    e.explain.clear();
    return e;
  }

  // cloze (Moodle's embedded answers): short-answer blanks only.
  std::optional<Entry> cloze(Entry e) {
    const auto cloze = cloze_of(e.question);
    if (!cloze) return skip(e, "cloze question with blanks other than short answers: skipped");
    e.type = deck::CardType::kCloze;
    e.question = *cloze;
    return e;
  }

  // matching: the subquestions with text are the pairs.
  std::optional<Entry> matching(const xmlNode* q, Entry e) {
    // A subquestion with no text is an extra answer (a distractor).
    for (const xmlNode* sub : children(q, "subquestion")) {
      const std::string prompt = text_of(sub);
      // Moodle keeps a matching answer as plain text, whatever the format says.
      const std::string answer = collapse_space(content(child(child(sub, "answer"), "text")));
      if (answer.empty()) continue;
      if (prompt.empty()) {
        e.choices.push_back({answer, "", {}});
      } else {
        e.pairs.push_back({prompt, answer, {}});
      }
    }
    if (e.pairs.size() < 2) return skip(e, "matching question with fewer than 2 pairs: skipped");
    e.type = deck::CardType::kMatching;
    return e;
  }

  // ordering: the items in their right order.
  std::optional<Entry> ordering(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    // Moodle's ordering question keeps each item's place in its answer's fraction.
    std::vector<std::pair<double, std::string>> items;
    for (const xmlNode* a : answers) {
      items.emplace_back(fraction_of(a), text_of(a));
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [place, text] : items) e.choices.push_back({text, "", {}});
    if (e.choices.size() < 2) return skip(e, "ordering question with fewer than 2 items: skipped");
    const std::string select = collapse_space(content(child(q, "selecttype")));
    if (!select.empty() && select != "ALL" && select != "0") {
      warn(e, "Moodle shows a subset of the items; quizdeck asks for all of them");
    }
    e.type = deck::CardType::kOrdering;
    return e;
  }

  const core::SourceText& source_;
  Bank bank_;
  std::string category_;
  IdSet ids_;
  bool warned_ = false;
};

// A text element in Moodle's plain_text format (markdown when it has line breaks, which
// plain_text would join).
std::string text_element(const char* name, std::string_view text, const char* indent) {
  const char* format = text.find('\n') != std::string_view::npos ? "markdown" : "plain_text";
  return fmt::format("{}<{} format=\"{}\"><text>{}</text></{}>\n", indent, name, format,
                     core::escape_markup(text), name);
}

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// The Moodle question type a card becomes.
const char* moodle_type(deck::CardType type) {
  switch (type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti:
      return "multichoice";
    case deck::CardType::kTrueFalse:
      return "truefalse";
    case deck::CardType::kShort:
      return "shortanswer";
    case deck::CardType::kNumeric:
      return "numerical";
    case deck::CardType::kFlash:
      return "essay";
    case deck::CardType::kCloze:
      return "cloze";
    case deck::CardType::kMatching:
      return "matching";
    case deck::CardType::kOrdering:
      return "ordering";
  }
  return "";
}

// A name from the question: its id, or its first 60 characters (cut between characters).
std::string question_name(const Entry& e) {
  std::string name = e.id;
  for (std::size_t at = 0, count = 0; e.id.empty() && at < e.question.size() && count < 60;
       ++count) {
    const std::size_t start = at;
    core::next_code_point(e.question, at);
    name += e.question.substr(start, at - start);
  }
  return name;
}

// A cloze's text in Moodle's embedded answers: {{Berlin|Wien}} as
// {1:SHORTANSWER:=Berlin~=Wien}.
std::string embedded_answers(const std::string& cloze) {
  std::string question;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = cloze.find("{{", at);
    const std::size_t close = open == std::string::npos ? open : cloze.find("}}", open);
    if (close == std::string::npos) break;
    question += cloze.substr(at, open - at) + "{1:SHORTANSWER:";
    const std::string inside = cloze.substr(open + 2, close - open - 2);
    std::size_t start = 0;
    for (std::size_t bar = inside.find('|');; bar = inside.find('|', start)) {
      std::string answer = inside.substr(start, bar - start);
      std::string escaped;
      for (const char c : answer) {
        if (c == '}' || c == '#' || c == '~' || c == '/' || c == '"' || c == '\\') escaped += '\\';
        escaped += c;
      }
      question += (start ? "~=" : "=") + escaped;
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    question += "}";
    at = close + 2;
  }
  question += cloze.substr(at);
  return question;
}

// The question's text element: HTML with the image and its file inside when the card's
// image is among the deck's media, else plain text.
std::string question_text(const Entry& e, const std::string& question, const MediaFiles& media,
                          ExportWriter& writer) {
  std::string out;
  const auto image = e.image.path.empty() ? media.end() : media.find(e.image.path);
  if (!e.image.path.empty() && image == media.end()) {
    writer.drop(e, "image '" + e.image.path + "' cannot be read: it is left out");
  }
  if (image != media.end()) {
    // HTML, so the picture has a place: the text's lines, then the image, its file inside.
    const std::string name = std::filesystem::path(e.image.path).filename().string();
    std::string html;
    for (std::size_t start = 0; start <= question.size();) {
      const std::size_t end = std::min(question.find('\n', start), question.size());
      html += "<p>" + core::escape_markup(question.substr(start, end - start)) + "</p>";
      start = end + 1;
    }
    html += "<p><img src=\"@@PLUGINFILE@@/" + core::escape_markup(name) + "\" alt=\"\"></p>";
    out += "    <questiontext format=\"html\">\n      <text>" + core::escape_markup(html) +
           "</text>\n      <file name=\"" + core::escape_markup(name) +
           "\" path=\"/\" encoding=\"base64\">" + core::base64_encode(image->second) +
           "</file>\n    </questiontext>\n";
  } else {
    out += text_element("questiontext", question, "    ");
  }
  return out;
}

// What each question type has beyond the text: the answers, and the type's settings.
std::string answers_of(const Entry& e) {
  std::string out;
  switch (e.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti: {
      const bool multi = e.type == deck::CardType::kMulti;
      out += fmt::format("    <single>{}</single>\n", multi ? "false" : "true");
      out += fmt::format("    <shuffleanswers>{}</shuffleanswers>\n", e.shuffle ? 1 : 0);
      out += "    <answernumbering>ABCD</answernumbering>\n";
      for (const auto& choice : e.choices) {
        bool key = false;
        for (const auto& answer : e.answers) key = key || answer == choice.text;
        const std::string fraction =
            !key    ? (multi ? "-100" : "0")
            : multi ? fmt::format("{:.5f}", 100.0 / static_cast<double>(e.answers.size()))
                    : "100";
        out += fmt::format("    <answer fraction=\"{}\" format=\"plain_text\">\n", fraction);
        out += "      <text>" + core::escape_markup(choice.text) + "</text>\n";
        if (!choice.why.empty()) out += text_element("feedback", choice.why, "      ");
        out += "    </answer>\n";
      }
      break;
    }
    case deck::CardType::kTrueFalse:
      out += fmt::format(
          "    <answer fraction=\"{}\"><text>true</text></answer>\n"
          "    <answer fraction=\"{}\"><text>false</text></answer>\n",
          e.truth ? 100 : 0, e.truth ? 0 : 100);
      break;
    case deck::CardType::kShort:
      out += fmt::format("    <usecase>{}</usecase>\n", e.match == deck::MatchRule::kExact ? 1 : 0);
      for (const auto& answer : e.answers) {
        out += "    <answer fraction=\"100\" format=\"plain_text\"><text>" +
               core::escape_markup(answer) + "</text></answer>\n";
      }
      break;
    case deck::CardType::kNumeric:
      out += "    <answer fraction=\"100\"><text>" + number_text(e.number) + "</text><tolerance>" +
             number_text(e.tolerance) + "</tolerance></answer>\n";
      break;
    case deck::CardType::kFlash:
      out += "    <responseformat>plain</responseformat>\n";
      break;
    case deck::CardType::kCloze:
      break;
    case deck::CardType::kMatching:
      out += "    <shuffleanswers>true</shuffleanswers>\n";
      for (const auto& pair : e.pairs) {
        out += "    <subquestion format=\"plain_text\">\n      <text>" +
               core::escape_markup(pair.prompt) + "</text>\n      <answer><text>" +
               core::escape_markup(pair.answer) + "</text></answer>\n    </subquestion>\n";
      }
      for (const auto& choice : e.choices) {
        out +=
            "    <subquestion format=\"plain_text\">\n      <text></text>\n"
            "      <answer><text>" +
            core::escape_markup(choice.text) + "</text></answer>\n    </subquestion>\n";
      }
      break;
    case deck::CardType::kOrdering:
      // Moodle's ordering question (core since 4.4): each item's place in its fraction;
      // graded like quizdeck, by the longest subset in the right order.
      out +=
          "    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n"
          "    <selectcount>0</selectcount>\n"
          "    <gradingtype>LONGEST_ORDERED_SUBSET</gradingtype>\n";
      for (std::size_t i = 0; i < e.choices.size(); ++i) {
        out += fmt::format("    <answer fraction=\"{}\" format=\"plain_text\"><text>", i + 1) +
               core::escape_markup(e.choices[i].text) + "</text></answer>\n";
      }
      break;
  }
  return out;
}

}  // namespace

Bank import_moodle_xml(const core::SourceText& source) {
  return Importer(source).run();
}

Exported export_moodle_xml(const std::vector<Entry>& given, const std::string& deck_file,
                           const std::string& title, const MediaFiles& media) {
  ExportWriter writer(given, deck_file);
  std::string& out = writer.text();
  out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";
  std::string comment = core::escape_markup(title);
  for (auto at = comment.find("--"); at != std::string::npos; at = comment.find("--")) {
    comment.replace(at, 2, "- -");
  }
  out += "<!-- " + comment + ", exported by quizdeck -->\n";
  for (const Entry& e : writer.entries()) {
    if (e.match == deck::MatchRule::kFuzzy) {
      writer.drop(e, "Moodle has no fuzzy match: 'fuzzy' is left out");
    }
    out += fmt::format("  <question type=\"{}\">\n", moodle_type(e.type));
    out += "    <name><text>" + core::escape_markup(question_name(e)) + "</text></name>\n";
    const std::string question =
        e.type == deck::CardType::kCloze ? embedded_answers(e.question) : e.question;
    note_media_left_out(e, deck_file, "Moodle XML", true, writer.notes());
    out += question_text(e, question, media, writer);
    const std::string feedback = e.type == deck::CardType::kFlash ? e.back : e.explain;
    if (!feedback.empty()) out += text_element("generalfeedback", feedback, "    ");
    if (e.type == deck::CardType::kFlash && !e.explain.empty()) {
      writer.drop(e, "an essay has one feedback, the back: the explanation is left out");
    }
    out += "    <defaultgrade>" + number_text(e.points) + "</defaultgrade>\n";
    if (!e.id.empty()) out += "    <idnumber>" + core::escape_markup(e.id) + "</idnumber>\n";
    out += answers_of(e);
    if (!e.hint.empty()) out += text_element("hint", e.hint, "    ");
    if (!e.tags.empty()) {
      out += "    <tags>\n";
      for (const auto& tag : e.tags)
        out += "      <tag><text>" + core::escape_markup(tag) + "</text></tag>\n";
      out += "    </tags>\n";
    }
    out += "  </question>\n";
  }
  out += "</quiz>\n";
  return writer.take();
}

}  // namespace quizdeck::interchange
