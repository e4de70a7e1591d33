// SPDX-License-Identifier: MIT
// Deck entries as GIFT (gift.h), with what GIFT cannot carry reported.
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

// Text Moodle shows: deck text is plain text, so what Moodle's default format would read
// as more than that (markup, an entity, a line break, which it joins, or a leading '[' it
// would take for a format, or a leading '%' for a weight) says [plain], which Moodle shows
// as written and quizdeck reads back as written. So does a text starting with "//", which
// would otherwise begin a line GIFT reads as a comment.
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

// A short answer (Moodle takes it as written, after a leading [format]): a leading '[' or
// '%' is protected by [plain].
std::string answer_text(std::string_view text) {
  return (text.starts_with('[') || text.starts_with('%') ? "[plain]" : "") + escape(text);
}

std::string number_text(double value) {
  return fmt::format("{}", value);
}

// Moodle's weights a question may have: 0, ±1 and ± these (question_bank's fraction
// options); 1/k for k of 1 to 10 and 20 among them.
constexpr std::array<double, 19> kFractions{
    0.9, 0.8333333, 0.8, 0.75,      0.7,       0.6666667, 0.6,       0.5, 0.4, 0.3333333,
    0.3, 0.25,      0.2, 0.1666667, 0.1428571, 0.125,     0.1111111, 0.1, 0.05};

// The weight of one key of k, as a percentage Moodle takes: 100/k when it is one of its
// fractions, else the nearest one (then Moodle scores the card differently).
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

// "// [id:...]" and "// [tag:...]": Moodle reads an id or tag up to a ']' that is not
// written "\]"; a value ending in '\' is read whole only at the end of its line.
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

// A choice or multi card's choices, one per line. A multi card's weights give Moodle's
// sum of picks quizdeck's own scoring: each of k keys +1/k, each other choice -1/k.
std::string choice_lines(const Entry& e, ExportWriter& writer) {
  const bool multi = e.type == deck::CardType::kMulti;
  std::string right;
  std::string wrong;
  if (multi) {
    bool exact = true;
    const double percent = key_percent(e.answers.size(), exact);
    right = "~%" + gift_percent(percent) + "%";
    wrong = "~%-" + gift_percent(percent) + "%";
    if (!exact) {
      writer.drop(e, fmt::format("Moodle has no weight of 1/{} for a choice: the right ones are "
                                 "written {}% and the wrong ones -{}%, so Moodle scores this card "
                                 "differently from quizdeck ((right - wrong) / {})",
                                 e.answers.size(), gift_percent(percent), gift_percent(percent),
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

// A matching card's pairs, then its distractors, one per line. Moodle shows the answers
// as plain text: they need no [format].
std::string pair_lines(const Entry& e) {
  std::string out;
  for (const auto& pair : e.pairs) {
    out += "\t=" + shown(pair.prompt) + " -> " + escape(pair.answer) + "\n";
  }
  for (const auto& choice : e.choices) out += "\t= -> " + escape(choice.text) + "\n";
  return out;
}

// Whether a short answer can stand in GIFT: "->" in it would make Moodle read the block
// as matching pairs.
bool writable_answers(const std::vector<std::string>& answers) {
  return std::none_of(answers.begin(), answers.end(),
                      [](const std::string& a) { return a.find("->") != std::string::npos; });
}

// GIFT has one blank per question: a cloze is one missing-word question per blank, the
// other blanks filled in.
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
    // The blanks of a cloze of several are BASE#1 ... BASE#n, BASE its card id (its own or
    // the derived one): import reads such a run back as the one cloze, its ids as they were.
    std::string cloze_head = frame.head;
    if (blanks.size() > 1) {
      if (!e.id.empty()) cloze_head.erase(0, cloze_head.find('\n') + 1);
      cloze_head =
          "// " + annotation("id", fmt::format("{}#{}", card_id, b + 1)) + "\n" + cloze_head;
    }
    // (A text that starts with another blank's answer may start with "//" as well.)
    out += cloze_head + (plain_only || starts_comment(before) ? "[plain]" : "") + before + "{" +
           block + frame.general + " }" + after + "\n\n";
  }
  return out;
}

}  // namespace

std::string gift_percent(double percent) {
  std::string text = fmt::format("{:.5f}", percent);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
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
        // The first '#' is what Moodle shows for the wrong answer, the second for the right.
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
          writer.leave_out(e, "GIFT cannot write '->' in a matching prompt: this card is left out");
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
