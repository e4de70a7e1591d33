// SPDX-License-Identifier: MIT
#include "cli/terminal_front_end.h"

#include <unistd.h>

#include <chrono>

#include <fmt/format.h>

#include "core/time.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "session/session_text.h"

namespace quizdeck::cli {
namespace {

using session::Action;

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string clock_text(std::int64_t ms) {
  const std::int64_t seconds = std::max<std::int64_t>(0, ms / 1000);
  return fmt::format("{:02}:{:02}", seconds / 60, seconds % 60);
}

Action make(Action::Kind kind) {
  Action action;
  action.kind = kind;
  return action;
}

bool is_char(const term::Key& key, std::string_view text) {
  return key.kind == term::Key::Kind::kChar && key.text == text;
}

// The keys that act on the card rather than answer it (when nothing is typed yet).
std::optional<Action::Kind> card_key(const term::Key& key) {
  if (key.kind != term::Key::Kind::kChar) return std::nullopt;
  if (key.text == "?") return Action::Kind::kHint;
  if (key.text == "s") return Action::Kind::kSkip;
  if (key.text == "u") return Action::Kind::kUndo;
  if (key.text == "@") return Action::Kind::kSuspend;
  if (key.text == "!") return Action::Kind::kBury;
  if (key.text == "*") return Action::Kind::kFlag;
  return std::nullopt;
}

}  // namespace

TerminalFrontEnd::TerminalFrontEnd(std::ostream& out, const std::string& color, bool feedback,
                                   bool ahead, session::SessionClock& clock)
    : out_(out),
      style_{term::use_color(color, STDOUT_FILENO)},
      feedback_(feedback),
      ahead_(ahead),
      clock_(clock) {}

void TerminalFrontEnd::print(const std::string& text) {
  out_ << text;
  out_.flush();
}

void TerminalFrontEnd::line(const std::string& text) {
  print(text + "\r\n");
}

void TerminalFrontEnd::paragraph(const std::string& text, const std::string& indent,
                                 const std::function<std::string(std::string_view)>& paint) {
  for (std::size_t start = 0; start <= text.size();) {
    const auto end = text.find('\n', start);
    // Deck text is shown, never obeyed: control characters become visible here.
    const std::string piece = core::visible(
        std::string_view(text).substr(start, end == std::string::npos ? end : end - start),
        core::Lines::kShow);
    for (const auto& wrapped : term::wrap(piece, term::terminal_width() - 1, indent)) {
      line(paint ? paint(wrapped) : wrapped);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

void TerminalFrontEnd::nothing_to_do(session::Mode mode, std::optional<std::int64_t> next_due) {
  line(session::nothing_to_do_text(mode, next_due, ahead_));
}

void TerminalFrontEnd::question(const session::Question& question,
                                const session::Session& session) {
  const deck::Card& card = *question.card;
  session_ = &session;
  deadline_ = session.deadline();
  // Without feedback (an exam) nothing tells right from wrong before the end.
  std::string progress = fmt::format("{}/{}", question.number, question.total);
  if (feedback_) progress += fmt::format("  {} wrong", session.wrong_so_far());
  if (session.mode() == session::Mode::kDrill) {
    progress += fmt::format("  due {}", session.due_left());
  }
  if (deadline_) progress += "  " + clock_text(*deadline_ - clock_.now()) + " left";
  line();
  line(style_.dim(progress + "  ·  " + question.deck->id + (question.repeat ? " · again" : "")));
  paragraph(card.prompt, "", [&](std::string_view text) { return style_.bold(text); });
  for (std::size_t i = 0; i < question.order.size(); ++i) {
    const std::string letter = grade::choice_letter(i) + ") ";
    paragraph("  " + letter + card.choices[question.order[i]].text,
              std::string(2 + core::display_width(letter), ' '));
  }
  // An exam only flags: it asks what it planned.
  line(style_.dim(session::answer_hint(question) +
                  (session.mode() == session::Mode::kExam
                       ? "   ? hint  s skip  u undo  * flag  q quit"
                       : "   ? hint  s skip  u undo  @ suspend  ! bury  * flag  q quit")));
  asked_ = steady_ms();
}

// A flash card: Enter shows the back, then a key rates it; q, s, u and the card keys
// (@ suspend, ! bury, * flag) work at the front.
Action TerminalFrontEnd::read_flash(const session::Question& question) {
  print("\r\x1b[K" + style_.dim("press Enter to show the back") + " ");
  term::Key key = term::read_key(-1);
  while (key.kind == term::Key::Kind::kChar && key.text != "q" && !card_key(key)) {
    key = term::read_key(-1);
  }
  if (key.kind == term::Key::Kind::kInterrupt) return make(Action::Kind::kInterrupt);
  if (key.kind == term::Key::Kind::kEnd || is_char(key, "q")) return make(Action::Kind::kQuit);
  if (const auto kind = card_key(key); kind && *kind != Action::Kind::kHint) {
    line();
    return make(*kind);
  }
  line();
  paragraph("Back: " + question.card->back, "      ");
  print(style_.dim("rate it: 1 again  2 hard  3 good  4 easy   s skip  u undo  q quit") + " ");
  term::Key rating = term::read_key(-1);
  while (!(rating.kind == term::Key::Kind::kEnd || rating.kind == term::Key::Kind::kInterrupt ||
           is_char(rating, "q") || is_char(rating, "s") || is_char(rating, "u") ||
           (rating.kind == term::Key::Kind::kChar && rating.text >= "1" && rating.text <= "4"))) {
    rating = term::read_key(-1);
  }
  if (rating.kind == term::Key::Kind::kEnd || rating.kind == term::Key::Kind::kInterrupt ||
      is_char(rating, "q")) {
    line();
    return make(rating.kind == term::Key::Kind::kInterrupt ? Action::Kind::kInterrupt
                                                           : Action::Kind::kQuit);
  }
  // The footer's keys work at the back too.
  if (is_char(rating, "s") || is_char(rating, "u")) {
    line();
    return make(is_char(rating, "s") ? Action::Kind::kSkip : Action::Kind::kUndo);
  }
  line(rating.text);
  Action action = make(Action::Kind::kAnswer);
  action.rating = core::parse_rating(rating.text);
  action.response_ms = steady_ms() - asked_;
  return action;
}

// One key for choices and true/false, a line otherwise. Command keys (? s u q) work when
// nothing has been typed yet.
Action TerminalFrontEnd::read_answer(const session::Question& question) {
  const auto type = question.card->type;
  const bool one_key = type == deck::CardType::kChoice || type == deck::CardType::kTrueFalse;
  std::string typed;
  const auto prompt = [&] {
    std::string status;
    if (deadline_) status = style_.dim("[" + clock_text(*deadline_ - clock_.now()) + " left] ");
    print("\r\x1b[K" + status + "> " + core::visible(typed, core::Lines::kShow));
  };
  const auto answer = [&](std::string text) {
    Action action = make(Action::Kind::kAnswer);
    action.text = std::move(text);
    action.response_ms = steady_ms() - asked_;
    return action;
  };
  prompt();
  while (true) {
    const term::Key key = term::read_key(deadline_ ? 1000 : -1);
    if (deadline_ && clock_.now() >= *deadline_) return make(Action::Kind::kTimeUp);
    if (key.kind == term::Key::Kind::kTimeout) {
      prompt();
      continue;
    }
    if (key.kind == term::Key::Kind::kEnd || key.kind == term::Key::Kind::kInterrupt) {
      line();
      return make(key.kind == term::Key::Kind::kInterrupt ? Action::Kind::kInterrupt
                                                          : Action::Kind::kQuit);
    }
    if (key.kind == term::Key::Kind::kBackspace) {
      if (!typed.empty()) {
        std::size_t start = typed.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(typed[start]) & 0xC0) == 0x80) --start;
        typed.erase(start);
        prompt();
      }
      continue;
    }
    if (key.kind == term::Key::Kind::kEnter) {
      if (typed.empty()) continue;
      line();
      return answer(typed);
    }
    if (key.kind != term::Key::Kind::kChar) continue;
    if (typed.empty()) {
      if (const auto kind = card_key(key)) {
        if (*kind != Action::Kind::kHint) line();
        return make(*kind);
      }
      if (key.text == "q") {
        line();
        return make(Action::Kind::kQuit);
      }
    }
    if (one_key) {
      line(key.text);
      return answer(key.text);
    }
    typed += key.text;
    prompt();
  }
}

Action TerminalFrontEnd::act(const session::Question& question) {
  if (question.card->type == deck::CardType::kFlash) return read_flash(question);
  return read_answer(question);
}

void TerminalFrontEnd::hint(const session::Question& question) {
  const std::string& hint = question.card->hint;
  line();
  paragraph(hint.empty() ? "No hint for this card." : "Hint: " + hint, "      ",
            [&](std::string_view text) { return style_.cyan(text); });
}

void TerminalFrontEnd::invalid(const session::Question&, const std::string& problem) {
  line(style_.yellow("Not an answer: " + problem));
}

void TerminalFrontEnd::result(const session::Result& result, bool skipped) {
  if (skipped) {
    line();
    line(style_.dim("Skipped."));
    return;
  }
  if (!result.counted) {
    line(style_.yellow("Too late: time was up, this answer does not count."));
    return;
  }
  if (!feedback_) {
    line(style_.dim("Recorded."));
    return;
  }
  const bool flash = result.question.card->type == deck::CardType::kFlash;
  const auto lines = session::feedback_lines(result);
  // A flash card's back was shown before it was rated: not again.
  for (std::size_t i = flash ? 1 : 0; i < lines.size(); ++i) {
    const bool first = i == 0 && !flash;
    const auto paint = [&](std::string_view text) {
      if (!first) return std::string(text);
      return result.grade.verdict == grade::Verdict::kRight    ? style_.green(text)
             : result.grade.verdict == grade::Verdict::kAlmost ? style_.yellow(text)
                                                               : style_.red(text);
    };
    paragraph(lines[i], "  ", paint);
  }
}

Action TerminalFrontEnd::after_result(const session::Result& result) {
  if (!feedback_ || result.question.card->type == deck::CardType::kFlash) {
    return make(Action::Kind::kGoOn);
  }
  // The rating keys say what each would do, as Anki's buttons do.
  std::string keys = "1-4 to change the rating";
  if (const auto due = session_->rating_preview(); due && session_->last_answer_time()) {
    keys = session::rating_keys_text(*due, *session_->last_answer_time());
  }
  print(style_.dim(keys + ", any other key to go on") + " ");
  const term::Key key = term::read_key(-1);
  line();
  if (key.kind == term::Key::Kind::kInterrupt) return make(Action::Kind::kInterrupt);
  if (key.kind == term::Key::Kind::kEnd || is_char(key, "q")) return make(Action::Kind::kQuit);
  if (key.kind == term::Key::Kind::kChar && key.text >= "1" && key.text <= "4") {
    Action action = make(Action::Kind::kRate);
    action.rating = core::parse_rating(key.text);
    return action;
  }
  return make(Action::Kind::kGoOn);
}

void TerminalFrontEnd::rerated(const session::Result& result) {
  line(style_.dim(fmt::format("Rating: {}. Next due: {}.", core::rating_name(result.rating),
                              core::format_local_time(result.due_ms.value_or(0)))));
}

void TerminalFrontEnd::undone(bool done) {
  line();
  line(done ? style_.yellow("Took back the last answer.") : style_.dim("Nothing to undo."));
}

void TerminalFrontEnd::marked(const session::Question& question, const session::Marked& marked) {
  line(marked.done ? style_.yellow(session::marked_text(question, marked))
                   : style_.dim(session::marked_text(question, marked)));
}

void TerminalFrontEnd::time_up() {
  line();  // the summary says "Time is up." once
}

void TerminalFrontEnd::summary(const session::Summary& summary,
                               std::optional<std::int64_t> next_due) {
  line();
  for (const auto& text : session::summary_lines(summary, next_due)) paragraph(text, "    ");
}

}  // namespace quizdeck::cli
