// SPDX-License-Identifier: MIT
// The terminal: raw key input (restored on exit, Ctrl-C, a closed terminal), its width,
// colours (NO_COLOR, --color), and wrapping by display width (CJK and emoji take two cells).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::term {

// Puts the terminal in raw (non-canonical, no echo) mode while it lives; restores it when
// destroyed and on SIGINT, SIGTERM, SIGHUP and SIGQUIT (then exits with 128 + signal).
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
  enum class Kind { kChar, kEnter, kBackspace, kEscape, kEnd, kTimeout, kInterrupt };
  Kind kind = Kind::kChar;
  std::string text;  // kChar: the character
};

// Waits up to `timeout_ms` (negative: forever) for a key on standard input.
Key read_key(int timeout_ms);

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
