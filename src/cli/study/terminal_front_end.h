// SPDX-License-Identifier: MIT
// The interactive front end: the question with lettered choices and a progress line
// ("12/40  3 wrong  due 28  08:41 left"), single keys for choices, line editing for typed
// answers, ? hint, s skip, u undo, q quit, 1-4 to change the proposed rating. The terminal
// is in raw mode while it lives.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "session/driver.h"
#include "term/image.h"
#include "term/line_editor.h"
#include "term/terminal.h"

namespace quizdeck::cli {

class TerminalFrontEnd : public session::FrontEnd {
 public:
  // `images`: draw cards' images (chafa); `audio_command`: the command that plays a card's
  // sound (empty: the sound is named, not played).
  TerminalFrontEnd(std::ostream& out, const std::string& color, bool feedback, bool ahead,
                   session::SessionClock& clock, bool images = true,
                   std::string audio_command = {});

  // What continues an exam left unfinished, as the learner can paste it.
  void set_resume_command(std::string command) { resume_command_ = std::move(command); }

  void start(const session::Session& session, std::int64_t now) override;
  void nothing_to_do(session::Mode mode, std::optional<std::int64_t> next_due) override;
  void question(const session::Question& question, const session::Session& session) override;
  session::Action act(const session::Question& question) override;
  void hint(const session::Question& question) override;
  void invalid(const session::Question& question, const std::string& problem) override;
  void result(const session::Result& result, bool skipped) override;
  session::Action after_result(const session::Result& result) override;
  void rerated(const session::Result& result) override;
  void undone(const std::optional<session::Session::UndoTarget>& taken) override;
  void marked(const session::Question& question, const session::Marked& marked) override;
  void time_up() override;
  void summary(const session::Summary& summary, std::optional<std::int64_t> next_due) override;

 private:
  void print(const std::string& text);
  void line(const std::string& text = "");
  // Wrapped to the terminal width, continuation lines indented, each line painted.
  void paragraph(const std::string& text, const std::string& indent = "",
                 const std::function<std::string(std::string_view)>& paint = nullptr);
  session::Action read_flash(const session::Question& question);
  session::Action read_key_answer(const session::Question& question);
  session::Action read_line_answer(const session::Question& question);
  session::Action line_action(std::string text);
  // Shows a prompt on the current line (shown again by a redraw until something follows).
  void prompt(const std::string& text);
  // The next key; Ctrl-Z stops the process, and after `fg` (or any continue) the card is
  // shown again. A closed terminal reads as the end of input, and nothing more is shown.
  term::Key next_key(int timeout_ms);
  // Clears the screen and shows again what was shown since the question.
  void redraw();
  // A card's image (or a line saying why it cannot be shown), `rows` high at most.
  void show_image(const deck::Deck& deck, const deck::Media& image, int rows);

  // libedit sets the terminal up when it starts: before raw mode, which must win.
  term::LineEditor editor_;
  term::RawMode raw_;
  std::ostream& out_;
  term::Style style_;
  bool feedback_;
  bool ahead_;
  session::SessionClock& clock_;
  std::optional<std::int64_t> deadline_;
  const session::Session* session_ = nullptr;  // the session of the question shown
  std::string resume_command_;
  std::int64_t asked_ = 0;  // steady clock when the question was shown
  std::string screen_;      // what was shown since the question
  std::string prompt_;      // the prompt on the last line
  bool hung_up_ = false;    // the terminal is gone: show nothing more
  bool images_;
  term::ImageMode image_mode_ = term::ImageMode::kSymbols;
  std::string audio_command_;
};

}  // namespace quizdeck::cli
