// SPDX-License-Identifier: MIT
#include "cli/study/terminal_front_end.h"

#include <unistd.h>

#include <chrono>

#include <fmt/format.h>

#include "cli/files/media_file.h"
#include "core/time.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "session/script.h"
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

// Cards answered in words: letters typed first are the answer, not command keys.
bool in_words(const deck::Card& card) {
  return card.type == deck::CardType::kShort || card.type == deck::CardType::kCloze;
}

// libedit measures a prompt by its characters: escape sequences (colour) are marked as
// taking no width by enclosing them in '\1'.
std::string mark_escapes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b') {
      out += text[i];
      continue;
    }
    const std::size_t end = text.find('m', i);
    const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
    out += '\1';
    out += text.substr(i, stop - i);
    out += '\1';
    i = stop - 1;
  }
  return out;
}

}  // namespace

TerminalFrontEnd::TerminalFrontEnd(std::ostream& out, const std::string& color, bool feedback,
                                   bool ahead, session::SessionClock& clock, bool images,
                                   std::string audio_command)
    : out_(out),
      style_{term::use_color(color, STDOUT_FILENO)},
      feedback_(feedback),
      ahead_(ahead),
      clock_(clock),
      images_(images),
      audio_command_(std::move(audio_command)) {
  if (images_) image_mode_ = term::detect_image_mode();
}

void TerminalFrontEnd::show_image(const deck::Deck& deck, const deck::Media& image, int rows) {
  if (image.path.empty()) return;
  const auto named = [&](std::string_view why) {
    line(style_.dim(fmt::format("[image: {}{}]", core::visible(image.path), why)));
  };
  if (!images_) return named("");
  const auto file = media_file(deck.path, image.path);
  if (!file) return named(" " + file.error().message());
  const int columns = std::min(60, term::terminal_width() - 2);
  auto drawn = term::render_image(*file, columns, rows, image_mode_);
  if (!drawn) return named(": " + drawn.error().message());
  // Raw mode: each row starts at the left edge.
  std::string rows_text;
  for (const char c : *drawn) {
    if (c == '\n') rows_text += '\r';
    rows_text += c;
  }
  print(rows_text);
}

void TerminalFrontEnd::print(const std::string& text) {
  if (hung_up_) return;
  out_ << text;
  out_.flush();
  screen_ += prompt_;  // what follows a prompt stays under it
  prompt_.clear();
  screen_ += text;
}

void TerminalFrontEnd::prompt(const std::string& text) {
  if (hung_up_) return;
  prompt_ = text;
  out_ << "\r\x1b[K" << text;
  out_.flush();
}

void TerminalFrontEnd::redraw() {
  if (hung_up_) return;
  out_ << "\x1b[H\x1b[2J" << screen_ << prompt_;
  out_.flush();
}

term::Key TerminalFrontEnd::next_key(int timeout_ms) {
  while (true) {
    term::Key key = term::read_key(timeout_ms);
    if (key.kind == term::Key::Kind::kSuspend) {
      term::suspend();
      term::take_continued();
      key.kind = term::Key::Kind::kRedraw;
    }
    if (key.kind == term::Key::Kind::kRedraw) {
      redraw();
      continue;
    }
    if (key.kind == term::Key::Kind::kHangup) {
      hung_up_ = true;
      key.kind = term::Key::Kind::kEnd;
    }
    return key;
  }
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
  screen_.clear();
  prompt_.clear();
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
  show_image(*question.deck, card.image, 12);
  if (!card.audio.path.empty()) {
    const auto file = media_file(question.deck->path, card.audio.path);
    if (file && !audio_command_.empty()) play_media(audio_command_, *file);
    line(style_.dim(fmt::format("[audio: {}{}]", core::visible(card.audio.path),
                                !file                    ? " " + file.error().message()
                                : audio_command_.empty() ? " (set audio-command to play it)"
                                                         : "")));
  }
  for (std::size_t i = 0; i < card.pairs.size(); ++i) {
    const std::string number = fmt::format("{}. ", i + 1);
    paragraph("  " + number + card.pairs[i].prompt,
              std::string(2 + core::display_width(number), ' '));
  }
  if (!card.pairs.empty()) line(style_.dim("  Answers:"));
  for (std::size_t i = 0; i < question.order.size(); ++i) {
    const std::string letter = grade::choice_letter(i) + ") ";
    const deck::Choice& choice = card.choices[question.order[i]];
    paragraph("  " + letter + choice.text, std::string(2 + core::display_width(letter), ' '));
    show_image(*question.deck, choice.image, 6);
  }
  // An exam only flags: it asks what it planned. Answers in words take the commands as
  // lines (":skip"), so that "salt" is an answer, not a skip.
  const bool exam = session.mode() == session::Mode::kExam;
  const bool words = in_words(card);
  const std::string footer =
      session::answer_hint(question) +
      (words ? (exam ? "   ? hint  :skip  :undo  :flag  :quit"
                     : "   ? hint  :skip  :undo  :suspend  :bury  :flag  :quit")
             : (exam ? "   ? hint  s skip  u undo  * flag  q quit"
                     : "   ? hint  s skip  u undo  @ suspend  ! bury  * flag  q quit"));
  // Spaced out on one line when it fits, wrapped at single spaces when not.
  if (core::display_width(footer) <= static_cast<std::size_t>(term::terminal_width())) {
    line(style_.dim(footer));
  } else {
    paragraph(footer, "", [&](std::string_view text) { return style_.dim(text); });
  }
  asked_ = steady_ms();
}

// A flash card: Enter shows the back, then a key rates it; q, s, u and the card keys
// (@ suspend, ! bury, * flag) work at the front.
Action TerminalFrontEnd::read_flash(const session::Question& question) {
  prompt(style_.dim("press Enter to show the back") + " ");
  term::Key key = next_key(-1);
  while (key.kind == term::Key::Kind::kChar && key.text != "q" && !card_key(key)) {
    key = next_key(-1);
  }
  if (key.kind == term::Key::Kind::kInterrupt) return make(Action::Kind::kInterrupt);
  if (key.kind == term::Key::Kind::kEnd || is_char(key, "q")) return make(Action::Kind::kQuit);
  if (const auto kind = card_key(key); kind && *kind != Action::Kind::kHint) {
    line();
    return make(*kind);
  }
  line();
  paragraph("Back: " + question.card->back, "      ");
  // The keys say what each rating would do, as after any other answer.
  std::string keys = "1 again  2 hard  3 good  4 easy";
  if (const auto due = session_->rating_preview(question, clock_.now())) {
    keys = session::rating_keys_text(*due, clock_.now());
  }
  prompt(style_.dim("rate it: " + keys + "   s skip  u undo  q quit") + " ");
  term::Key rating = next_key(-1);
  while (!(rating.kind == term::Key::Kind::kEnd || rating.kind == term::Key::Kind::kInterrupt ||
           is_char(rating, "q") || is_char(rating, "s") || is_char(rating, "u") ||
           (rating.kind == term::Key::Kind::kChar && rating.text >= "1" && rating.text <= "4"))) {
    rating = next_key(-1);
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

// Choices and true/false: one key answers; the card keys act at once.
Action TerminalFrontEnd::read_key_answer(const session::Question&) {
  const auto show = [&] {
    std::string status;
    if (deadline_) status = style_.dim("[" + clock_text(*deadline_ - clock_.now()) + " left] ");
    prompt(status + "> ");
  };
  show();
  while (true) {
    const term::Key key = next_key(deadline_ ? 1000 : -1);
    if (deadline_ && clock_.now() >= *deadline_) return make(Action::Kind::kTimeUp);
    if (key.kind == term::Key::Kind::kTimeout) {
      show();
      continue;
    }
    if (key.kind == term::Key::Kind::kEnd || key.kind == term::Key::Kind::kInterrupt) {
      line();
      return make(key.kind == term::Key::Kind::kInterrupt ? Action::Kind::kInterrupt
                                                          : Action::Kind::kQuit);
    }
    if (key.kind != term::Key::Kind::kChar) continue;
    if (const auto kind = card_key(key)) {
      if (*kind != Action::Kind::kHint) line();
      return make(*kind);
    }
    if (key.text == "q") {
      line();
      return make(Action::Kind::kQuit);
    }
    line(core::visible(key.text, core::Lines::kShow));
    Action action = make(Action::Kind::kAnswer);
    action.text = key.text;
    action.response_ms = steady_ms() - asked_;
    return action;
  }
}

// A typed line as the session takes it; the time it took is measured here.
Action TerminalFrontEnd::line_action(std::string text) {
  if (core::find_control(text) == std::nullopt) editor_.remember(text);
  Action action = session::typed_line(std::move(text), feedback_);
  if (action.kind == Action::Kind::kAnswer) action.response_ms = steady_ms() - asked_;
  return action;
}

// Everything else is typed on a line edited like a shell's. Answers given in numbers or
// letters keep the card keys on an empty line; answers in words keep only '?'.
Action TerminalFrontEnd::read_line_answer(const session::Question& question) {
  const auto status = [&] {
    return deadline_ ? "[" + clock_text(*deadline_ - clock_.now()) + " left] " : std::string();
  };
  term::LineEditor::Options options;
  options.instant = in_words(*question.card) ? "?" : "?su@!*q";
  options.tick_ms = deadline_ ? 1000 : -1;
  options.time_up = [&] { return deadline_ && clock_.now() >= *deadline_; };
  options.prompt = [&] {
    const std::string shown = status();
    return (shown.empty() ? "" : mark_escapes(style_.dim(shown))) + "> ";
  };
  using Read = term::LineEditor::Read;
  while (!hung_up_) {
    const Read read = editor_.read(options);
    options.initial.clear();
    switch (read.kind) {
      case Read::Kind::kLine:
        screen_ += status() + "> " + core::visible(read.text, core::Lines::kShow) + "\r\n";
        if (read.text.empty()) continue;
        return line_action(read.text);
      case Read::Kind::kKey: {
        screen_ += status() + "> ";
        term::Key key;
        key.text = read.text;
        const auto kind = read.text == "q" ? Action::Kind::kQuit : card_key(key).value();
        if (kind != Action::Kind::kHint) line();
        return make(kind);
      }
      case Read::Kind::kEnd:
        line();
        return make(Action::Kind::kQuit);
      case Read::Kind::kHangup:
        hung_up_ = true;
        return make(Action::Kind::kQuit);
      case Read::Kind::kInterrupt:
        line();
        return make(Action::Kind::kInterrupt);
      case Read::Kind::kTimeUp:
        return make(Action::Kind::kTimeUp);
      case Read::Kind::kSuspend:
        term::suspend();
        term::take_continued();
        [[fallthrough]];
      case Read::Kind::kRedraw:
        redraw();
        options.initial = read.text;
        continue;
    }
  }
  return make(Action::Kind::kQuit);
}

Action TerminalFrontEnd::act(const session::Question& question) {
  switch (question.card->type) {
    case deck::CardType::kFlash:
      return read_flash(question);
    case deck::CardType::kChoice:
    case deck::CardType::kTrueFalse:
      return read_key_answer(question);
    default:
      return read_line_answer(question);
  }
}

void TerminalFrontEnd::hint(const session::Question& question) {
  const std::string& hint = question.card->hint;
  line();
  paragraph(hint.empty() ? "No hint for this card." : "Hint: " + hint, "      ",
            [&](std::string_view text) { return style_.cyan(text); });
}

void TerminalFrontEnd::invalid(const session::Question&, const std::string& problem) {
  paragraph("Not an answer: " + problem, "  ",
            [&](std::string_view text) { return style_.yellow(text); });
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
  prompt(style_.dim(keys + ", any other key to go on") + " ");
  const term::Key key = next_key(-1);
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
  line(style_.dim(session::rating_line(result)));
}

void TerminalFrontEnd::undone(const std::optional<session::Session::UndoTarget>& taken) {
  line();
  line(taken ? style_.yellow(session::undone_text(taken))
             : style_.dim(session::undone_text(taken)));
}

void TerminalFrontEnd::marked(const session::Question& question, const session::Marked& marked) {
  line(marked.done ? style_.yellow(session::marked_text(question, marked))
                   : style_.dim(session::marked_text(question, marked)));
}

void TerminalFrontEnd::start(const session::Session& session, std::int64_t now) {
  (void)now;
  if (session.mode() != session::Mode::kExam) return;
  paragraph(session::exam_intro(session), "",
            [&](std::string_view text) { return style_.bold(std::string(text)); });
  line();
}

void TerminalFrontEnd::time_up() {
  line();  // the summary says "Time is up." once
}

void TerminalFrontEnd::summary(const session::Summary& summary,
                               std::optional<std::int64_t> next_due) {
  line();
  for (const auto& text : session::summary_lines(summary, next_due, resume_command_)) {
    paragraph(text, "    ");
  }
}

}  // namespace quizdeck::cli
