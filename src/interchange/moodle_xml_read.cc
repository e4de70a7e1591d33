// SPDX-License-Identifier: MIT
// Moodle XML read into a bank (moodle_xml.h): a question at a time, each an entry, a
// report, or an error at its place.
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
#include "interchange/moodle_syntax.h"
#include "interchange/names.h"
#include "interchange/xml_tree.h"

namespace quizdeck::interchange {
namespace {

bool is_xml_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && is_xml_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
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
             (is_xml_space(text[after]) || text[after] == '>' || text[after] == '/');
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
      const std::string text = moodle_percent(f) + "%";
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

}  // namespace

core::Expected<Bank> import_moodle_xml(const core::SourceText& source) {
  return Importer(source).run();
}

}  // namespace quizdeck::interchange
