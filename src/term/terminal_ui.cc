// SPDX-License-Identifier: MIT
#include "term/terminal_ui.h"

#include <unistd.h>

#include <chrono>

#include <fmt/format.h>

#include "core/time.h"
#include "core/utf8.h"
#include "schedule/fsrs.h"
#include "session/session_text.h"
#include "term/terminal.h"

namespace quizdeck::term {
namespace {

std::int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string clock_text(std::int64_t ms) {
  const std::int64_t seconds = std::max<std::int64_t>(0, ms / 1000);
  return fmt::format("{:02}:{:02}", seconds / 60, seconds % 60);
}

class Screen {
 public:
  Screen(std::ostream& out, Style style) : out_(out), style_(style) {}

  void print(const std::string& text) {
    out_ << text;
    out_.flush();
  }
  void line(const std::string& text = "") { print(text + "\r\n"); }
  // Wrapped to the terminal width, continuation lines indented.
  void paragraph(const std::string& text, const std::string& indent = "",
                 const std::function<std::string(std::string_view)>& paint = nullptr) {
    for (std::size_t start = 0; start <= text.size();) {
      const auto end = text.find('\n', start);
      const std::string piece = text.substr(start, end == std::string::npos ? end : end - start);
      for (const auto& wrapped : wrap(piece, terminal_width() - 1, indent)) {
        line(paint ? paint(wrapped) : wrapped);
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  const Style& style() const { return style_; }

 private:
  std::ostream& out_;
  Style style_;
};

enum class Command { kAnswer, kHint, kSkip, kUndo, kQuit, kTimeUp };

struct Input {
  Command command = Command::kAnswer;
  std::string text;
};

// Reads an answer: one key for choices and true/false, a line otherwise. Command keys
// (? s u q) work when nothing has been typed yet.
Input read_answer(Screen& screen, const session::Question& question,
                  const std::optional<std::int64_t>& deadline,
                  const std::function<std::int64_t()>& now) {
  const auto type = question.card->type;
  const bool one_key = type == deck::CardType::kChoice || type == deck::CardType::kTrueFalse;
  std::string typed;
  const auto prompt = [&] {
    std::string status;
    if (deadline) status = screen.style().dim("[" + clock_text(*deadline - now()) + " left] ");
    screen.print("\r\x1b[K" + status + "> " + typed);
  };
  prompt();
  while (true) {
    const Key key = read_key(deadline ? 1000 : -1);
    if (deadline && now() >= *deadline) return {Command::kTimeUp, {}};
    if (key.kind == Key::Kind::kTimeout) {
      prompt();
      continue;
    }
    if (key.kind == Key::Kind::kEnd) return {Command::kQuit, {}};
    if (key.kind == Key::Kind::kBackspace) {
      if (!typed.empty()) {
        std::size_t start = typed.size() - 1;
        while (start > 0 && (static_cast<unsigned char>(typed[start]) & 0xC0) == 0x80) --start;
        typed.erase(start);
        prompt();
      }
      continue;
    }
    if (key.kind == Key::Kind::kEnter) {
      if (typed.empty()) continue;
      screen.line();
      return {Command::kAnswer, typed};
    }
    if (key.kind != Key::Kind::kChar) continue;
    if (typed.empty()) {
      if (key.text == "?") return {Command::kHint, {}};
      if (key.text == "s") return {Command::kSkip, {}};
      if (key.text == "u") return {Command::kUndo, {}};
      if (key.text == "q") return {Command::kQuit, {}};
    }
    if (one_key) {
      screen.line(key.text);
      return {Command::kAnswer, key.text};
    }
    typed += key.text;
    prompt();
  }
}

}  // namespace

ExitCode run_terminal_session(session::Session& session, session::Mode mode,
                              const std::string& color, const std::function<std::int64_t()>& now,
                              std::ostream& out) {
  RawMode raw;
  Screen screen(out, Style{use_color(color, STDOUT_FILENO)});
  const Style& style = screen.style();
  if (session.planned() == 0) {
    screen.line(session::nothing_to_do_text(mode, session.next_due(now()), false));
    session.finish(now());
    return ExitCode::kOk;
  }
  const bool feedback = mode != session::Mode::kExam;
  bool quit = false;
  while (!quit) {
    const auto question = session.next(now());
    if (!question) break;
    const deck::Card& card = *question->card;
    std::string progress =
        fmt::format("{}/{}  {} wrong", question->number, question->total, session.wrong_so_far());
    if (mode == session::Mode::kDrill) progress += fmt::format("  due {}", session.due_left());
    if (session.deadline()) progress += "  " + clock_text(*session.deadline() - now()) + " left";
    screen.line();
    screen.line(
        style.dim(progress + "  ·  " + question->deck->id + (question->repeat ? " · again" : "")));
    screen.paragraph(card.prompt, "", [&](std::string_view text) { return style.bold(text); });
    for (std::size_t i = 0; i < question->order.size(); ++i) {
      const std::string letter = grade::choice_letter(i) + ") ";
      screen.paragraph("  " + letter + card.choices[question->order[i]].text,
                       std::string(2 + core::display_width(letter), ' '));
    }
    screen.line(style.dim(session::answer_hint(*question) + "   ? hint  s skip  u undo  q quit"));

    const std::int64_t asked = wall_ms();
    session::Answer answer;
    std::optional<session::Result> result;
    while (!result) {
      if (card.type == deck::CardType::kFlash) {
        screen.print("\r\x1b[K" + style.dim("press Enter to show the back") + " ");
        Key key = read_key(-1);
        while (key.kind == Key::Kind::kChar && key.text != "q" && key.text != "u" &&
               key.text != "s") {
          key = read_key(-1);
        }
        if (key.kind == Key::Kind::kEnd || (key.kind == Key::Kind::kChar && key.text == "q")) {
          quit = true;
          break;
        }
        screen.line();
        screen.paragraph("Back: " + card.back, "      ");
        screen.print(style.dim("rate it: 1 again  2 hard  3 good  4 easy") + " ");
        Key rating = read_key(-1);
        while (!(rating.kind == Key::Kind::kEnd ||
                 (rating.kind == Key::Kind::kChar && rating.text >= "1" && rating.text <= "4"))) {
          rating = read_key(-1);
        }
        if (rating.kind == Key::Kind::kEnd) {
          quit = true;
          break;
        }
        screen.line(rating.text);
        answer.rating = rating.text[0] - '0';
        answer.response_ms = wall_ms() - asked;
        result = session.answer(*question, answer, now());
        break;
      }
      const Input input = read_answer(screen, *question, session.deadline(), now);
      if (input.command == Command::kQuit) {
        screen.line();
        quit = true;
        break;
      }
      if (input.command == Command::kTimeUp) {
        screen.line();
        screen.line(style.yellow("Time is up."));
        quit = true;
        break;
      }
      if (input.command == Command::kHint) {
        answer.used_hint = true;
        screen.line();
        screen.paragraph(card.hint.empty() ? "No hint for this card." : "Hint: " + card.hint,
                         "      ", [&](std::string_view text) { return style.cyan(text); });
        continue;
      }
      if (input.command == Command::kSkip) {
        screen.line();
        answer.skip = true;
        result = session.answer(*question, answer, now());
        screen.line(style.dim("Skipped."));
        break;
      }
      if (input.command == Command::kUndo) {
        screen.line();
        if (session.can_undo()) {
          // This question goes back, and the undone card comes before it.
          session.requeue(*question);
          session.undo();
          screen.line(style.yellow("Took back the last answer."));
          result = session::Result{};
          result->question = *question;
          break;
        }
        screen.line(style.dim("Nothing to undo."));
        continue;
      }
      answer.text = input.text;
      answer.response_ms = wall_ms() - asked;
      session::Result attempt = session.answer(*question, answer, now());
      if (attempt.grade.verdict == grade::Verdict::kInvalid) {
        screen.line(style.yellow("Not an answer: " + attempt.grade.problem));
        continue;
      }
      result = attempt;
    }
    if (quit || !result || !result->review_id) continue;
    if (!result->counted) {
      screen.line(style.yellow("Too late: time was up, this answer does not count."));
      continue;
    }
    if (!feedback) {
      screen.line(style.dim("Recorded."));
      continue;
    }
    auto lines = session::feedback_lines(*result);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const bool first = i == 0 && card.type != deck::CardType::kFlash;
      const auto paint = [&](std::string_view text) {
        if (!first) return std::string(text);
        return result->grade.verdict == grade::Verdict::kRight    ? style.green(text)
               : result->grade.verdict == grade::Verdict::kAlmost ? style.yellow(text)
                                                                  : style.red(text);
      };
      screen.paragraph(lines[i], "  ", paint);
    }
    if (card.type != deck::CardType::kFlash && result->scheduled) {
      screen.print(style.dim("1-4 to change the rating, any other key to go on") + " ");
      const Key key = read_key(-1);
      screen.line();
      if (key.kind == Key::Kind::kEnd) {
        quit = true;
      } else if (key.kind == Key::Kind::kChar && key.text >= "1" && key.text <= "4" &&
                 key.text[0] - '0' != result->rating) {
        if (const auto changed = session.rerate(key.text[0] - '0', now())) {
          screen.line(style.dim(
              fmt::format("Rating: {}. Next due: {}.",
                          schedule::rating_name(static_cast<schedule::Rating>(changed->rating)),
                          core::format_local_time(changed->due_ms.value_or(0)))));
        }
      } else if (key.kind == Key::Kind::kChar && key.text == "q") {
        quit = true;
      }
    }
  }
  const session::Summary summary = session.finish(now());
  screen.line();
  for (const auto& line : session::summary_lines(summary, session.next_due(now()))) {
    screen.paragraph(line, "    ");
  }
  if (summary.passed && !*summary.passed) return ExitCode::kExamFailed;
  return ExitCode::kOk;
}

}  // namespace quizdeck::term
