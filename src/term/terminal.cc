// SPDX-License-Identifier: MIT
#include "term/terminal.h"

#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "core/utf8.h"

namespace quizdeck::term {
namespace {

termios g_saved;         // the terminal as found
termios g_raw_settings;  // the terminal as RawMode sets it
volatile sig_atomic_t g_raw = 0;
volatile sig_atomic_t g_hangup = 0;
volatile sig_atomic_t g_continued = 0;
volatile sig_atomic_t g_resized = 0;

void restore_terminal() {
  if (g_raw) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved);
    g_raw = 0;
  }
}

extern "C" void on_signal(int signal_number) {
  // Every answer is already in the store; only the terminal needs putting back.
  restore_terminal();
  const char newline = '\n';
  [[maybe_unused]] const auto written = ::write(STDOUT_FILENO, &newline, 1);
  ::_exit(128 + signal_number);
}

void handle(int signal_number, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  action.sa_flags = SA_RESTART;  // poll() still returns EINTR: the reader notices
  sigemptyset(&action.sa_mask);
  ::sigaction(signal_number, &action, nullptr);
}

extern "C" void on_continue(int) {
  const int saved_errno = errno;
  if (g_raw) ::tcsetattr(STDIN_FILENO, TCSADRAIN, &g_raw_settings);
  g_continued = 1;
  errno = saved_errno;
}

// Ctrl-Z (or kill -TSTP): the shell gets its terminal back, then the process stops.
extern "C" void on_stop(int) {
  const int saved_errno = errno;
  if (g_raw) ::tcsetattr(STDIN_FILENO, TCSADRAIN, &g_saved);
  handle(SIGTSTP, SIG_DFL);
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTSTP);
  ::sigprocmask(SIG_UNBLOCK, &stop, nullptr);
  ::raise(SIGTSTP);
  // Continued (on_continue has made the terminal raw again).
  handle(SIGTSTP, on_stop);
  errno = saved_errno;
}

extern "C" void on_hangup(int) {
  g_hangup = 1;
}

extern "C" void on_resize(int) {
  g_resized = 1;
}

}  // namespace

RawMode::RawMode() {
  if (::isatty(STDIN_FILENO) == 0 || ::tcgetattr(STDIN_FILENO, &g_saved) != 0) return;
  termios raw = g_saved;
  raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO | ISIG | IEXTEN));
  raw.c_iflag &= static_cast<tcflag_t>(~(IXON | ICRNL));
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  for (const int s : {SIGINT, SIGTERM, SIGQUIT}) ::sigaction(s, &action, nullptr);
  g_raw_settings = raw;
  if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0) {
    g_raw = 1;
    active_ = true;
    handle(SIGTSTP, on_stop);
    handle(SIGCONT, on_continue);
    handle(SIGHUP, on_hangup);
    handle(SIGWINCH, on_resize);
  }
}

RawMode::~RawMode() {
  restore_terminal();
  if (active_) {
    for (const int s : {SIGTSTP, SIGCONT, SIGHUP, SIGWINCH}) handle(s, SIG_DFL);
  }
}

Wait wait_input(int timeout_ms, int fd) {
  pollfd in{fd, POLLIN, 0};
  const int ready = ::poll(&in, 1, timeout_ms);
  if (ready > 0) return Wait::kReady;
  if (ready == 0) return Wait::kTimeout;
  return errno == EINTR ? Wait::kSignal : Wait::kError;
}

void suspend() {
  ::raise(SIGTSTP);
}

bool hung_up() {
  return g_hangup != 0;
}

bool take_continued() {
  const bool continued = g_continued != 0;
  g_continued = 0;
  return continued;
}

bool take_resized() {
  const bool resized = g_resized != 0;
  g_resized = 0;
  return resized;
}

Key read_key(int timeout_ms) {
  Key key;
  Wait wait = wait_input(timeout_ms);
  while (wait == Wait::kSignal) {
    if (hung_up()) {
      key.kind = Key::Kind::kHangup;
      return key;
    }
    if (take_continued()) {
      key.kind = Key::Kind::kRedraw;
      return key;
    }
    wait = wait_input(timeout_ms);
  }
  if (wait == Wait::kTimeout) {
    key.kind = Key::Kind::kTimeout;
    return key;
  }
  unsigned char first = 0;
  if (wait == Wait::kError || ::read(STDIN_FILENO, &first, 1) != 1) {
    key.kind = hung_up() ? Key::Kind::kHangup : Key::Kind::kEnd;  // the terminal is gone
    return key;
  }
  if (first == 3) {
    key.kind = Key::Kind::kInterrupt;  // Ctrl-C, read raw
    return key;
  }
  if (first == 26) {
    key.kind = Key::Kind::kSuspend;  // Ctrl-Z, read raw
    return key;
  }
  if (first == 4) {
    key.kind = Key::Kind::kEnd;
    return key;
  }
  if (first == '\r' || first == '\n') {
    key.kind = Key::Kind::kEnter;
    return key;
  }
  if (first == 127 || first == 8) {
    key.kind = Key::Kind::kBackspace;
    return key;
  }
  if (first == 27) {
    // An escape sequence (arrow keys ...) is read and ignored as one Escape.
    pollfd more{STDIN_FILENO, POLLIN, 0};
    unsigned char skip[8];
    while (::poll(&more, 1, 10) > 0 && ::read(STDIN_FILENO, skip, sizeof skip) > 0) {
    }
    key.kind = Key::Kind::kEscape;
    return key;
  }
  key.text.push_back(static_cast<char>(first));
  const int extra = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : first >= 0xC0 ? 1 : 0;
  for (int i = 0; i < extra; ++i) {
    unsigned char next = 0;
    if (::read(STDIN_FILENO, &next, 1) != 1) break;
    key.text.push_back(static_cast<char>(next));
  }
  return key;
}

int terminal_width() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && std::atoi(columns) > 0) {
    return std::atoi(columns);
  }
  return 80;
}

bool use_color(const std::string& setting, int fd) {
  if (setting == "always") return true;
  if (setting == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return ::isatty(fd) != 0;
}

namespace {
std::string paint(bool on, const char* code, std::string_view text) {
  if (!on) return std::string(text);
  return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
}
}  // namespace

std::string Style::bold(std::string_view text) const {
  return paint(color, "1", text);
}
std::string Style::dim(std::string_view text) const {
  return paint(color, "2", text);
}
std::string Style::green(std::string_view text) const {
  return paint(color, "32", text);
}
std::string Style::red(std::string_view text) const {
  return paint(color, "31", text);
}
std::string Style::yellow(std::string_view text) const {
  return paint(color, "33", text);
}
std::string Style::cyan(std::string_view text) const {
  return paint(color, "36", text);
}

std::vector<std::string> wrap(std::string_view text, int width, std::string_view indent) {
  std::vector<std::string> lines;
  const auto limit = static_cast<std::size_t>(std::max(width, 10));
  const std::size_t indent_width = core::display_width(indent);
  // Leading spaces are kept: they indent the first line as written.
  const std::size_t lead = std::min(text.find_first_not_of(' '), text.size());
  std::string line(lead, ' ');
  std::size_t used = lead;
  text.remove_prefix(lead);
  bool content = false;  // the current line has text beyond its indent
  const auto new_line = [&] {
    lines.push_back(line);
    line = std::string(indent);
    used = indent_width;
    content = false;
  };
  const auto add_word = [&](std::string_view word) {
    if (word.empty()) return;
    const std::size_t word_width = core::display_width(word);
    if (content) {
      if (used + 1 + word_width <= limit) {
        line += ' ';
        ++used;
      } else {
        new_line();
      }
    }
    // A word longer than a line is cut by cells (CJK text has no spaces to break at).
    std::size_t at = 0;
    while (at < word.size()) {
      const std::size_t start = at;
      core::next_code_point(word, at);
      const std::string_view piece = word.substr(start, at - start);
      const std::size_t cells = core::display_width(piece);
      if (content && used + cells > limit) new_line();
      line += piece;
      used += cells;
      content = true;
    }
  };
  std::size_t word_start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      add_word(text.substr(word_start, i - word_start));
      word_start = i + 1;
    }
  }
  lines.push_back(line);
  return lines;
}

}  // namespace quizdeck::term
