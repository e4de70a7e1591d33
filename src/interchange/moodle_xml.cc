// SPDX-License-Identifier: MIT
#include "interchange/moodle_xml.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <variant>

#include <fmt/format.h>

#include "core/base64.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/card_id.h"
#include "interchange/entry_id.h"
#include "interchange/html_text.h"
#include "interchange/names.h"
#include "interchange/xml_tree.h"

namespace quizdeck::interchange {
namespace {

// The fractions Moodle accepts for an answer (question_bank::fraction_options_full), as
// positive values; their negatives and 0 too. A value within 0.00001 of one is that one.
constexpr double kFractions[] = {1.0,       0.9,       0.8333333, 0.8,       0.75, 0.7,  0.6666667,
                                 0.6,       0.5,       0.4,       0.3333333, 0.3,  0.25, 0.2,
                                 0.1666667, 0.1428571, 0.125,     0.1111111, 0.1,  0.05};
constexpr double kFractionTolerance = 0.00001;

// The fraction Moodle allows nearest to `value` (0 < value <= 1).
double nearest_fraction(double value) {
  double best = kFractions[0];
  for (const double f : kFractions) {
    if (std::fabs(f - value) < std::fabs(best - value)) best = f;
  }
  return best;
}

// A percentage as Moodle writes one: up to 5 decimals, no trailing zeros.
std::string percent_text(double fraction) {
  std::string text = fmt::format("{:.5f}", fraction * 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text == "-0" ? "0" : text;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return std::string(text);
}

// Moodle's auto-format (FORMAT_MOODLE) text as HTML: a line break not next to a tag is a
// <br>, as Moodle shows it.
std::string auto_format_html(std::string_view text) {
  std::string html;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      html += text[i];
      continue;
    }
    const std::size_t before = html.find_last_not_of(" \t\r");
    const std::size_t after = text.find_first_not_of(" \t\r", i + 1);
    const bool by_tag = (before != std::string::npos && html[before] == '>') ||
                        (after != std::string_view::npos && text[after] == '<');
    html += by_tag ? " " : "<br>";
  }
  return html;
}

// A text element (<questiontext format="html"><text>...</text></questiontext>) as plain
// text: HTML (and Moodle's auto-format) through html_to_text; plain text and Markdown as
// written, but for white space around it.
std::string text_of(const xmlNode* node) {
  if (node == nullptr) return "";
  const std::string raw = content(child(node, "text"));
  const std::string format = attribute(node, "format");
  if (format == "markdown" || format == "plain_text") return trimmed(raw);
  if (format == "moodle_auto_format") return html_to_text(auto_format_html(raw));
  return html_to_text(raw);  // html, or no format given
}

// The end of a cloze blank's part that stops at one of `stops` not escaped by '\'.
std::size_t unescaped(std::string_view text, std::size_t from, std::string_view stops) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (stops.find(text[i]) != std::string_view::npos) {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) ++i;
    out += text[i];
  }
  return out;
}

struct Cloze {
  std::string text;
  bool exact = false;  // the blanks are case-sensitive (SHORTANSWER_C)
};

// Moodle cloze text ({1:SHORTANSWER:=Berlin~=Wien}) as a quizdeck cloze ({{Berlin|Wien}});
// nothing when a blank is of another kind.
std::optional<Cloze> cloze_of(const std::string& text) {
  Cloze out;
  std::size_t at = 0;
  bool any = false;
  bool sensitive = false;
  bool blind = false;
  while (true) {
    const std::size_t open = text.find('{', at);
    if (open == std::string::npos) break;
    const std::size_t close = unescaped(text, open + 1, "}");
    if (close == std::string::npos) return std::nullopt;
    const std::string_view inside = std::string_view(text).substr(open + 1, close - open - 1);
    const std::size_t first = inside.find(':');
    const std::size_t second = first == std::string::npos ? first : inside.find(':', first + 1);
    if (second == std::string::npos) {
      out.text += text.substr(at, close + 1 - at);
      at = close + 1;
      continue;
    }
    const std::string_view kind = inside.substr(first + 1, second - first - 1);
    const bool case_sensitive = kind == "SHORTANSWER_C" || kind == "SAC" || kind == "MWC";
    if (!case_sensitive && kind != "SHORTANSWER" && kind != "SA" && kind != "MW") {
      return std::nullopt;
    }
    (case_sensitive ? sensitive : blind) = true;
    std::vector<std::string> accepted;
    const std::string_view answers = inside.substr(second + 1);
    for (std::size_t start = 0; start <= answers.size();) {
      const std::size_t end = std::min(unescaped(answers, start, "~"), answers.size());
      std::string_view answer = answers.substr(start, end - start);
      answer = answer.substr(0, std::min(unescaped(answer, 0, "#"), answer.size()));
      if (answer.starts_with('=')) {
        accepted.push_back(collapse_space(unescape(answer.substr(1))));
      } else if (answer.starts_with("%100%")) {
        accepted.push_back(collapse_space(unescape(answer.substr(5))));
      }
      start = end + 1;
    }
    if (accepted.empty()) return std::nullopt;
    out.text += text.substr(at, open - at) + "{{";
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      const auto& a = accepted[i];
      if (a.empty() || a.find('|') != std::string::npos || a.find("}}") != std::string::npos ||
          a.find("{{") != std::string::npos) {
        return std::nullopt;
      }
      out.text += (i ? "|" : "") + a;
    }
    out.text += "}}";
    at = close + 1;
    any = true;
  }
  if (!any || (sensitive && blind)) return std::nullopt;
  out.text += text.substr(at);
  out.exact = sensitive;
  return out;
}

// A question's place among the file's: where its part of the file was read (a file whose
// whole is not well-formed XML is read question by question).
struct Question {
  const xmlNode* node;
  const XmlText* xml;
};

// One question read: an entry (with the id the source gives it, made unique later), one
// skipped by design (a warning said why), or a malformed one (the error).
struct Read {
  std::optional<Entry> entry;
  bool warned = false;
  std::optional<core::Diagnostic> malformed;
};

class Importer {
 public:
  explicit Importer(const core::SourceText& source) : source_(source) {}

  core::Expected<Bank> run() {
    XmlText whole = read_xml(source_, "Moodle XML", budget_);
    if (!whole.doc) {
      // A file with entity declarations is read whole or not at all: its questions on
      // their own would not know its entities.
      if (!whole.malformed || source_.text().find("<!ENTITY") != std::string::npos) {
        return core::fail_at(ExitCode::kInvalidInput, *whole.error);
      }
      return read_parts(std::move(whole));
    }
    if (whole.external_entity_line > 0) {
      bank_.diagnostics.push_back(xml_diagnostic(
          core::Severity::kWarning, source_, whole.external_entity_line,
          "a reference to an external entity (a file or URL) is never read: left out"));
    }
    const xmlNode* quiz = xmlDocGetRootElement(whole.doc.get());
    if (!named(quiz, "quiz")) {
      return core::fail_at(ExitCode::kInvalidInput,
                           xml_diagnostic(core::Severity::kError, source_, whole.line_of(quiz),
                                          "a Moodle XML file has <quiz> as its root element"));
    }
    std::vector<std::variant<Question, core::Diagnostic>> questions;
    for (const xmlNode* q : children(quiz, "question")) questions.push_back(Question{q, &whole});
    return convert_all(questions);
  }

 private:
  // A file that is not well-formed XML, read question by question: each <question>
  // element on its own, so one broken question is left out (its error at its place) and
  // the rest come in. When no question is broken, the fault lies outside them, and the
  // file is refused with the parser's error.
  core::Expected<Bank> read_parts(XmlText whole) {
    const std::vector<std::pair<std::size_t, std::size_t>> spans = question_spans();
    std::vector<XmlText> parts;
    parts.reserve(spans.size());
    bool any_broken = false;
    for (const auto& [begin, end] : spans) {
      parts.push_back(read_xml_part(source_, begin, end, "quiz", budget_));
      if (!parts.back().doc && !parts.back().malformed) {
        return core::fail_at(ExitCode::kInvalidInput, *parts.back().error);  // the budget
      }
      any_broken = any_broken || !parts.back().doc;
    }
    if (!any_broken) return core::fail_at(ExitCode::kInvalidInput, *whole.error);
    std::vector<std::variant<Question, core::Diagnostic>> questions;
    for (const XmlText& part : parts) {
      if (!part.doc) {
        questions.emplace_back(*part.error);
        continue;
      }
      const xmlNode* quiz = xmlDocGetRootElement(part.doc.get());
      for (const xmlNode* q : children(quiz, "question")) questions.push_back(Question{q, &part});
    }
    return convert_all(questions);
  }

  // Where each <question> element of the text starts and ends (comments and CDATA sections
  // skipped); a question never closed ends where the next one starts, or at the end. None
  // when the file does not open with a <quiz> element.
  std::vector<std::pair<std::size_t, std::size_t>> question_spans() const {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    const std::string& text = source_.text();
    const auto tag_at = [&](std::size_t at, std::string_view name) {
      if (text.compare(at, name.size(), name) != 0) return false;
      const std::size_t after = at + name.size();
      return after < text.size() &&
             (is_space(text[after]) || text[after] == '>' || text[after] == '/');
    };
    bool quiz = false;
    constexpr std::size_t kNone = std::string::npos;
    std::size_t open = kNone;  // where the question being read starts
    for (std::size_t at = text.find('<'); at != std::string::npos; at = text.find('<', at)) {
      std::string_view closing;
      if (text.compare(at, 4, "<!--") == 0) closing = "-->";
      if (text.compare(at, 9, "<![CDATA[") == 0) closing = "]]>";
      if (!closing.empty()) {
        const std::size_t end = text.find(closing, at);
        at = end == std::string::npos ? text.size() : end + closing.size();
        continue;
      }
      if (!quiz) {
        quiz = tag_at(at, "<quiz");
        if (!quiz && text.compare(at, 2, "<?") != 0 && text.compare(at, 2, "<!") != 0) {
          return {};  // another root element
        }
      } else if (tag_at(at, "<question")) {
        if (open != kNone) spans.emplace_back(open, at);
        open = at;
      } else if (open != kNone && tag_at(at, "</question")) {
        const std::size_t end = text.find('>', at);
        spans.emplace_back(open, end == std::string::npos ? text.size() : end + 1);
        open = kNone;
      }
      ++at;
    }
    if (open != kNone) {
      const std::size_t quiz_end = text.rfind("</quiz");
      spans.emplace_back(open,
                         quiz_end != std::string::npos && quiz_end > open ? quiz_end : text.size());
    }
    return spans;
  }

  // Every question in order: categories become the tag of those after them; ids are made
  // unique once all are read, so each question keeps its own id when it can.
  Bank convert_all(const std::vector<std::variant<Question, core::Diagnostic>>& questions) {
    std::vector<Read> reads;
    for (const auto& question : questions) {
      if (const auto* error = std::get_if<core::Diagnostic>(&question)) {
        reads.push_back({std::nullopt, false, *error});
        continue;
      }
      const Question& q = std::get<Question>(question);
      xml_ = q.xml;
      const std::string type = attribute(q.node, "type");
      if (type == "category") {
        category_ = category_tag(text_of(child(q.node, "category")));
        continue;
      }
      warned_ = false;
      malformed_.reset();
      auto entry = convert(q.node, type);
      reads.push_back({malformed_ ? std::nullopt : std::move(entry), warned_, malformed_});
    }
    std::vector<std::string> ids;
    for (const Read& read : reads) ids.push_back(read.entry ? read.entry->id : "");
    make_unique(ids);
    for (std::size_t i = 0; i < reads.size(); ++i) {
      Read& read = reads[i];
      if (read.malformed) {
        bank_.add_malformed(std::move(*read.malformed));
        continue;
      }
      if (read.entry) read.entry->id = ids[i];
      bank_.add(std::move(read.entry), read.warned);
    }
    return std::move(bank_);
  }

  int line_of(const xmlNode* node) const { return xml_->line_of(node); }

  void warn(const Entry& e, std::string message) {
    warned_ = true;
    bank_.diagnostics.push_back(
        xml_diagnostic(core::Severity::kWarning, source_, e.pos.line, std::move(message)));
  }

  std::optional<Entry> skip(const Entry& e, std::string message) {
    warn(e, std::move(message));
    return std::nullopt;
  }

  // The question cannot be read: an error at `line`, and it is left out.
  std::optional<Entry> malformed(int line, std::string message) {
    if (!malformed_) {
      malformed_ = xml_diagnostic(core::Severity::kError, source_, line, std::move(message));
    }
    return std::nullopt;
  }

  std::optional<Entry> malformed(const Entry& e, std::string message) {
    return malformed(e.pos.line, std::move(message));
  }

  // An answer's fraction (a percentage); a malformed one leaves the question out.
  double fraction_of(const xmlNode* answer) {
    const std::string text = attribute(answer, "fraction");
    if (!has_attribute(answer, "fraction")) return 0;
    const auto value = number_of(text);
    if (!value) {
      malformed(
          line_of(answer),
          fmt::format("fraction '{}' is not a number (a percentage such as 100 or -50)", text));
      return 0;
    }
    return *value;
  }

  std::optional<Entry> convert(const xmlNode* q, const std::string& type) {
    Entry e = head_of(q);
    if (type.empty()) return malformed(e, "a question without a type (<question type=\"...\">)");
    if (type == "description") return skip(e, "a description (no question) is not imported");
    static constexpr const char* kTypes[] = {"multichoice", "truefalse", "shortanswer", "numerical",
                                             "essay",       "cloze",     "matching",    "ordering"};
    if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes)) {
      return skip(e, fmt::format("{} question skipped: quizdeck has no such cards yet", type));
    }
    if (!carry_image(q, e)) return std::nullopt;
    std::optional<Entry> out;
    if (type == "multichoice") out = multichoice(q, std::move(e));
    if (type == "truefalse") out = truefalse(q, std::move(e));
    if (type == "shortanswer") out = short_answer(q, std::move(e));
    if (type == "numerical") out = numeric(q, std::move(e));
    if (type == "essay") out = essay(q, std::move(e));
    if (type == "cloze") out = cloze(std::move(e));
    if (type == "matching") out = matching(q, std::move(e));
    if (type == "ordering") out = ordering(q, std::move(e));
    if (out) out->id = written_id(*out, out->id);
    return out;
  }

  // What every question has: the id its source gives it (the idnumber when it can be an
  // id, else its name), category and tags, text, general feedback, first hint and grade.
  Entry head_of(const xmlNode* q) {
    Entry e;
    e.pos = {line_of(q), 1};
    const std::string idnumber = trimmed(content(child(q, "idnumber")));
    const std::string name = trimmed(content(child(child(q, "name"), "text")));
    e.id = !idnumber.empty() && deck::check_card_id(idnumber).has_value() ? idnumber
                                                                          : id_from_name(name);
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
  // card's image; others stay references in the text. False when the question is left
  // out: it has nothing to ask but the image, or no text at all.
  bool carry_image(const xmlNode* q, Entry& e) {
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
    if (e.question.empty() && carried) {
      bank_.media.pop_back();
      skip(e, "this question has only an image, and a card needs text to ask: left out");
      return false;
    }
    if (e.question.empty()) {
      malformed(e, "this question has no text (<questiontext> is empty or missing)");
      return false;
    }
    return true;
  }

  // multichoice: one key (single) or several (multi), scored as quizdeck scores them or
  // reported.
  std::optional<Entry> multichoice(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    const bool single = collapse_space(content(child(q, "single"))) != "false";
    std::vector<double> fractions;
    for (const xmlNode* a : answers) fractions.push_back(fraction_of(a) / 100);
    if (malformed_) return std::nullopt;
    const double best =
        fractions.empty() ? 0 : *std::max_element(fractions.begin(), fractions.end());
    bool other_credit = false;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      deck::Choice choice;
      choice.text = text_of(answers[i]);
      choice.why = text_of(child(answers[i], "feedback"));
      const double fraction = fractions[i];
      if (single ? (fraction == best && best > 0 && e.answers.empty()) : fraction > 0) {
        e.answers.push_back(choice.text);
      } else if (single && fraction != 0) {
        other_credit = true;
      }
      e.choices.push_back(std::move(choice));
    }
    if (answers.size() < 2) {
      return malformed(e, "a multiple choice question needs at least 2 answers");
    }
    if (e.answers.empty()) {
      return malformed(e,
                       "a multiple choice question without a right answer (no answer "
                       "has a positive fraction)");
    }
    e.type = !single ? deck::CardType::kMulti : deck::CardType::kChoice;
    if (single && best < 1) warn(e, "the key has less than 100%: imported as the key");
    if (other_credit) {
      warn(e, "credit or penalties for other answers left out (a choice card is right or wrong)");
    }
    if (!single) check_multi_scoring(e, fractions);
    const std::string shuffle = collapse_space(content(child(q, "shuffleanswers")));
    e.shuffle = !(shuffle == "0" || shuffle == "false");
    return e;
  }

  // quizdeck scores a multi card with k keys +1/k for each key picked and -1/k for each
  // other choice picked (at least 0); Moodle adds up the answers' fractions.
  void check_multi_scoring(const Entry& e, const std::vector<double>& fractions) {
    const double share = 1.0 / static_cast<double>(e.answers.size());
    std::vector<std::string> differ;
    for (const double f : fractions) {
      const double want = f > 0 ? share : -share;
      if (std::fabs(f - want) <= kFractionTolerance) continue;
      const std::string text = percent_text(f) + "%";
      if (std::find(differ.begin(), differ.end(), text) == differ.end()) differ.push_back(text);
    }
    if (differ.empty()) return;
    std::string list;
    for (const auto& text : differ) list += (list.empty() ? "" : ", ") + text;
    warn(e, fmt::format("fractions {} differ from quizdeck's scoring, which is kept: each key "
                        "picked earns 1/{} and each other choice picked costs 1/{}",
                        list, e.answers.size(), e.answers.size()));
  }

  // truefalse: the answer with full marks; each answer's feedback (what Moodle shows who
  // gives that answer) as the explanation's "True: ..." and "False: ..." lines, as GIFT's.
  std::optional<Entry> truefalse(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    std::optional<bool> truth;
    TrueFalseFeedback feedback;
    for (const xmlNode* a : answers) {
      const std::string text = collapse_space(content(child(a, "text")));
      if (text != "true" && text != "false") {
        if (fraction_of(a) < 100) continue;
        return malformed(line_of(a), fmt::format("a true/false answer is 'true' or 'false', not "
                                                 "'{}'",
                                                 text));
      }
      if (fraction_of(a) >= 100 && !truth) truth = text == "true";
      // On one line: the explanation keeps it as one.
      (text == "true" ? feedback.if_true : feedback.if_false) =
          collapse_space(text_of(child(a, "feedback")));
    }
    if (malformed_) return std::nullopt;
    if (!truth) return malformed(e, "a true/false question without a right answer (fraction 100)");
    e.type = deck::CardType::kTrueFalse;
    e.truth = *truth;
    e.explain = with_true_false_feedback(e.explain, feedback);
    return e;
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
    if (malformed_) return std::nullopt;
    if (e.answers.empty()) {
      return malformed(e, "a short answer question without a fully right answer (fraction 100)");
    }
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
      if (fraction_of(a) < 100) continue;
      const std::string text = collapse_space(content(child(a, "text")));
      const auto number = number_of(text);
      if (!number) {
        return malformed(line_of(a), fmt::format("a numeric answer '{}' is not a number", text));
      }
      e.type = deck::CardType::kNumeric;
      e.number = *number;
      e.tolerance = std::fabs(number_of(content(child(a, "tolerance"))).value_or(0));
      if (answers.size() > 1) warn(e, "other numeric answers left out");
      return e;
    }
    if (malformed_) return std::nullopt;
    return malformed(e, "a numeric question without a fully right answer (fraction 100)");
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
    e.question = cloze->text;
    if (cloze->exact) e.match = deck::MatchRule::kExact;
    return e;
  }

  // matching: the subquestions with text are the pairs.
  std::optional<Entry> matching(const xmlNode* q, Entry e) {
    // A subquestion with no text is an extra answer (a distractor).
    for (const xmlNode* sub : children(q, "subquestion")) {
      const std::string prompt = text_of(sub);
      // Moodle keeps a matching answer as plain text, whatever the format says.
      const std::string answer = trimmed(content(child(child(sub, "answer"), "text")));
      if (answer.empty()) continue;
      if (prompt.empty()) {
        e.choices.push_back({answer, "", {}});
      } else {
        e.pairs.push_back({prompt, answer, {}});
      }
    }
    if (e.pairs.size() < 2) {
      return malformed(e,
                       "a matching question needs at least 2 subquestions with text and "
                       "answer");
    }
    e.type = deck::CardType::kMatching;
    return e;
  }

  // ordering: the items in their right order.
  std::optional<Entry> ordering(const xmlNode* q, Entry e) {
    const auto answers = children(q, "answer");
    // Moodle's ordering question keeps each item's place in its answer's fraction.
    std::vector<std::pair<double, std::string>> items;
    for (const xmlNode* a : answers) items.emplace_back(fraction_of(a), text_of(a));
    if (malformed_) return std::nullopt;
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [place, text] : items) e.choices.push_back({text, "", {}});
    if (e.choices.size() < 2) return malformed(e, "an ordering question needs at least 2 items");
    const std::string select = collapse_space(content(child(q, "selecttype")));
    if (!select.empty() && select != "ALL" && select != "0") {
      warn(e, "Moodle shows a subset of the items; quizdeck asks for all of them");
    }
    e.type = deck::CardType::kOrdering;
    return e;
  }

  const core::SourceText& source_;
  XmlBudget budget_;
  const XmlText* xml_ = nullptr;  // the part of the file being read
  Bank bank_;
  std::string category_;
  bool warned_ = false;
  std::optional<core::Diagnostic> malformed_;  // the question being read cannot be
};

// A text element in Moodle's plain_text format (shown as written, line breaks and all).
std::string text_element(const char* name, std::string_view text, const char* indent) {
  return fmt::format("{}<{} format=\"plain_text\"><text>{}</text></{}>\n", indent, name,
                     xml_escape(text), name);
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

// A cloze's text in Moodle's embedded answers: {{Berlin|Wien}} as
// {1:SHORTANSWER:=Berlin~=Wien} (SHORTANSWER_C when the card matches exactly).
std::string embedded_answers(const Entry& e) {
  const std::string& cloze = e.question;
  const char* kind = e.match == deck::MatchRule::kExact ? "SHORTANSWER_C" : "SHORTANSWER";
  std::string question;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = cloze.find("{{", at);
    const std::size_t close = open == std::string::npos ? open : cloze.find("}}", open);
    if (close == std::string::npos) break;
    question += cloze.substr(at, open - at) + fmt::format("{{1:{}:", kind);
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

// Plain text as HTML that reads back the same: markup escaped, line breaks as <br>, and
// spaces HTML would fold (a run, or at a line's ends) as no-break spaces.
std::string html_of(std::string_view text) {
  std::string html;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      html += "<br>";
      line_start = i + 1;
      continue;
    }
    const bool folded = c == ' ' && (i == line_start || i + 1 == text.size() ||
                                     text[i + 1] == '\n' || text[i - 1] == ' ');
    html += folded ? "&nbsp;" : xml_escape(text.substr(i, 1));
  }
  return html;
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
    // HTML, so the picture has a place: the text, then the image, its file inside.
    const std::string name = std::filesystem::path(e.image.path).filename().string();
    std::string html = "<p>" + html_of(question) + "</p><p><img src=\"@@PLUGINFILE@@/" +
                       xml_escape(name) + "\" alt=\"\"></p>";
    out += "    <questiontext format=\"html\">\n      <text>" + xml_escape(html) +
           "</text>\n      <file name=\"" + xml_escape(name, true) +
           "\" path=\"/\" encoding=\"base64\">" + core::base64_encode(image->second) +
           "</file>\n    </questiontext>\n";
  } else {
    out += text_element("questiontext", question, "    ");
  }
  return out;
}

// A multi card's fractions: +1/k for each of its k keys and -1/k for each other choice
// (quizdeck's scoring), or the nearest fractions Moodle allows, reported.
double multi_share(const Entry& e, ExportWriter& writer) {
  const double share = 1.0 / static_cast<double>(e.answers.size());
  const double nearest = nearest_fraction(share);
  if (std::fabs(nearest - share) > kFractionTolerance) {
    writer.drop(e, fmt::format("Moodle has no fraction of 1/{}: each key is written as {}% and "
                               "each other choice as -{}% (quizdeck scores each {}%)",
                               e.answers.size(), percent_text(nearest), percent_text(nearest),
                               percent_text(share)));
  }
  return nearest;
}

// What each question type has beyond the text: the answers, and the type's settings.
std::string answers_of(const Entry& e, ExportWriter& writer) {
  std::string out;
  switch (e.type) {
    case deck::CardType::kChoice:
    case deck::CardType::kMulti: {
      const bool multi = e.type == deck::CardType::kMulti;
      const double share = multi ? multi_share(e, writer) : 1;
      out += fmt::format("    <single>{}</single>\n", multi ? "false" : "true");
      out += fmt::format("    <shuffleanswers>{}</shuffleanswers>\n", e.shuffle ? 1 : 0);
      out += "    <answernumbering>ABCD</answernumbering>\n";
      for (const auto& choice : e.choices) {
        const bool key =
            std::find(e.answers.begin(), e.answers.end(), choice.text) != e.answers.end();
        const double fraction = key ? share : multi ? -share : 0;
        out += fmt::format("    <answer fraction=\"{}\" format=\"plain_text\">\n",
                           percent_text(fraction));
        out += "      <text>" + xml_escape(choice.text) + "</text>\n";
        if (!choice.why.empty()) out += text_element("feedback", choice.why, "      ");
        out += "    </answer>\n";
      }
      break;
    }
    case deck::CardType::kTrueFalse: {
      // The explanation's "True: ..." and "False: ..." lines are each answer's feedback.
      const TrueFalseFeedback feedback = true_false_feedback(e.explain);
      for (const bool answer : {true, false}) {
        const std::string& why = answer ? feedback.if_true : feedback.if_false;
        out += fmt::format("    <answer fraction=\"{}\"><text>{}</text>",
                           answer == e.truth ? 100 : 0, answer ? "true" : "false");
        out += why.empty() ? "</answer>\n"
                           : "\n" + text_element("feedback", why, "      ") + "    </answer>\n";
      }
      break;
    }
    case deck::CardType::kShort:
      out += fmt::format("    <usecase>{}</usecase>\n", e.match == deck::MatchRule::kExact ? 1 : 0);
      for (const auto& answer : e.answers) {
        out += "    <answer fraction=\"100\" format=\"plain_text\"><text>" + xml_escape(answer) +
               "</text></answer>\n";
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
        out += "    <subquestion format=\"plain_text\">\n      <text>" + xml_escape(pair.prompt) +
               "</text>\n      <answer><text>" + xml_escape(pair.answer) +
               "</text></answer>\n    </subquestion>\n";
      }
      for (const auto& choice : e.choices) {
        out +=
            "    <subquestion format=\"plain_text\">\n      <text></text>\n"
            "      <answer><text>" +
            xml_escape(choice.text) + "</text></answer>\n    </subquestion>\n";
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
               xml_escape(e.choices[i].text) + "</text></answer>\n";
      }
      break;
  }
  return out;
}

// Whether any text of the entry holds a character XML cannot (U+FFFE, U+FFFF).
bool has_noncharacter(const Entry& e) {
  bool found = has_xml_noncharacter(e.id) || has_xml_noncharacter(e.question) ||
               has_xml_noncharacter(e.back) || has_xml_noncharacter(e.explain) ||
               has_xml_noncharacter(e.hint);
  for (const auto& text : e.answers) found = found || has_xml_noncharacter(text);
  for (const auto& tag : e.tags) found = found || has_xml_noncharacter(tag);
  for (const auto& choice : e.choices) {
    found = found || has_xml_noncharacter(choice.text) || has_xml_noncharacter(choice.why);
  }
  for (const auto& pair : e.pairs) {
    found = found || has_xml_noncharacter(pair.prompt) || has_xml_noncharacter(pair.answer);
  }
  return found;
}

}  // namespace

core::Expected<Bank> import_moodle_xml(const core::SourceText& source) {
  return Importer(source).run();
}

Exported export_moodle_xml(const std::vector<Entry>& given, const std::string& deck_file,
                           const std::string& title, const MediaFiles& media) {
  ExportWriter writer(given, deck_file);
  std::string& out = writer.text();
  out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n";
  // A comment may not hold "--" (nor end in '-'); the title is shown, never obeyed.
  std::string comment = xml_escape(core::visible(title, core::Lines::kShow));
  for (auto at = comment.find("--"); at != std::string::npos; at = comment.find("--")) {
    comment.replace(at, 2, "- -");
  }
  out += "<!-- " + comment + ", exported by quizdeck -->\n";
  for (std::size_t i = 0; i < given.size(); ++i) {
    const Entry& e = writer.entries()[i];  // its text shown (bank.h, visible_entries)
    if (e.match == deck::MatchRule::kFuzzy) {
      writer.drop(e, "Moodle has no fuzzy match: 'fuzzy' is left out");
    }
    if (has_noncharacter(e)) {
      writer.drop(e, "U+FFFE and U+FFFF, which XML cannot hold, are written as U+FFFD");
    }
    out += fmt::format("  <question type=\"{}\">\n", moodle_type(e.type));
    // The name is the card's id (as its deck has it, whatever the text shown), so the card
    // comes back with it, and with its progress.
    const std::string id = entry_card_id(given[i]);
    out += "    <name><text>" + xml_escape(id) + "</text></name>\n";
    const std::string question =
        e.type == deck::CardType::kCloze ? embedded_answers(e) : e.question;
    note_media_left_out(e, deck_file, "Moodle XML", true, writer.notes());
    out += question_text(e, question, media, writer);
    const std::string feedback = e.type == deck::CardType::kFlash ? e.back
                                 : e.type == deck::CardType::kTrueFalse
                                     ? true_false_feedback(e.explain).general
                                     : e.explain;
    if (!feedback.empty()) out += text_element("generalfeedback", feedback, "    ");
    if (e.type == deck::CardType::kFlash && !e.explain.empty()) {
      writer.drop(e, "an essay has one feedback, the back: the explanation is left out");
    }
    out += "    <defaultgrade>" + number_text(e.points) + "</defaultgrade>\n";
    // Moodle's idnumbers have at most 100 characters.
    if (!e.id.empty() && core::count_code_points(e.id) <= 100) {
      out += "    <idnumber>" + xml_escape(e.id) + "</idnumber>\n";
    }
    out += answers_of(e, writer);
    if (!e.hint.empty()) out += text_element("hint", e.hint, "    ");
    if (!e.tags.empty()) {
      out += "    <tags>\n";
      for (const auto& tag : e.tags) {
        out += "      <tag><text>" + xml_escape(tag) + "</text></tag>\n";
      }
      out += "    </tags>\n";
    }
    out += "  </question>\n";
  }
  out += "</quiz>\n";
  return writer.take();
}

}  // namespace quizdeck::interchange
