// SPDX-License-Identifier: MIT
#include "term/line_editor.h"

#include <histedit.h>
#include <langinfo.h>
#include <termios.h>
#include <unistd.h>

#include <clocale>
#include <cstdio>
#include <cstring>
#include <cwchar>
#include <optional>

#include "core/utf8.h"
#include "term/terminal.h"

namespace quizdeck::term {

// Everything libedit's callbacks need, reached through EL_CLIENTDATA.
struct LineEditor::State {
  EditLine* el = nullptr;
  History* history = nullptr;
  int in = 0;
  FILE* in_file = nullptr;
  FILE* out_file = nullptr;
  std::string saved_locale;
  const Options* options = nullptr;
  std::string prompt;  // the prompt libedit is drawing
  Read::Kind outcome = Read::Kind::kEnd;
  std::string key;                       // an instant key
  std::string initial;                   // the text to put back first
  bool redisplay = false;                // the window was resized: draw the whole line again
  std::optional<unsigned char> pending;  // a byte read that starts the next character
};

namespace {

// A character nobody types, fed to libedit to make it redraw the prompt (the clock in it).
constexpr wchar_t kTick = 0x1E;  // Ctrl-^

LineEditor::State& state_of(EditLine* el) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  return *static_cast<LineEditor::State*>(data);
}

char* prompt_of(EditLine* el) {
  auto& state = state_of(el);
  state.prompt = state.options && state.options->prompt ? state.options->prompt() : "> ";
  return state.prompt.data();
}

// Ends the edit with `kind` (libedit then returns no line).
unsigned char end_with(EditLine* el, LineEditor::Read::Kind kind) {
  state_of(el).outcome = kind;
  return CC_EOF;
}

unsigned char on_interrupt(EditLine* el, int) {
  return end_with(el, LineEditor::Read::Kind::kInterrupt);
}

unsigned char on_suspend(EditLine* el, int) {
  return end_with(el, LineEditor::Read::Kind::kSuspend);
}

unsigned char on_tick(EditLine* el, int) {
  auto& state = state_of(el);
  if (state.redisplay) {
    state.redisplay = false;
    return CC_REDISPLAY;
  }
  return CC_REFRESH;  // libedit redraws only what changed: the clock
}

// An instant key acts on an empty line and is typed anywhere else.
unsigned char on_instant(EditLine* el, int ch) {
  const LineInfoW* line = el_wline(el);
  if (line->lastchar == line->buffer) {
    auto& state = state_of(el);
    state.key.clear();
    core::append_utf8(state.key, static_cast<char32_t>(ch));
    return end_with(el, LineEditor::Read::Kind::kKey);
  }
  const wchar_t text[2] = {static_cast<wchar_t>(ch), L'\0'};
  el_winsertstr(el, text);
  return CC_REFRESH;
}

// Puts back the line typed before a suspension, as text: none of it acts as a key.
unsigned char on_restore(EditLine* el, int) {
  auto& state = state_of(el);
  if (!state.initial.empty()) el_insertstr(el, state.initial.c_str());
  state.initial.clear();
  return CC_REFRESH;
}

// One byte of input, waiting at most `timeout_ms`; nothing on a timeout or a signal.
std::optional<unsigned char> next_byte(int fd, int timeout_ms) {
  if (wait_input(timeout_ms, fd) != Wait::kReady) return std::nullopt;
  unsigned char byte = 0;
  if (::read(fd, &byte, 1) != 1) return std::nullopt;
  return byte;
}

// libedit's character source: UTF-8 decoded here (bytes that are not UTF-8 are dropped),
// with the clock ticking, the terminal's signals noticed, and no locale assumed.
int read_char(EditLine* el, wchar_t* out) {
  auto& state = state_of(el);
  const int tick = state.options ? state.options->tick_ms : -1;
  *out = L'\0';
  while (true) {
    const Wait wait = state.pending ? Wait::kReady : wait_input(tick, state.in);
    if (wait == Wait::kSignal) {
      if (hung_up()) return end_with(el, LineEditor::Read::Kind::kHangup), 0;
      if (take_continued()) return end_with(el, LineEditor::Read::Kind::kRedraw), 0;
      if (take_resized()) {
        el_resize(el);
        state.redisplay = true;
        *out = kTick;
        return 1;
      }
      continue;
    }
    if (wait == Wait::kTimeout) {
      if (state.options && state.options->time_up && state.options->time_up()) {
        return end_with(el, LineEditor::Read::Kind::kTimeUp), 0;
      }
      *out = kTick;
      return 1;
    }
    unsigned char first = 0;
    if (state.pending) {
      first = *state.pending;
      state.pending.reset();
    } else if (wait == Wait::kError || ::read(state.in, &first, 1) != 1) {
      if (hung_up()) end_with(el, LineEditor::Read::Kind::kHangup);
      return 0;
    }
    if (first < 0x80) {
      *out = static_cast<wchar_t>(first);
      return 1;
    }
    // The rest of a UTF-8 sequence arrives with its first byte; a byte that cannot
    // continue it starts the next character.
    std::string bytes(1, static_cast<char>(first));
    const int extra = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : first >= 0xC0 ? 1 : 0;
    for (int i = 0; i < extra; ++i) {
      const auto next = next_byte(state.in, 100);
      if (!next) break;
      if ((*next & 0xC0) != 0x80) {
        state.pending = *next;
        break;
      }
      bytes.push_back(static_cast<char>(*next));
    }
    std::size_t at = 0;
    const auto code_point = core::decode_utf8(bytes, at);
    if (code_point && at == bytes.size()) {
      *out = static_cast<wchar_t>(*code_point);
      return 1;
    }
  }
}

// libedit reads and measures characters through the C library's locale: it must be UTF-8
// whatever the environment says (deck text and answers are UTF-8).
std::string use_utf8_ctype() {
  const char* current = std::setlocale(LC_CTYPE, nullptr);
  std::string saved = current ? current : "C";
  if (std::strcmp(::nl_langinfo(CODESET), "UTF-8") == 0) return saved;
  for (const char* name : {"", "C.UTF-8", "C.utf8", "en_US.UTF-8"}) {
    if (std::setlocale(LC_CTYPE, name) && std::strcmp(::nl_langinfo(CODESET), "UTF-8") == 0) {
      return saved;
    }
  }
  std::setlocale(LC_CTYPE, saved.c_str());
  return saved;
}

void bind(EditLine* el, const char* keys, const char* command) {
  el_set(el, EL_BIND, keys, command, nullptr);
}

void bind_keys(EditLine* el) {
  el_set(el, EL_EDITOR, "emacs");
  // Shell habits, whatever the terminal's own settings say.
  bind(el, "^W", "ed-delete-prev-word");
  bind(el, "^U", "em-kill-line");
  bind(el, "^K", "ed-kill-line");
  bind(el, "^A", "ed-move-to-beg");
  bind(el, "^E", "ed-move-to-end");
  bind(el, "^B", "ed-prev-char");
  bind(el, "^F", "ed-next-char");
  bind(el, "\033b", "ed-prev-word");
  bind(el, "\033f", "em-next-word");
  bind(el, "^?", "em-delete-prev-char");
  bind(el, "^H", "em-delete-prev-char");
  for (const char* home : {"\033[H", "\033OH", "\033[1~", "\033[7~"}) {
    bind(el, home, "ed-move-to-beg");
  }
  for (const char* end : {"\033[F", "\033OF", "\033[4~", "\033[8~"}) {
    bind(el, end, "ed-move-to-end");
  }
  bind(el, "\033[3~", "ed-delete-next-char");
  // Not libedit's own command line (M-x, ed-command): it parses what is typed with
  // el_wparse, which crashes on some lines, and a learner has no use for it.
  for (const char* command : {"\033x", "\033X"}) bind(el, command, "ed-unassigned");
  for (const char* up : {"\033[A", "\033OA"}) bind(el, up, "ed-prev-history");
  for (const char* down : {"\033[B", "\033OB"}) bind(el, down, "ed-next-history");
  for (const char* right : {"\033[C", "\033OC"}) bind(el, right, "ed-next-char");
  for (const char* left : {"\033[D", "\033OD"}) bind(el, left, "ed-prev-char");
  for (const char* right : {"\033[1;5C", "\033[5C"}) bind(el, right, "em-next-word");
  for (const char* left : {"\033[1;5D", "\033[5D"}) bind(el, left, "ed-prev-word");
  // The wide call: libedit keeps these strings as given (the narrow one copies and never
  // frees them).
  el_wset(el, EL_ADDFN, L"qd-interrupt", L"end the session", on_interrupt);
  el_wset(el, EL_ADDFN, L"qd-suspend", L"suspend quizdeck", on_suspend);
  el_wset(el, EL_ADDFN, L"qd-tick", L"redraw the prompt", on_tick);
  el_wset(el, EL_ADDFN, L"qd-instant", L"a command key on an empty line", on_instant);
  el_wset(el, EL_ADDFN, L"qd-restore", L"put back what was typed", on_restore);
  bind(el, "^C", "qd-interrupt");
  bind(el, "^Z", "qd-suspend");
  bind(el, "^^", "qd-tick");
  bind(el, "^_", "qd-restore");
}

}  // namespace

LineEditor::LineEditor(int in, int out) : state_(std::make_unique<State>()) {
  state_->saved_locale = use_utf8_ctype();
  state_->in = in;
  state_->in_file = in == STDIN_FILENO ? stdin : ::fdopen(::dup(in), "r");
  state_->out_file = out == STDOUT_FILENO ? stdout : ::fdopen(::dup(out), "w");
  state_->el = el_init("quizdeck", state_->in_file, state_->out_file, stderr);
  state_->history = history_init();
  HistEvent event;
  history(state_->history, &event, H_SETSIZE, 200);
  EditLine* el = state_->el;
  el_set(el, EL_CLIENTDATA, state_.get());
  el_set(el, EL_HIST, history, state_->history);
  el_set(el, EL_GETCFN, read_char);
  el_set(el, EL_PROMPT_ESC, prompt_of, '\1');
  // The keys a terminal turns into signals reach the editor as keys.
  el_set(el, EL_SETTY, "-d", "-isig", "-ixon", nullptr);
  bind_keys(el);
}

LineEditor::~LineEditor() {
  el_end(state_->el);
  history_end(state_->history);
  if (state_->in_file != stdin) std::fclose(state_->in_file);
  if (state_->out_file != stdout) std::fclose(state_->out_file);
  std::setlocale(LC_CTYPE, state_->saved_locale.c_str());
}

LineEditor::Read LineEditor::read(const Options& options) {
  State& state = *state_;
  state.options = &options;
  state.outcome = Read::Kind::kEnd;
  state.key.clear();
  state.redisplay = false;
  std::string instant_bound;
  for (const char c : options.instant) {
    const char keys[2] = {c, '\0'};
    bind(state.el, keys, "qd-instant");
    instant_bound += c;
  }
  // The first "key" of the edit puts the text back (see on_restore).
  state.initial = options.initial;
  if (!state.initial.empty()) el_push(state.el, "\x1f");
  // libedit leaves the terminal as it found it when it started, not as it was now.
  termios before{};
  const bool saved = ::tcgetattr(state.in, &before) == 0;
  int count = 0;
  const char* line = el_gets(state.el, &count);
  if (saved) ::tcsetattr(state.in, TCSADRAIN, &before);
  // Instant keys are typed as themselves in the next edit unless it asks again.
  for (const char c : instant_bound) {
    const char keys[2] = {c, '\0'};
    bind(state.el, keys, "ed-insert");
  }
  state.options = nullptr;
  Read read;
  if (line != nullptr && count > 0) {
    read.kind = Read::Kind::kLine;
    read.text.assign(line, static_cast<std::size_t>(count));
    while (!read.text.empty() && (read.text.back() == '\n' || read.text.back() == '\r')) {
      read.text.pop_back();
    }
    return read;
  }
  read.kind = state.outcome;
  if (read.kind == Read::Kind::kKey) read.text = state.key;
  if (read.kind == Read::Kind::kSuspend || read.kind == Read::Kind::kRedraw) {
    const LineInfo* info = el_line(state.el);
    read.text.assign(info->buffer, static_cast<std::size_t>(info->lastchar - info->buffer));
  }
  return read;
}

void LineEditor::remember(const std::string& line) {
  HistEvent event;
  history(state_->history, &event, H_ENTER, line.c_str());
}

}  // namespace quizdeck::term
