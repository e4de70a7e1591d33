// SPDX-License-Identifier: MIT
// GIFT questions as deck entries, and deck entries as GIFT.
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "interchange/gift.h"
#include "interchange/html_text.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

// Text in a question's format as plain text.
std::string plain(const std::string& format, const std::string& text) {
  if (format == "html") return html_to_text(text);
  if (format == "markdown") {
    // Lines as written (code keeps its indentation), trailing white space dropped.
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      std::string_view line = std::string_view(text).substr(start, end - start);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.remove_suffix(1);
      }
      if (!out.empty()) out += '\n';
      out += line;
      start = end + 1;
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    while (!out.empty() && out.front() == '\n') out.erase(0, 1);
    return out;
  }
  return collapse_space(text);
}

bool full_credit(const GiftChoice& choice) {
  return choice.correct && (!choice.weight || std::fabs(*choice.weight - 100) < 1e-9);
}

class Importer {
 public:
  explicit Importer(const core::SourceText& source) : source_(source) {}

  Bank run() {
    GiftParse parse = parse_gift(source_);
    bank_.diagnostics = std::move(parse.errors);
    if (!bank_.diagnostics.empty()) return std::move(bank_);
    for (const GiftQuestion& question : parse.questions) {
      if (question.type == GiftType::kCategory) {
        category_ = category_tag(question.category);
        continue;
      }
      warned_ = false;
      auto entry = convert(question);
      bank_.add(std::move(entry), warned_);
    }
    return std::move(bank_);
  }

 private:
  void warn(const GiftQuestion& question, std::string message) {
    warned_ = true;
    bank_.diagnostics.push_back(core::make_diagnostic(core::Severity::kWarning, source_,
                                                      question.offset, 1, std::move(message)));
  }

  std::optional<Entry> skip(const GiftQuestion& question, std::string message) {
    warn(question, std::move(message));
    return std::nullopt;
  }

  std::optional<Entry> convert(const GiftQuestion& q) {
    Entry e;
    const auto where = source_.locate(q.offset);
    e.pos = {where.line, where.column};
    e.id = ids_.unique(q.id ? slug(*q.id) : q.title ? slug(*q.title) : "");
    if (!category_.empty()) e.tags.push_back(category_);
    for (const auto& tag : q.tags) {
      if (const std::string clean = slug(tag); !clean.empty()) e.tags.push_back(clean);
    }
    const auto text = [&](const std::string& raw) { return plain(q.format, raw); };
    e.question = text(q.stem);
    if (q.general_feedback) e.explain = plain(q.general_feedback_format, *q.general_feedback);
    switch (q.type) {
      case GiftType::kCategory:
      case GiftType::kDescription:
        return skip(q, "a description (text without a question) is not imported");
      case GiftType::kMatching:
        return matching(q, e, text);
      case GiftType::kEssay:
        warn(q, "essay question imported as a flash card (no automatic grading)");
        e.type = deck::CardType::kFlash;
        e.back = e.explain.empty() ? "(an essay question: no model answer)" : e.explain;
        e.explain.clear();
        return e;
      case GiftType::kTrueFalse:
        e.type = deck::CardType::kTrueFalse;
        e.truth = q.truth;
        if (q.true_feedback || q.false_feedback) {
          warn(q, "true/false feedback kept in the card's explanation");
          std::string feedback;
          if (q.true_feedback) feedback += "True: " + text(*q.true_feedback);
          if (q.false_feedback) {
            feedback += (feedback.empty() ? "" : "\n") + ("False: " + text(*q.false_feedback));
          }
          e.explain = e.explain.empty() ? feedback : e.explain + "\n" + feedback;
        }
        return e;
      case GiftType::kShort:
        return short_answer(q, e, text);
      case GiftType::kChoice:
        return choice(q, e);
      case GiftType::kNumeric:
        return numeric(q, e);
    }
    return std::nullopt;
  }

  // "=France -> Paris"; a pair with no prompt ("= -> Lisbon") is an extra answer.
  template <typename Text>
  std::optional<Entry> matching(const GiftQuestion& q, Entry& e, const Text& text) {
    e.type = deck::CardType::kMatching;
    bool feedback = false;
    for (const GiftChoice& choice : q.choices) {
      feedback = feedback || choice.feedback.has_value();
      const std::string prompt = text(choice.text);
      const std::string answer = plain(choice.format, choice.match);
      if (answer.empty()) continue;
      if (prompt.empty()) {
        e.choices.push_back({answer, "", {}});
      } else {
        e.pairs.push_back({prompt, answer, {}});
      }
    }
    if (e.pairs.size() < 2) return skip(q, "matching question with fewer than 2 pairs: skipped");
    if (feedback) warn(q, "per-pair feedback of a matching question left out");
    return e;
  }

  template <typename Text>
  std::optional<Entry> short_answer(const GiftQuestion& q, Entry& e, const Text& text) {
    int partial = 0;
    bool feedback = false;
    for (const GiftChoice& choice : q.choices) {
      feedback = feedback || choice.feedback.has_value();
      if (full_credit(choice)) {
        e.answers.push_back(plain(choice.format, choice.text));
      } else {
        ++partial;
      }
    }
    if (e.answers.empty()) return skip(q, "short answer without a fully right answer: skipped");
    if (partial > 0) {
      warn(q, fmt::format("{} partial-credit answer{} left out (quizdeck grades right or wrong)",
                          partial, partial == 1 ? "" : "s"));
    }
    if (feedback) warn(q, "per-answer feedback of a short answer left out");
    bool cloze_safe = q.embedded;
    for (const auto& answer : e.answers) {
      cloze_safe = cloze_safe && answer.find('|') == std::string::npos &&
                   answer.find("}}") == std::string::npos && answer.find("{{") == std::string::npos;
    }
    if (cloze_safe) {
      std::string blank = "{{";
      for (std::size_t i = 0; i < e.answers.size(); ++i) blank += (i ? "|" : "") + e.answers[i];
      e.type = deck::CardType::kCloze;
      e.question = text(q.stem_before) + " " + blank + "}} " + text(q.stem_after);
      e.question = collapse_space(e.question);
      // "equals {{four}} ." reads as written: no space before closing punctuation.
      for (const char* mark : {" .", " ,", " ?", " !", " ;", " :"}) {
        const std::string gap = std::string("}}") + mark;
        for (auto at = e.question.find(gap); at != std::string::npos; at = e.question.find(gap)) {
          e.question.erase(at + 2, 1);
        }
      }
      e.answers.clear();
      return e;
    }
    e.type = deck::CardType::kShort;
    return e;
  }

  std::optional<Entry> choice(const GiftQuestion& q, Entry& e) {
    std::vector<std::string> keys;
    std::set<double> weights;
    for (const GiftChoice& choice : q.choices) {
      deck::Choice out;
      out.text = plain(choice.format, choice.text);
      if (choice.feedback) out.why = plain(choice.feedback_format, *choice.feedback);
      if (choice.correct) {
        keys.push_back(out.text);
        weights.insert(choice.weight.value_or(100));
      }
      e.choices.push_back(std::move(out));
    }
    if (keys.empty()) return skip(q, "multiple choice without a right answer: skipped");
    const bool single = keys.size() == 1;
    e.type = single ? deck::CardType::kChoice : deck::CardType::kMulti;
    e.answers = std::move(keys);
    if (single && weights.count(100) == 0) {
      warn(q, "the only answer with credit has less than 100%: imported as the key");
    }
    if (!single && weights.size() > 1) {
      warn(q, "unequal weights read as right or wrong (multi cards give equal credit per key)");
    }
    return e;
  }

  std::optional<Entry> numeric(const GiftQuestion& q, Entry& e) {
    const GiftChoice* key = nullptr;
    int partial = 0;
    for (const GiftChoice& choice : q.choices) {
      if (!key && full_credit(choice)) {
        key = &choice;
      } else if (choice.number) {
        ++partial;
      }
    }
    if (!key) return skip(q, "numeric question without a fully right answer: skipped");
    e.type = deck::CardType::kNumeric;
    e.number = *key->number;
    e.tolerance = key->tolerance.value_or(0);
    if (partial > 0) {
      warn(q, fmt::format("{} other numeric answer{} left out (quizdeck takes the first fully "
                          "right one)",
                          partial, partial == 1 ? "" : "s"));
    }
    if (key->feedback) warn(q, "per-answer feedback of a numeric question left out");
    return e;
  }

  const core::SourceText& source_;
  Bank bank_;
  std::string category_;
  IdSet ids_;
  bool warned_ = false;
};

// GIFT text: its special characters escaped, line breaks as \n.
std::string escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      continue;
    } else {
      if (std::string_view("~=#{}:\\").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

// Text with line breaks says [markdown], the format that keeps them.
std::string marked(std::string_view text) {
  return (text.find('\n') != std::string_view::npos ? "[markdown]" : "") + escape(text);
}

// An answer's text after its '=' or '~': a text that starts with '%' (GIFT has no escape
// for it) follows an explicit weight, so it is not read as one.
std::string answer_text(std::string_view text, bool right) {
  const std::string written = marked(text);
  if (!written.starts_with('%')) return written;
  return (right ? "%100%" : "%0%") + written;
}

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// Moodle's weights for k keys out of a multiple-response question.
std::string weight_text(std::size_t keys) {
  std::string text = fmt::format("{:.5f}", 100.0 / static_cast<double>(keys));
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// Warnings for what GIFT cannot carry of any card.
void note_losses(const Entry& e, const std::string& deck_file, ExportWriter& writer) {
  note_media_left_out(e, deck_file, "GIFT", false, writer.notes());
  if (!e.hint.empty()) writer.drop(e, "GIFT has no hints: the hint is left out");
  if (e.points != 1) writer.drop(e, "GIFT has no points: the card's points are left out");
  if (e.match != deck::MatchRule::kNormalized) {
    writer.drop(
        e, fmt::format("GIFT has no match rule: '{}' is left out", deck::match_rule_name(e.match)));
  }
  if (!e.shuffle && (e.type == deck::CardType::kChoice || e.type == deck::CardType::kMulti)) {
    writer.drop(e, "GIFT has no shuffle setting: 'shuffle: false' is left out");
  }
}

// What a card's questions are framed with.
struct Frame {
  std::string head;     // comment lines: its id and tags
  std::string title;    // its id, and [markdown] when the question has line breaks
  std::string general;  // its explanation as general feedback ("\n\t####..."), or empty
  bool lines = false;   // the question has line breaks
};

Frame frame_of(const Entry& e) {
  Frame frame;
  if (!e.id.empty()) frame.head += "// [id:" + e.id + "]\n";
  if (!e.tags.empty()) {
    frame.head += "//";
    for (const auto& tag : e.tags) frame.head += " [tag:" + tag + "]";
    frame.head += "\n";
  }
  // Line breaks survive as [markdown], which keeps lines (Moodle's own format joins them).
  frame.lines = e.question.find('\n') != std::string::npos;
  frame.title =
      (e.id.empty() ? "" : "::" + escape(e.id) + "::") + (frame.lines ? "[markdown]" : "");
  frame.general = e.explain.empty() ? "" : "\n\t####" + marked(e.explain);
  return frame;
}

// The end of a question whose answers stand one per line.
std::string closing(const Frame& frame) {
  return (frame.general.empty() ? "" : frame.general.substr(1) + "\n") + "}\n\n";
}

// A choice or multi card's choices, one per line.
std::string choice_lines(const Entry& e) {
  const bool multi = e.type == deck::CardType::kMulti;
  std::string out;
  for (const auto& choice : e.choices) {
    bool key = false;
    for (const auto& answer : e.answers) key = key || answer == choice.text;
    out += "\t";
    if (multi) {
      out += (key ? "~%" + weight_text(e.answers.size()) + "%" : "~%-100%") + marked(choice.text);
    } else {
      out += (key ? "=" : "~") + answer_text(choice.text, key);
    }
    if (!choice.why.empty()) out += "#" + marked(choice.why);
    out += "\n";
  }
  return out;
}

// GIFT cannot escape "->" inside a pair.
bool has_arrow(const Entry& e) {
  return std::any_of(e.pairs.begin(), e.pairs.end(),
                     [](const deck::Pair& p) {
                       return p.prompt.find("->") != std::string::npos ||
                              p.answer.find("->") != std::string::npos;
                     }) ||
         std::any_of(e.choices.begin(), e.choices.end(),
                     [](const deck::Choice& c) { return c.text.find("->") != std::string::npos; });
}

// A matching card's pairs, then its distractors, one per line.
std::string pair_lines(const Entry& e) {
  std::string out;
  for (const auto& pair : e.pairs) {
    out += "\t=" + marked(pair.prompt) + " -> " + marked(pair.answer) + "\n";
  }
  for (const auto& choice : e.choices) out += "\t= -> " + marked(choice.text) + "\n";
  return out;
}

// GIFT has one blank per question: a cloze is one missing-word question per blank, the
// other blanks filled in.
std::string cloze_questions(const Entry& e, const Frame& frame, ExportWriter& writer) {
  std::vector<std::pair<std::size_t, std::size_t>> blanks;
  for (auto at = e.question.find("{{"); at != std::string::npos;
       at = e.question.find("{{", at + 2)) {
    const auto end = e.question.find("}}", at);
    if (end == std::string::npos) break;
    blanks.emplace_back(at, end + 2);
  }
  if (blanks.size() > 1) {
    writer.drop(e, fmt::format("a cloze with {} blanks becomes {} missing-word questions",
                               blanks.size(), blanks.size()));
  }
  std::string out;
  for (std::size_t b = 0; b < blanks.size(); ++b) {
    std::string before;
    std::string after;
    std::string block;
    std::size_t last = 0;
    for (std::size_t i = 0; i < blanks.size(); ++i) {
      const std::string part = e.question.substr(last, blanks[i].first - last);
      const std::string inside =
          e.question.substr(blanks[i].first + 2, blanks[i].second - blanks[i].first - 4);
      (i <= b ? before : after) += escape(part);
      if (i == b) {
        std::size_t start = 0;
        for (auto bar = inside.find('|');; bar = inside.find('|', start)) {
          block += " =" + answer_text(inside.substr(start, bar - start), true);
          if (bar == std::string::npos) break;
          start = bar + 1;
        }
      } else {
        (i < b ? before : after) += escape(inside.substr(0, inside.find('|')));
      }
      last = blanks[i].second;
    }
    after += escape(e.question.substr(last));
    std::string cloze_head;
    if (!e.id.empty()) {
      const std::string id = blanks.size() > 1 ? fmt::format("{}-{}", e.id, b + 1) : e.id;
      cloze_head = "// [id:" + id + "]\n" + frame.head.substr(frame.head.find('\n') + 1);
    } else {
      cloze_head = frame.head;
    }
    out += cloze_head + (frame.lines ? "[markdown]" : "") + before + "{" + block + frame.general +
           " }" + after + "\n\n";
  }
  return out;
}

}  // namespace

Bank import_gift(const core::SourceText& source) {
  return Importer(source).run();
}

Exported export_gift(const std::vector<Entry>& given, const std::string& deck_file) {
  ExportWriter writer(given, deck_file);
  std::string& out = writer.text();
  for (const Entry& e : writer.entries()) {
    note_losses(e, deck_file, writer);
    const Frame frame = frame_of(e);
    const std::string opening = frame.head + frame.title + escape(e.question) + " {";
    switch (e.type) {
      case deck::CardType::kChoice:
      case deck::CardType::kMulti:
        out += opening + "\n" + choice_lines(e) + closing(frame);
        break;
      case deck::CardType::kTrueFalse:
        out += opening + (e.truth ? "TRUE" : "FALSE") + frame.general + "}\n\n";
        break;
      case deck::CardType::kShort: {
        out += opening;
        for (const auto& answer : e.answers) out += " =" + answer_text(answer, true);
        out += frame.general + " }\n\n";
        break;
      }
      case deck::CardType::kNumeric:
        out += opening + "#" + number_text(e.number) +
               (e.tolerance > 0 ? ":" + number_text(e.tolerance) : "") + frame.general + "}\n\n";
        break;
      case deck::CardType::kFlash:
        if (!e.explain.empty())
          writer.drop(e, "a flash card's explanation has no place in GIFT: left out");
        out += opening + "\n\t####" + marked(e.back) + "\n}\n\n";
        break;
      case deck::CardType::kCloze:
        out += cloze_questions(e, frame, writer);
        break;
      case deck::CardType::kMatching:
        if (has_arrow(e)) {
          writer.leave_out(e,
                           "GIFT cannot write '->' inside a matching pair: this card is left out");
          break;
        }
        out += opening + "\n" + pair_lines(e) + closing(frame);
        break;
      case deck::CardType::kOrdering:
        writer.leave_out(
            e, "GIFT has no ordering questions: this card is left out (Moodle XML has them)");
        break;
    }
  }
  return writer.take();
}

}  // namespace quizdeck::interchange
