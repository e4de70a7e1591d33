// SPDX-License-Identifier: MIT
// Typed answers are edited with libedit (emacs keys): Left/Right, Home/End, Ctrl-A/E/B/F,
// Ctrl-W, Ctrl-U, Ctrl-K, Alt-B/F, Backspace and Delete over UTF-8 and wide characters,
// Up/Down over the answers typed earlier in the session, a prompt that wraps with the
// line. Ctrl-C, Ctrl-Z, a closed terminal, a continued process and a clock running out
// end the edit with their own outcome, so the caller decides what each means.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace quizdeck::term {

class LineEditor {
 public:
  // Edits lines read from the terminal `in` and drawn on `out` (standard input and output).
  explicit LineEditor(int in = 0, int out = 1);
  ~LineEditor();
  LineEditor(const LineEditor&) = delete;
  LineEditor& operator=(const LineEditor&) = delete;

  struct Read {
    enum class Kind {
      kLine,       // Enter: `text` is the line
      kKey,        // an instant key on an empty line: `text` is the key
      kEnd,        // Ctrl-D on an empty line, or the end of input
      kInterrupt,  // Ctrl-C
      kSuspend,    // Ctrl-Z: `text` is what was typed, to be put back
      kRedraw,     // the process was continued or the window resized: `text` as above
      kHangup,     // the terminal was closed
      kTimeUp,     // `time_up` said so
    };
    Kind kind = Kind::kEnd;
    std::string text;
  };

  struct Options {
    // The prompt, asked again at each redraw (it may show a clock). Escape sequences in it
    // must be enclosed in '\1' characters so they take no width.
    std::function<std::string()> prompt;
    std::string initial;  // typed for the learner first (a line put back after Ctrl-Z)
    std::string instant;  // keys that act at once on an empty line ("?")
    int tick_ms = -1;     // how often to redraw the prompt and ask `time_up`; -1 never
    std::function<bool()> time_up;
  };

  // Reads one line.
  Read read(const Options& options);
  // Adds a line to the history that Up and Down walk through.
  void remember(const std::string& line);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace quizdeck::term
