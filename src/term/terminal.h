// SPDX-License-Identifier: MIT
// The terminal: raw key input (restored on exit, Ctrl-C, a closed terminal), its width,
// colours (NO_COLOR, --color), and wrapping by display width (CJK and emoji take two cells).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::term {

// Puts the terminal in raw (non-canonical, no echo, no signal keys) mode while it lives;
// restores it when destroyed and on SIGINT, SIGTERM and SIGQUIT (then exits with 128 +
// signal). While it lives, SIGTSTP puts the terminal back before the process stops and
// makes it raw again when it continues; SIGHUP (the terminal closed), SIGCONT and SIGWINCH
// are noted for the reader (hung_up, take_continued, take_resized).
class RawMode {
 public:
  RawMode();
  ~RawMode();
  RawMode(const RawMode&) = delete;
  RawMode& operator=(const RawMode&) = delete;
  bool active() const { return active_; }

 private:
  bool active_ = false;
};

// One key press: a UTF-8 character, or a named key.
struct Key {
  // kInterrupt: Ctrl-C, read raw (the session ends with its summary, exit 130).
  // kSuspend: Ctrl-Z, read raw. kRedraw: the process continued after a stop (the screen
  // may show anything). kHangup: the terminal was closed.
  enum class Kind {
    kChar,
    kEnter,
    kBackspace,
    kEscape,
    kEnd,
    kTimeout,
    kInterrupt,
    kSuspend,
    kRedraw,
    kHangup
  };
  Kind kind = Kind::kChar;
  std::string text;  // kChar: the character
};

// Waits up to `timeout_ms` (negative: forever) for a key on standard input.
Key read_key(int timeout_ms);

// Waits up to `timeout_ms` (negative: forever) until `fd` (standard input) can be read.
enum class Wait { kReady, kTimeout, kSignal, kError };
Wait wait_input(int timeout_ms, int fd = 0);

// Stops the process as Ctrl-Z does in a shell: the terminal as it was before, raw again
// after `fg`.
void suspend();
bool hung_up();         // the terminal was closed (SIGHUP)
bool take_continued();  // the process continued after a stop since last asked
bool take_resized();    // the window changed size since last asked

int terminal_width();  // columns, 80 when unknown

// Whether to colour: --color=always|never|auto (auto: a terminal, and NO_COLOR unset).
bool use_color(const std::string& setting, int fd);

struct Style {
  bool color = false;
  std::string bold(std::string_view text) const;
  std::string dim(std::string_view text) const;
  std::string green(std::string_view text) const;
  std::string red(std::string_view text) const;
  std::string yellow(std::string_view text) const;
  std::string cyan(std::string_view text) const;
};

// Splits text into lines of at most `width` display cells, breaking at spaces where it
// can; `indent` is put before continuation lines.
std::vector<std::string> wrap(std::string_view text, int width, std::string_view indent = "");

}  // namespace quizdeck::term
