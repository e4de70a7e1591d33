// SPDX-License-Identifier: MIT
// GIFT questions as deck entries, and deck entries as GIFT.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "deck/card_id.h"
#include "interchange/entry_id.h"
#include "interchange/gift.h"
#include "interchange/html_text.h"
#include "interchange/names.h"

namespace quizdeck::interchange {
namespace {

// Text in a format as plain text, as Moodle shows it: HTML without its markup,
// and Moodle's own format too when it holds markup (Moodle renders it:
// "<b>Paris</b>" is Paris in bold); Markdown with its lines; plain text as
// written; other Moodle text on one line.
std::string plain(const std::string& format, const std::string& text) {
  if (format == "html" || (format == "moodle" && (has_tag(text) || has_entity(text)))) {
    return html_to_text(text);
  }
  if (format == "markdown") {
    // Lines as written (code keeps its indentation), trailing white space
    // dropped.
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
  if (format == "plain") return text;  // Moodle shows it as written, line breaks too
  return collapse_space(text);
}

// Whether a percentage is `expected` as closely as Moodle's grade check asks
// (0.00001 of a fraction).
bool near_percent(double percent, double expected) {
  return std::fabs(percent - expected) < 0.001 + 1e-9;
}

std::string percent_text(double percent) {
  std::string text = fmt::format("{:.5f}", percent);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

class Importer {
 public:
  explicit Importer(const core::SourceText& source) : source_(source) {}

  Bank run() {
    GiftParse parse = parse_gift(source_);
    if (parse.refusal) {
      bank_.report(std::move(*parse.refusal));
      return std::move(bank_);
    }
    // Ids given with [id:] anywhere in the file are theirs, and ids made from
    // titles are never taken by another question's numbered one (a duplicate
    // title numbered "intro-2" does not take the id of "::intro-2::" or
    // "[id:intro-2]" further down).
    for (const GiftQuestion& question : parse.questions) {
      if (question.id && deck::check_card_id(*question.id)) ids_.reserve(*question.id);
      // (A cloze's blanks, BASE#1 ..., come back as the card BASE.)
      if (const std::size_t hash = question.id ? question.id->rfind('#') : std::string::npos;
          hash != std::string::npos && deck::check_card_id(question.id->substr(0, hash))) {
        ids_.reserve(question.id->substr(0, hash));
      }
      if (question.title) ids_.avoid(name_slug(*question.title));
    }
    // Questions and malformed ones in the file's order, so that the reports are
    // too.
    std::size_t bad = 0;
    for (std::size_t i = 0; i < parse.questions.size(); ++i) {
      const GiftQuestion& question = parse.questions[i];
      const int line = source_.locate(question.offset).line;
      while (bad < parse.malformed.size() && parse.malformed[bad].line <= line) {
        bank_.add_malformed(std::move(parse.malformed[bad++]));
      }
      if (question.type == GiftType::kCategory) {
        category_ = category_tag(question.category);
        continue;
      }
      warned_ = false;
      if (auto run = cloze_run(parse.questions, i); run && !malformed_within(parse, bad, *run, i)) {
        // One cloze, as it went out: one question of the deck's, one card.
        for (std::size_t k = 0; k < run->count; ++k) {
          for (const GiftNote& note : parse.questions[i + k].notes) {
            warn_at(note.offset, note.message);
          }
        }
        auto entry = convert(run->question);
        if (entry) {
          entry->question = std::move(run->text);
          entry->id = written_id(*entry, entry->id);
        }
        bank_.add(std::move(entry), warned_);
        i += run->count - 1;
        continue;
      }
      for (const GiftNote& note : question.notes) warn_at(note.offset, note.message);
      auto entry = convert(question);
      bank_.add(std::move(entry), warned_);
    }
    while (bad < parse.malformed.size()) bank_.add_malformed(std::move(parse.malformed[bad++]));
    return std::move(bank_);
  }

 private:
  void warn_at(std::size_t offset, std::string message) {
    warned_ = true;
    bank_.report(
        core::make_diagnostic(core::Severity::kWarning, source_, offset, 1, std::move(message)));
  }

  void warn(const GiftQuestion& question, std::string message) {
    warn_at(question.offset, std::move(message));
  }

  std::optional<Entry> skip(const GiftQuestion& question, std::string message) {
    warn(question, std::move(message));
    return std::nullopt;
  }

  // The card's id: the question's own [id:] as written (an id is identity),
  // else one made from its title; unique in the deck.
  std::string id_of(const GiftQuestion& q) {
    if (q.id && !q.id->empty()) {
      if (deck::check_card_id(*q.id)) {
        std::string id = ids_.claim(*q.id);
        if (id != *q.id) {
          warn(q, fmt::format("the id '{}' is given to an earlier question: "
                              "imported as '{}'",
                              *q.id, id));
        }
        return id;
      }
      if (std::string made = id_slug(*q.id); !made.empty()) {
        std::string id = ids_.unique(made);
        warn(q, fmt::format("'{}' cannot be a card id as written (no white space or '#'): "
                            "imported as '{}'",
                            *q.id, id));
        return id;
      }
    }
    return ids_.unique(q.title ? name_slug(*q.title) : "");
  }

  std::optional<Entry> convert(const GiftQuestion& q) {
    Entry e;
    const auto where = source_.locate(q.offset);
    e.pos = {where.line, where.column};
    e.id = id_of(q);
    if (!category_.empty()) e.tags.push_back(category_);
    for (const auto& tag : q.tags) {
      if (std::string clean = tag_slug(tag);
          !clean.empty() && std::find(e.tags.begin(), e.tags.end(), clean) == e.tags.end()) {
        e.tags.push_back(std::move(clean));
      }
    }
    const auto text = [&](const std::string& raw) { return shown(q, raw); };
    e.question = text(q.stem);
    if (q.general_feedback) e.explain = plain(q.general_feedback_format, *q.general_feedback);
    switch (q.type) {
      case GiftType::kCategory:
      case GiftType::kDescription:
        return skip(q, "a description (text without a question) is not imported");
      case GiftType::kMatching:
        return matching(q, e);
      case GiftType::kEssay:
        warn(q, "essay question imported as a flash card (no automatic grading)");
        e.type = deck::CardType::kFlash;
        e.back = e.explain.empty() ? "(an essay question: no model answer)" : e.explain;
        e.explain.clear();
        return e;
      case GiftType::kTrueFalse:
        true_false(q, e);
        if (q.feedback_if_true || q.feedback_if_false) {
          warn(q,
               "true/false feedback kept in the card's explanation ('True: "
               "...' is shown "
               "after the answer True, 'False: ...' after False)");
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

  // What Moodle shows after each answer, kept in the explanation as "True: ..."
  // and "False: ..." lines (export writes them back as that feedback).
  static void true_false(const GiftQuestion& q, Entry& e) {
    e.type = deck::CardType::kTrueFalse;
    e.truth = q.truth;
    const auto text = [](const std::optional<GiftText>& t) {
      return t ? plain(t->format, t->text) : std::string();
    };
    e.explain = with_true_false_feedback(e.explain,
                                         {"", text(q.feedback_if_true), text(q.feedback_if_false)});
  }

  // "=France -> Paris"; a pair with no prompt ("= -> Lisbon") is an extra
  // answer. Moodle shows the answers as plain text.
  std::optional<Entry> matching(const GiftQuestion& q, Entry& e) {
    e.type = deck::CardType::kMatching;
    for (const GiftChoice& choice : q.choices) {
      const std::string prompt = plain(choice.format, choice.text);
      if (choice.match.empty()) continue;
      if (prompt.empty()) {
        e.choices.push_back({choice.match, "", {}});
      } else {
        e.pairs.push_back({prompt, choice.match, {}});
      }
    }
    if (e.pairs.size() < 2) return skip(q, "matching question with fewer than 2 pairs: skipped");
    return e;
  }

  // Moodle compares a short answer with what the learner types as plain text:
  // the answers are taken as written.
  template <typename Text>
  std::optional<Entry> short_answer(const GiftQuestion& q, Entry& e, const Text& text) {
    int partial = 0;
    bool feedback = false;
    for (const GiftChoice& choice : q.choices) {
      feedback = feedback || (choice.feedback && !choice.feedback->empty());
      if (!choice.weight || near_percent(*choice.weight, 100)) {
        e.answers.push_back(choice.text);
      } else {
        ++partial;
      }
    }
    if (e.answers.empty()) return skip(q, "short answer without a fully right answer: skipped");
    if (partial > 0) {
      warn(q, fmt::format("{} partial-credit answer{} left out (quizdeck "
                          "grades right or wrong)",
                          partial, partial == 1 ? "" : "s"));
    }
    if (feedback) warn(q, "per-answer feedback of a short answer left out");
    if (auto cloze = cloze_text(q, e.answers, text)) {
      e.type = deck::CardType::kCloze;
      e.question = std::move(*cloze);
      e.answers.clear();
      return e;
    }
    e.type = deck::CardType::kShort;
    return e;
  }

  // The cloze a missing-word question is ("The {{cat|kitten}} sat."; with
  // `at_end`, a short answer too, its blank after the text), or nothing when
  // its text or answers hold what a cloze cannot.
  template <typename Text>
  static std::optional<std::string> cloze_text(const GiftQuestion& q,
                                               const std::vector<std::string>& answers,
                                               const Text& text, bool at_end = false) {
    bool cloze_safe = q.embedded || (at_end && q.stem_after.empty());
    for (const auto& part : {q.stem_before, q.stem_after}) {
      cloze_safe = cloze_safe && part.find("{{") == std::string::npos &&
                   part.find("}}") == std::string::npos;
    }
    for (const auto& answer : answers) {
      cloze_safe = cloze_safe && answer.find('|') == std::string::npos &&
                   answer.find("}}") == std::string::npos &&
                   answer.find("{{") == std::string::npos && answer.find('\n') == std::string::npos;
    }
    if (!cloze_safe || answers.empty()) return std::nullopt;
    std::string blank = "{{";
    for (std::size_t i = 0; i < answers.size(); ++i) blank += (i ? "|" : "") + answers[i];
    std::string cloze = collapse_space(text(q.stem_before) + (q.gap_before ? " " : "") + blank +
                                       "}}" + (q.gap_after ? " " : "") + text(q.stem_after));
    // "equals {{four}} ." reads as written: no space before closing
    // punctuation.
    for (const char* mark : {" .", " ,", " ?", " !", " ;", " :"}) {
      const std::string gap = std::string("}}") + mark;
      for (auto at = cloze.find(gap); at != std::string::npos; at = cloze.find(gap)) {
        cloze.erase(at + 2, 1);
      }
    }
    return cloze;
  }

  // Export writes a cloze of n blanks as n missing-word questions, ids BASE#1
  // ... BASE#n, each with the other blanks filled in by their first answer.
  // Such a run (n >= 2, every answer fully right, each question's text the same
  // once filled in, the blanks in order) is one cloze again, with its card id
  // BASE: the question to convert (the first, with that id) and the cloze's
  // text, and how many questions the run has; nothing otherwise.
  struct ClozeRun {
    GiftQuestion question;
    std::string text;
    std::size_t count = 0;
  };
  static std::optional<ClozeRun> cloze_run(const std::vector<GiftQuestion>& questions,
                                           std::size_t first) {
    const auto split = [](const std::optional<std::string>& id)
        -> std::optional<std::pair<std::string, std::size_t>> {
      if (!id) return std::nullopt;
      const std::size_t hash = id->rfind('#');
      if (hash == std::string::npos || hash == 0 || hash + 1 == id->size() ||
          (*id)[hash + 1] == '0' || id->size() - hash > 4) {
        return std::nullopt;
      }
      std::size_t number = 0;
      for (std::size_t i = hash + 1; i < id->size(); ++i) {
        if ((*id)[i] < '0' || (*id)[i] > '9') return std::nullopt;
        number = number * 10 + static_cast<std::size_t>((*id)[i] - '0');
      }
      return std::pair{id->substr(0, hash), number};
    };
    const auto head = split(questions[first].id);
    if (!head || head->second != 1 || !deck::check_card_id(head->first)) return std::nullopt;
    std::string filled;                                       // the text with every blank filled in
    std::vector<std::pair<std::size_t, std::string>> blanks;  // where in `filled`, and "{{...}}"
    std::size_t at = first;
    for (; at < questions.size(); ++at) {
      const GiftQuestion& q = questions[at];
      const auto part = split(q.id);
      if (!part || part->first != head->first || part->second != at - first + 1 ||
          q.type != GiftType::kShort || q.general_feedback != questions[first].general_feedback ||
          q.tags != questions[first].tags) {
        break;
      }
      std::vector<std::string> answers;
      for (const GiftChoice& choice : q.choices) {
        if ((choice.weight && !near_percent(*choice.weight, 100)) ||
            (choice.feedback && !choice.feedback->empty())) {
          return std::nullopt;
        }
        answers.push_back(choice.text);
      }
      const auto text = [&](const std::string& raw) { return shown(q, raw); };
      // (A blank at the end of the text went out as a short answer.)
      const auto cloze = cloze_text(q, answers, text, true);
      if (!cloze) return std::nullopt;
      const std::size_t open = cloze->find("{{");
      const std::size_t close = cloze->find("}}", open);
      std::string one = cloze->substr(0, open) + answers.front() + cloze->substr(close + 2);
      if (at == first) {
        filled = std::move(one);
      } else if (one != filled) {
        return std::nullopt;
      }
      // The blanks in order, none inside another's answer.
      if (!blanks.empty() && open < blanks.back().first + answers_of(blanks.back().second).size()) {
        return std::nullopt;
      }
      blanks.emplace_back(open, cloze->substr(open, close + 2 - open));
    }
    if (blanks.size() < 2) return std::nullopt;
    std::string text;
    std::size_t last = 0;
    for (const auto& [where, blank] : blanks) {
      text += filled.substr(last, where - last) + blank;
      last = where + answers_of(blank).size();
    }
    text += filled.substr(last);
    ClozeRun run{questions[first], std::move(text), blanks.size()};
    run.question.id = head->first;
    return run;
  }

  // Whether a question that cannot be read stands between the questions of a
  // run.
  bool malformed_within(const GiftParse& parse, std::size_t bad, const ClozeRun& run,
                        std::size_t first) const {
    if (bad >= parse.malformed.size()) return false;
    const int last = source_.locate(parse.questions[first + run.count - 1].offset).line;
    return parse.malformed[bad].line <= last;
  }

  // The first answer of a blank "{{a|b}}": "a".
  static std::string answers_of(const std::string& blank) {
    const std::string inside = blank.substr(2, blank.size() - 4);
    return inside.substr(0, inside.find('|'));
  }

  // A text of `q` as Moodle shows it: the question's text is HTML when one part
  // of it is (Moodle renders it whole).
  static std::string shown(const GiftQuestion& q, const std::string& raw) {
    const bool html =
        q.format == "html" || (q.format == "moodle" && (has_tag(q.stem) || has_entity(q.stem)));
    return html ? html_to_text(raw) : plain(q.format, raw);
  }

  std::optional<Entry> choice(const GiftQuestion& q, Entry& e) {
    for (const GiftChoice& choice : q.choices) {
      deck::Choice out;
      out.text = plain(choice.format, choice.text);
      if (choice.feedback) out.why = plain(choice.feedback_format, *choice.feedback);
      e.choices.push_back(std::move(out));
    }
    return q.single ? one_pick(q, e) : multiple_response(q, e);
  }

  // An '=' makes the question one pick (Moodle's radio buttons): the '='
  // answers (and any weighted 100%) are right, other weights are partial
  // credit.
  std::optional<Entry> one_pick(const GiftQuestion& q, Entry& e) {
    int partial = 0;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      const GiftChoice& choice = q.choices[i];
      if (!choice.weight && choice.correct) {
        e.answers.push_back(e.choices[i].text);
      } else if (choice.weight && near_percent(*choice.weight, 100)) {
        e.answers.push_back(e.choices[i].text);
      } else if (choice.weight && *choice.weight > 0) {
        ++partial;
      }
    }
    if (e.answers.empty()) return skip(q, "multiple choice without a right answer: skipped");
    if (partial > 0) {
      warn(q, fmt::format("{} answer{} with partial credit counted wrong (a "
                          "choice card is right "
                          "or wrong)",
                          partial, partial == 1 ? "" : "s"));
    }
    if (e.answers.size() == 1) {
      e.type = deck::CardType::kChoice;
      return e;
    }
    warn(q, fmt::format("Moodle takes one pick here and any of the {} right "
                        "answers scores: "
                        "imported as a multi card, which asks for all of them",
                        e.answers.size()));
    e.type = deck::CardType::kMulti;
    return e;
  }

  // No '=': several picks, each scoring its weight, the sum kept within 0 to
  // 100%. The answers with a positive weight are the keys; the card's own rule
  // (each right pick +1/k, each wrong pick -1/k, k keys) is Moodle's when the
  // weights are those.
  std::optional<Entry> multiple_response(const GiftQuestion& q, Entry& e) {
    std::set<double> right;
    std::set<double> wrong;
    for (std::size_t i = 0; i < q.choices.size(); ++i) {
      const double weight = q.choices[i].weight.value_or(0);
      if (weight > 0) {
        e.answers.push_back(e.choices[i].text);
        right.insert(weight);
      } else {
        wrong.insert(weight);
      }
    }
    if (e.answers.empty()) return skip(q, "multiple choice without a right answer: skipped");
    const double share = 100.0 / static_cast<double>(e.answers.size());
    const bool same =
        std::all_of(right.begin(), right.end(), [&](double w) { return near_percent(w, share); }) &&
        std::all_of(wrong.begin(), wrong.end(), [&](double w) { return near_percent(w, -share); });
    e.type = e.answers.size() == 1 ? deck::CardType::kChoice : deck::CardType::kMulti;
    if (!same) {
      const auto list = [](const std::set<double>& weights) {
        std::string out;
        for (const double w : weights) out += (out.empty() ? "" : ", ") + percent_text(w) + "%";
        return out;
      };
      warn(q, fmt::format("scoring differs: Moodle scores the picks by their "
                          "weights (right {}; "
                          "wrong {}), quizdeck gives each right pick {}% and "
                          "each wrong one "
                          "-{}%",
                          list(right), wrong.empty() ? "none" : list(wrong), percent_text(share),
                          percent_text(share)));
    }
    return e;
  }

  std::optional<Entry> numeric(const GiftQuestion& q, Entry& e) {
    const GiftChoice* key = nullptr;
    int partial = 0;
    for (const GiftChoice& choice : q.choices) {
      const bool full = choice.number && (!choice.weight || near_percent(*choice.weight, 100));
      if (!key && full) {
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
      warn(q, fmt::format("{} other numeric answer{} left out (quizdeck takes "
                          "the first fully "
                          "right one)",
                          partial, partial == 1 ? "" : "s"));
    }
    if (key->feedback && !key->feedback->empty()) {
      warn(q, "per-answer feedback of a numeric question left out");
    }
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
      continue;  // (export shows control characters as text: none is left here)
    } else {
      if (std::string_view("~=#{}:\\").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

// Text Moodle shows: deck text is plain text, so what Moodle's default format
// would read as more than that (markup, an entity, a line break, which it
// joins, or a leading '[' it would take for a format, or a leading '%' for a
// weight) says [plain], which Moodle shows as written and quizdeck reads back
// as written. So does a text starting with "//", which would otherwise begin a
// line GIFT reads as a comment.
bool starts_comment(std::string_view text) {
  const std::size_t start = text.find_first_not_of(" \t");
  return start != std::string_view::npos && text.substr(start).starts_with("//");
}

std::string shown(std::string_view text) {
  const bool plain_only = has_tag(text) || has_entity(text) ||
                          text.find('\n') != std::string_view::npos || text.starts_with('[') ||
                          text.starts_with('%') || starts_comment(text);
  return (plain_only ? "[plain]" : "") + escape(text);
}

// A short answer (Moodle takes it as written, after a leading [format]): a
// leading '[' or
// '%' is protected by [plain].
std::string answer_text(std::string_view text) {
  return (text.starts_with('[') || text.starts_with('%') ? "[plain]" : "") + escape(text);
}

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// Moodle's weights a question may have: 0, ±1 and ± these (question_bank's
// fraction options); 1/k for k of 1 to 10 and 20 among them.
constexpr std::array<double, 19> kFractions{
    0.9, 0.8333333, 0.8, 0.75,      0.7,       0.6666667, 0.6,       0.5, 0.4, 0.3333333,
    0.3, 0.25,      0.2, 0.1666667, 0.1428571, 0.125,     0.1111111, 0.1, 0.05};

// The weight of one key of k, as a percentage Moodle takes: 100/k when it is
// one of its fractions, else the nearest one (then Moodle scores the card
// differently).
double key_percent(std::size_t keys, bool& exact) {
  const double share = 1.0 / static_cast<double>(keys);
  double best = 1;
  for (const double f : kFractions) {
    if (std::fabs(f - share) < std::fabs(best - share)) best = f;
  }
  exact = std::fabs(best - share) < 0.00001;
  return exact ? 100.0 * share : 100.0 * best;
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
  std::string title;    // its id as the question's name
  std::string general;  // its explanation as general feedback ("\n\t####..."), or empty
};

// "// [id:...]" and "// [tag:...]": Moodle reads an id or tag up to a ']' that
// is not written "\]"; a value ending in '\' is read whole only at the end of
// its line.
std::string annotation(std::string_view kind, std::string_view value) {
  std::string out = "[" + std::string(kind) + ":";
  for (const char c : value) out += c == ']' ? std::string("\\]") : std::string(1, c);
  return out + "]";
}

Frame frame_of(const Entry& e, const std::string& explain, ExportWriter& writer) {
  Frame frame;
  if (!e.id.empty()) frame.head += "// " + annotation("id", e.id) + "\n";
  std::string tags;
  std::string alone;  // tags ending in '\', a line each
  for (const auto& tag : e.tags) {
    if (tag.find_first_of("<>") != std::string::npos) {
      writer.drop(e,
                  fmt::format("a GIFT tag cannot hold '<' or '>': the tag '{}' is left out", tag));
      continue;
    }
    if (tag.ends_with('\\')) {
      alone += "// " + annotation("tag", tag) + "\n";
    } else {
      tags += " " + annotation("tag", tag);
    }
  }
  if (!tags.empty()) frame.head += "//" + tags + "\n";
  frame.head += alone;
  frame.title = e.id.empty() ? "" : "::" + escape(e.id) + "::";
  frame.general = explain.empty() ? "" : "\n\t####" + shown(explain);
  return frame;
}

// The end of a question whose answers stand one per line.
std::string closing(const Frame& frame) {
  return (frame.general.empty() ? "" : frame.general.substr(1) + "\n") + "}\n\n";
}

// A choice or multi card's choices, one per line. A multi card's weights give
// Moodle's sum of picks quizdeck's own scoring: each of k keys +1/k, each other
// choice -1/k.
std::string choice_lines(const Entry& e, ExportWriter& writer) {
  const bool multi = e.type == deck::CardType::kMulti;
  std::string right;
  std::string wrong;
  if (multi) {
    bool exact = true;
    const double percent = key_percent(e.answers.size(), exact);
    right = "~%" + percent_text(percent) + "%";
    wrong = "~%-" + percent_text(percent) + "%";
    if (!exact) {
      writer.drop(e, fmt::format("Moodle has no weight of 1/{} for a choice: the right ones are "
                                 "written {}% and the wrong ones -{}%, so Moodle scores this card "
                                 "differently from quizdeck ((right - wrong) / {})",
                                 e.answers.size(), percent_text(percent), percent_text(percent),
                                 e.answers.size()));
    }
  }
  std::string out;
  for (const auto& choice : e.choices) {
    const bool key = std::find(e.answers.begin(), e.answers.end(), choice.text) != e.answers.end();
    out += "\t";
    if (multi) {
      out += (key ? right : wrong) + shown(choice.text);
    } else {
      out += (key ? "=" : "~") + shown(choice.text);
    }
    if (!choice.why.empty()) out += "#" + shown(choice.why);
    out += "\n";
  }
  return out;
}

// GIFT cannot escape "->": Moodle splits a pair at its first one.
bool has_arrow(const Entry& e) {
  return std::any_of(e.pairs.begin(), e.pairs.end(),
                     [](const deck::Pair& p) { return p.prompt.find("->") != std::string::npos; });
}

// A matching card's pairs, then its distractors, one per line. Moodle shows the
// answers as plain text: they need no [format].
std::string pair_lines(const Entry& e) {
  std::string out;
  for (const auto& pair : e.pairs) {
    out += "\t=" + shown(pair.prompt) + " -> " + escape(pair.answer) + "\n";
  }
  for (const auto& choice : e.choices) out += "\t= -> " + escape(choice.text) + "\n";
  return out;
}

// Whether a short answer can stand in GIFT: "->" in it would make Moodle read
// the block as matching pairs.
bool writable_answers(const std::vector<std::string>& answers) {
  return std::none_of(answers.begin(), answers.end(),
                      [](const std::string& a) { return a.find("->") != std::string::npos; });
}

// GIFT has one blank per question: a cloze is one missing-word question per
// blank, the other blanks filled in.
std::string cloze_questions(const Entry& e, const std::string& card_id, const Frame& frame,
                            ExportWriter& writer) {
  std::vector<std::pair<std::size_t, std::size_t>> blanks;
  for (auto at = e.question.find("{{"); at != std::string::npos;
       at = e.question.find("{{", at + 2)) {
    const auto end = e.question.find("}}", at);
    if (end == std::string::npos) break;
    blanks.emplace_back(at, end + 2);
  }
  for (const auto& [start, end] : blanks) {
    if (e.question.substr(start, end - start).find("->") != std::string::npos) {
      writer.leave_out(e,
                       "GIFT cannot write '->' in a blank's answer (Moodle would read "
                       "matching pairs): this card is left out");
      return "";
    }
  }
  if (blanks.size() > 1) {
    writer.drop(e, fmt::format("a cloze with {} blanks becomes {} missing-word questions",
                               blanks.size(), blanks.size()));
  }
  // Moodle reads a question that ends with its block as one without a blank.
  if (!blanks.empty() &&
      e.question.find_first_not_of(" \t\n", blanks.back().second) == std::string::npos) {
    writer.drop(e, "a blank at the end of the text: GIFT reads it back as a short answer");
  }
  // The text around the blocks says [plain] when any of it needs it.
  std::string whole;
  {
    std::size_t last = 0;
    for (const auto& [start, end] : blanks) {
      whole += e.question.substr(last, start - last);
      last = end;
    }
    whole += e.question.substr(last);
  }
  const bool plain_only = shown(whole).starts_with("[plain]");
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
          block += " =" + answer_text(inside.substr(start, bar - start));
          if (bar == std::string::npos) break;
          start = bar + 1;
        }
      } else {
        (i < b ? before : after) += escape(inside.substr(0, inside.find('|')));
      }
      last = blanks[i].second;
    }
    after += escape(e.question.substr(last));
    // The blanks of a cloze of several are BASE#1 ... BASE#n, BASE its card id
    // (its own or the derived one): import reads such a run back as the one
    // cloze, its ids as they were.
    std::string cloze_head = frame.head;
    if (blanks.size() > 1) {
      if (!e.id.empty()) cloze_head.erase(0, cloze_head.find('\n') + 1);
      cloze_head =
          "// " + annotation("id", fmt::format("{}#{}", card_id, b + 1)) + "\n" + cloze_head;
    }
    // (A text that starts with another blank's answer may start with "//" as
    // well.)
    out += cloze_head + (plain_only || starts_comment(before) ? "[plain]" : "") + before + "{" +
           block + frame.general + " }" + after + "\n\n";
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
  for (std::size_t i = 0; i < given.size(); ++i) {
    const Entry& e = writer.entries()[i];  // its text shown (bank.h, visible_entries)
    note_losses(e, deck_file, writer);
    const TrueFalseFeedback tf = e.type == deck::CardType::kTrueFalse
                                     ? true_false_feedback(e.explain)
                                     : TrueFalseFeedback{e.explain, "", ""};
    const Frame frame = frame_of(e, e.type == deck::CardType::kFlash ? "" : tf.general, writer);
    const std::string opening = frame.head + frame.title + shown(e.question) + " {";
    switch (e.type) {
      case deck::CardType::kChoice:
      case deck::CardType::kMulti:
        out += opening + "\n" + choice_lines(e, writer) + closing(frame);
        break;
      case deck::CardType::kTrueFalse: {
        // The first '#' is what Moodle shows for the wrong answer, the second for
        // the right.
        const std::string& right = e.truth ? tf.if_true : tf.if_false;
        const std::string& wrong = e.truth ? tf.if_false : tf.if_true;
        out += opening + (e.truth ? "TRUE" : "FALSE");
        if (!wrong.empty() || !right.empty()) out += "#" + shown(wrong);
        if (!right.empty()) out += "#" + shown(right);
        out += frame.general + "}\n\n";
        break;
      }
      case deck::CardType::kShort: {
        if (!writable_answers(e.answers)) {
          writer.leave_out(e,
                           "GIFT cannot write '->' in a short answer (Moodle would read "
                           "matching pairs): this card is left out");
          break;
        }
        out += opening;
        for (const auto& answer : e.answers) out += " =" + answer_text(answer);
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
        out += opening + "\n\t####" + shown(e.back) + "\n}\n\n";
        break;
      case deck::CardType::kCloze:
        out += cloze_questions(e, entry_card_id(given[i]), frame, writer);
        break;
      case deck::CardType::kMatching:
        if (has_arrow(e)) {
          writer.leave_out(e,
                           "GIFT cannot write '->' in a matching prompt: this "
                           "card is left out");
          break;
        }
        out += opening + "\n" + pair_lines(e) + closing(frame);
        break;
      case deck::CardType::kOrdering:
        writer.leave_out(e,
                         "GIFT has no ordering questions: this card is left "
                         "out (Moodle XML has them)");
        break;
    }
  }
  return writer.take();
}

}  // namespace quizdeck::interchange
