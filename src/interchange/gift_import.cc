// SPDX-License-Identifier: MIT
// GIFT questions as deck entries (gift.h): each converted, reported or left out with its
// error, a cloze that went out as one question per blank read back as the one cloze.
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

// Text in a format as plain text, as Moodle shows it: HTML without its markup, and Moodle's
// own format too when it holds markup (Moodle renders it: "<b>Paris</b>" is Paris in
// bold); Markdown with its lines; plain text as written; other Moodle text on one line.
std::string plain(const std::string& format, const std::string& text) {
  if (format == "html" || (format == "moodle" && (has_tag(text) || has_entity(text)))) {
    return html_to_text(text);
  }
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
  if (format == "plain") return text;  // Moodle shows it as written, line breaks too
  return collapse_space(text);
}

// Whether a percentage is `expected` as closely as Moodle's grade check asks (0.00001 of
// a fraction).
bool near_percent(double percent, double expected) {
  return std::fabs(percent - expected) < 0.001 + 1e-9;
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
    // Ids given with [id:] anywhere in the file are theirs, and ids made from titles are
    // never taken by another question's numbered one (a duplicate title numbered "intro-2"
    // does not take the id of "::intro-2::" or "[id:intro-2]" further down).
    for (const GiftQuestion& question : parse.questions) {
      if (question.id && deck::check_card_id(*question.id)) ids_.reserve(*question.id);
      // (A cloze's blanks, BASE#1 ..., come back as the card BASE.)
      if (const std::size_t hash = question.id ? question.id->rfind('#') : std::string::npos;
          hash != std::string::npos && deck::check_card_id(question.id->substr(0, hash))) {
        ids_.reserve(question.id->substr(0, hash));
      }
      if (question.title) ids_.avoid(name_slug(*question.title));
    }
    // Questions and malformed ones in the file's order, so that the reports are too.
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
        bank_.add_cloze(std::move(entry), warned_, static_cast<int>(run->count));
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

  // The card's id: the question's own [id:] as written (an id is identity), else one made
  // from its title; unique in the deck.
  std::string id_of(const GiftQuestion& q) {
    if (q.id && !q.id->empty()) {
      if (deck::check_card_id(*q.id)) {
        std::string id = ids_.claim(*q.id);
        if (id != *q.id) {
          warn(q, fmt::format("the id '{}' is given to an earlier question: imported as '{}'",
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
               "true/false feedback kept in the card's explanation ('True: ...' is shown "
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

  // What Moodle shows after each answer, kept in the explanation as "True: ..." and
  // "False: ..." lines (export writes them back as that feedback).
  static void true_false(const GiftQuestion& q, Entry& e) {
    e.type = deck::CardType::kTrueFalse;
    e.truth = q.truth;
    const auto text = [](const std::optional<GiftText>& t) {
      return t ? plain(t->format, t->text) : std::string();
    };
    e.explain = with_true_false_feedback(e.explain,
                                         {"", text(q.feedback_if_true), text(q.feedback_if_false)});
  }

  // "=France -> Paris"; a pair with no prompt ("= -> Lisbon") is an extra answer. Moodle
  // shows the answers as plain text.
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

  // Moodle compares a short answer with what the learner types as plain text: the answers
  // are taken as written.
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
      warn(q, fmt::format("{} partial-credit answer{} left out (quizdeck grades right or wrong)",
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

  // The cloze a missing-word question is ("The {{cat|kitten}} sat."; with `at_end`, a short
  // answer too, its blank after the text), or nothing when its text or answers hold what a
  // cloze cannot.
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
    // "equals {{four}} ." reads as written: no space before closing punctuation.
    for (const char* mark : {" .", " ,", " ?", " !", " ;", " :"}) {
      const std::string gap = std::string("}}") + mark;
      for (auto at = cloze.find(gap); at != std::string::npos; at = cloze.find(gap)) {
        cloze.erase(at + 2, 1);
      }
    }
    return cloze;
  }

  // Export writes a cloze of n blanks as n missing-word questions, ids BASE#1 ... BASE#n,
  // each with the other blanks filled in by their first answer. Such a run (n >= 2, every
  // answer fully right, each question's text the same once filled in, the blanks in order)
  // is one cloze again, with its card id BASE: the question to convert (the first, with
  // that id) and the cloze's text, and how many questions the run has; nothing otherwise.
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

  // Whether a question that cannot be read stands between the questions of a run.
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

  // A text of `q` as Moodle shows it: the question's text is HTML when one part of it is
  // (Moodle renders it whole).
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

  // An '=' makes the question one pick (Moodle's radio buttons): the '=' answers (and any
  // weighted 100%) are right, other weights are partial credit.
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
      warn(q, fmt::format("{} answer{} with partial credit counted wrong (a choice card is right "
                          "or wrong)",
                          partial, partial == 1 ? "" : "s"));
    }
    if (e.answers.size() == 1) {
      e.type = deck::CardType::kChoice;
      return e;
    }
    warn(q, fmt::format("Moodle takes one pick here and any of the {} right answers scores: "
                        "imported as a multi card, which asks for all of them",
                        e.answers.size()));
    e.type = deck::CardType::kMulti;
    return e;
  }

  // No '=': several picks, each scoring its weight, the sum kept within 0 to 100%. The
  // answers with a positive weight are the keys; the card's own rule (each right pick +1/k,
  // each wrong pick -1/k, k keys) is Moodle's when the weights are those.
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
        for (const double w : weights) out += (out.empty() ? "" : ", ") + gift_percent(w) + "%";
        return out;
      };
      warn(q, fmt::format("scoring differs: Moodle scores the picks by their weights (right {}; "
                          "wrong {}), quizdeck gives each right pick {}% and each wrong one "
                          "-{}%",
                          list(right), wrong.empty() ? "none" : list(wrong), gift_percent(share),
                          gift_percent(share)));
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
      warn(q, fmt::format("{} other numeric answer{} left out (quizdeck takes the first fully "
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

}  // namespace

Bank import_gift(const core::SourceText& source) {
  return Importer(source).run();
}

}  // namespace quizdeck::interchange
