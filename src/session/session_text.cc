// SPDX-License-Identifier: MIT
#include "session/session_text.h"

#include <cmath>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/time.h"
#include "grade/diff.h"
#include "schedule/fsrs.h"

namespace quizdeck::session {
namespace {

std::string percent(double earned, double possible) {
  return possible > 0 ? fmt::format("{:.1f}%", 100 * earned / possible) : std::string("-");
}

std::string points(double value) {
  return core::format_number(std::round(value * 100) / 100);
}

// "12:04": minutes and seconds.
std::string clock_text(std::int64_t ms) {
  return fmt::format("{}:{:02}", ms / 60'000, ms / 1000 % 60);
}

}  // namespace

// ", 90 minutes": a whole exam's time, rounded up to the minute.
std::string minutes_text(std::int64_t ms) {
  const std::int64_t minutes = (ms + 59'999) / 60'000;
  return fmt::format(", {} minute{}", minutes, minutes == 1 ? "" : "s");
}

std::string exam_intro(const Session& session) {
  const int questions = session.planned();
  std::string line = fmt::format("{}: {} question{}", session.resumed() ? "Exam resumed" : "Exam",
                                 questions, questions == 1 ? "" : "s");
  if (const auto limit = session.time_limit()) {
    const std::int64_t left = std::max<std::int64_t>(0, *limit - session.exam_time_used());
    line += session.resumed() ? fmt::format(", {} of {} left", clock_text(left), clock_text(*limit))
                              : minutes_text(*limit);
  } else {
    line += ", no time limit";
  }
  if (const auto pass = session.pass_percent()) {
    line += fmt::format(", pass mark {}%", core::format_number(*pass));
  }
  return line + ".";
}

std::string verdict_word(grade::Verdict verdict) {
  switch (verdict) {
    case grade::Verdict::kRight:
      return "Right.";
    case grade::Verdict::kAlmost:
      return "Almost (a typo).";
    case grade::Verdict::kWrong:
      return "Wrong.";
    case grade::Verdict::kInvalid:
      return "Not an answer.";
  }
  return "";
}

std::vector<std::string> question_lines(const Question& question) {
  const deck::Card& card = *question.card;
  std::vector<std::string> lines;
  for (std::size_t start = 0; start <= card.prompt.size();) {
    const auto end = card.prompt.find('\n', start);
    lines.push_back(card.prompt.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (!card.image.path.empty()) lines.push_back(fmt::format("[image: {}]", card.image.path));
  if (!card.audio.path.empty()) lines.push_back(fmt::format("[audio: {}]", card.audio.path));
  for (std::size_t i = 0; i < card.pairs.size(); ++i) {
    lines.push_back(fmt::format("  {}. {}", i + 1, card.pairs[i].prompt));
  }
  if (!card.pairs.empty()) lines.push_back("  Answers:");
  for (std::size_t i = 0; i < question.order.size(); ++i) {
    const deck::Choice& choice = card.choices[question.order[i]];
    lines.push_back(fmt::format(
        "  {}) {}{}", grade::choice_letter(i), choice.text,
        choice.image.path.empty() ? "" : fmt::format(" [image: {}]", choice.image.path)));
  }
  return lines;
}

std::string answer_hint(const Question& question) {
  switch (question.card->type) {
    case deck::CardType::kChoice:
      return "(answer with a letter)";
    case deck::CardType::kMulti:
      return "(select all that apply, such as A,C)";
    case deck::CardType::kTrueFalse:
      return "(true or false)";
    case deck::CardType::kNumeric:
      return "(a number)";
    case deck::CardType::kFlash:
      return "(recall the back, then rate: 1 again, 2 hard, 3 good, 4 easy)";
    case deck::CardType::kShort:
    case deck::CardType::kCloze:
      return "(type the answer)";
    case deck::CardType::kMatching:
      return "(a letter for each prompt in order, such as BAC)";
    case deck::CardType::kOrdering:
      return "(the letters in the right order, such as CADB)";
  }
  return "";
}

std::vector<std::string> feedback_lines(const Result& result) {
  const deck::Card& card = *result.question.card;
  std::vector<std::string> lines;
  if (card.type == deck::CardType::kFlash) {
    lines.push_back(fmt::format("Back: {}", card.back));
  } else {
    std::string verdict = verdict_word(result.grade.verdict);
    if (result.grade.verdict != grade::Verdict::kRight) {
      // No second full stop after an answer that ends a sentence itself.
      const std::string& expected = result.grade.expected;
      verdict +=
          fmt::format(" The answer is {}{}", expected, grade::ends_sentence(expected) ? "" : ".");
    }
    lines.push_back(verdict);
    // A typed answer that was almost, or wrong but near: what was left out and added.
    const bool typed = card.type == deck::CardType::kShort || card.type == deck::CardType::kCloze;
    if (typed && result.grade.verdict != grade::Verdict::kRight) {
      if (const auto pieces = grade::char_diff(result.given, result.grade.expected)) {
        std::size_t same = 0;
        for (const auto& piece : *pieces) {
          if (piece.kind == grade::DiffPiece::Kind::kSame) same += piece.text.size();
        }
        // Only when the answers share most of their letters: a diff of two unrelated words
        // says nothing.
        if (2 * same >= result.grade.expected.size()) {
          lines.push_back(fmt::format("Diff: {}", grade::diff_line(*pieces)));
        }
      }
    }
    const bool partial = card.type == deck::CardType::kMulti ||
                         card.type == deck::CardType::kMatching ||
                         card.type == deck::CardType::kOrdering;
    if (partial && result.grade.verdict == grade::Verdict::kWrong) {
      lines.push_back(fmt::format("Partial credit: {}", percent(result.grade.credit, 1)));
    }
  }
  if (!result.why.empty()) {
    lines.push_back(fmt::format(
        "{}: {}", result.grade.verdict == grade::Verdict::kWrong ? "Why not" : "Why", result.why));
  }
  if (!card.explain.empty()) lines.push_back(fmt::format("Explanation: {}", card.explain));
  if (!card.source.empty()) lines.push_back(fmt::format("Source: {}", card.source));
  lines.push_back(rating_line(result));
  for (const auto& line : rule_lines(result)) lines.push_back(line);
  return lines;
}

std::string interval_text(std::int64_t ms) {
  const std::int64_t minutes = std::max<std::int64_t>(1, (ms + 30'000) / 60'000);
  if (minutes < 60) return fmt::format("{}m", minutes);
  const std::int64_t hours = (minutes + 30) / 60;
  if (hours < 24) return fmt::format("{}h", hours);
  const double days = static_cast<double>(ms) / 86'400'000.0;
  if (days < 30) return fmt::format("{}d", static_cast<std::int64_t>(days + 0.5));
  if (days < 365) return fmt::format("{:.1f}mo", days / 30);
  return fmt::format("{:.1f}y", days / 365);
}

std::string rating_line(const Result& result) {
  if (!result.scheduled || !result.due_ms) {
    return fmt::format("Rating: {} (the schedule is unchanged).", core::rating_name(result.rating));
  }
  return fmt::format("Rating: {}{}. Next due in {}.", core::rating_name(result.rating),
                     result.hinted ? " (right after the hint)" : "",
                     interval_text(*result.due_ms - result.answered_ms));
}

std::string rating_keys_text(const std::array<std::int64_t, 4>& due, std::int64_t answered) {
  std::string out;
  for (std::size_t i = 0; i < due.size(); ++i) {
    out += fmt::format("{}{} {} {}", i == 0 ? "" : "  ", i + 1,
                       core::rating_name(core::kRatings[i]), interval_text(due[i] - answered));
  }
  return out;
}

std::string_view mark_name(Mark mark) {
  switch (mark) {
    case Mark::kSuspend:
      return "suspend";
    case Mark::kBury:
      return "bury";
    case Mark::kFlag:
      return "flag";
  }
  return "flag";
}

std::string undone_text(const std::optional<Session::UndoTarget>& taken) {
  if (!taken) return "Nothing to undo.";
  return taken->mark ? "Took back the last mark." : "Took back the last answer.";
}

std::string marked_text(const Question& question, const Marked& marked) {
  if (!marked.done) return fmt::format("Cannot {} it: {}.", mark_name(marked.mark), marked.problem);
  switch (marked.mark) {
    case Mark::kSuspend:
      return fmt::format(
          "Suspended: not asked again until `quizdeck unsuspend {} --card {}` (u takes it back).",
          question.deck->id, question.card->id);
    case Mark::kBury:
      return fmt::format("Buried until {} (u takes it back).",
                         core::format_local_time(marked.until.value_or(0)));
    case Mark::kFlag:
      return marked.flag != 0 ? "Flagged." : "Flag removed.";
  }
  return "";
}

std::vector<std::string> rule_lines(const Result& result) {
  std::vector<std::string> lines;
  const std::string& deck = result.question.deck->id;
  const std::string& card = result.question.card->id;
  if (result.suspended) {
    lines.push_back(fmt::format(
        "Leech: this card keeps slipping, so it is suspended. Rewrite or split it, then "
        "`quizdeck unsuspend {} --card {}`.",
        deck, card));
  } else if (result.leech) {
    lines.push_back("Leech: this card keeps slipping (tagged leech); consider rewriting it.");
  }
  if (result.set_aside && !result.suspended) {
    lines.push_back(
        "Set aside for the rest of this session (asked too often); it comes back next time.");
  }
  if (!result.buried.empty()) {
    lines.push_back(fmt::format("{} sibling card{} of this one wait{} until tomorrow.",
                                result.buried.size(), result.buried.size() == 1 ? "" : "s",
                                result.buried.size() == 1 ? "s" : ""));
  }
  return lines;
}

std::vector<std::string> summary_lines(const Summary& summary, std::optional<std::int64_t> next_due,
                                       std::string_view resume_command) {
  std::vector<std::string> lines;
  if (summary.mode == Mode::kExam && !summary.complete) {
    // Left before its end: nothing is scored yet, so nothing tells right from wrong.
    std::string line = fmt::format(
        "Exam left unfinished: {} answered, {} to go{}. It is not scored; {}", summary.answered,
        summary.questions_left,
        summary.time_left_ms ? fmt::format(", {} left", clock_text(*summary.time_left_ms))
                             : std::string(),
        resume_command.empty()
            ? std::string("`quizdeck exam --resume` with the same decks continues it.")
            : fmt::format("continue it with: {}", resume_command));
    lines.push_back(line);
    return lines;
  }
  if (summary.mode == Mode::kExam) {
    std::string line =
        fmt::format("Exam over: {} of {} points ({}).", points(summary.points),
                    points(summary.possible), percent(summary.points, summary.possible));
    if (summary.timed_out) line = "Time is up. " + line;
    lines.push_back(line);
    if (summary.passed && summary.pass_percent) {
      lines.push_back(fmt::format("Pass mark {}%: {}.", core::format_number(*summary.pass_percent),
                                  *summary.passed ? "passed" : "not passed"));
    } else if (summary.passed) {
      lines.push_back(*summary.passed ? "Passed." : "Not passed: below the pass mark.");
    }
    lines.push_back(summary.time_limit_ms
                        ? fmt::format("Time used: {} of {}.", clock_text(summary.time_used_ms),
                                      clock_text(*summary.time_limit_ms))
                        : fmt::format("Time used: {}.", clock_text(summary.time_used_ms)));
    if (!summary.tags.empty()) {
      lines.push_back("By tag, weakest first:");
      for (const auto& tag : summary.tags) {
        lines.push_back(fmt::format("  {:<20} {} of {} points ({}), {} {}", tag.tag,
                                    points(tag.earned), points(tag.possible),
                                    percent(tag.earned, tag.possible), tag.questions,
                                    tag.questions == 1 ? "question" : "questions"));
      }
    }
    if (!summary.missed.empty()) {
      lines.push_back("Missed:");
      for (const auto& missed : summary.missed) {
        const deck::Card& card = *missed.question.card;
        lines.push_back(fmt::format("  {}", card.prompt.substr(0, card.prompt.find('\n'))));
        std::string given = missed.counted ? missed.given : std::string("(none)");
        if (missed.counted && !missed.grade.picked.empty()) {
          std::string texts;
          for (const std::size_t index : missed.grade.picked) {
            texts += (texts.empty() ? "" : "; ") + card.choices[index].text;
          }
          given += " (" + texts + ")";
        }
        lines.push_back(fmt::format("    Your answer: {}", given));
        lines.push_back(fmt::format("    Right answer: {}", missed.grade.expected));
        if (!missed.why.empty()) lines.push_back(fmt::format("    Why not: {}", missed.why));
        if (!card.explain.empty())
          lines.push_back(fmt::format("    Explanation: {}", card.explain));
        if (!card.source.empty()) lines.push_back(fmt::format("    Source: {}", card.source));
      }
    }
    return lines;
  }
  lines.push_back(fmt::format(
      "Done: {} answered, {} right, {} wrong{}.", summary.answered, summary.correct,
      summary.answered - summary.correct,
      summary.skipped > 0 ? fmt::format(", {} skipped", summary.skipped) : std::string()));
  if (summary.mode == Mode::kDrill && next_due) {
    lines.push_back(fmt::format("Next card due: {}.", core::format_local_time(*next_due)));
  }
  return lines;
}

std::string nothing_to_do_text(Mode mode, std::optional<std::int64_t> next_due, bool ahead) {
  if (mode != Mode::kDrill) return "No cards match.";
  if (!next_due) return "Nothing due, and no new cards left.";
  return fmt::format("Nothing due. The next card is due {}.{}", core::format_local_time(*next_due),
                     ahead ? "" : " Use --ahead to review the cards due soonest now.");
}

}  // namespace quizdeck::session
