// SPDX-License-Identifier: MIT
// The line editor on a pseudo-terminal: keys as terminals send them, the line as sent.
#include "term/line_editor.h"

#include <doctest/doctest.h>
#include <termios.h>
#include <unistd.h>

#include <string>
#include <string_view>

#include "support/pty.h"

namespace quizdeck::term {
namespace {

// As a session has it: the editor starts on the terminal as found, then it goes raw.
struct Editor {
  test::Pty pty = test::open_pty();
  LineEditor editor{pty.slave, pty.slave};
  Editor() { test::make_raw(pty); }

  // Types `keys`, then reads until the editor has a result (or the keys run out).
  LineEditor::Read type(std::string_view keys, const std::string& initial = "") {
    ::tcflush(pty.slave, TCIFLUSH);
    REQUIRE(::write(pty.master, keys.data(), keys.size()) == static_cast<ssize_t>(keys.size()));
    LineEditor::Options options;
    options.instant = "?";
    options.initial = initial;
    options.tick_ms = 200;
    options.time_up = [] { return true; };
    return editor.read(options);
  }
};

using Kind = LineEditor::Read::Kind;

}  // namespace

TEST_CASE("line editor: shell keys edit the line and the line is sent as shown") {
  Editor e;
  // Ctrl-W the last word, Ctrl-U the line, three times Left, an insert.
  auto read = e.type("salt London\x17\x15Otawa\x1b[D\x1b[D\x1b[Dt\r");
  CHECK(read.kind == Kind::kLine);
  CHECK(read.text == "Ottawa");
  // Home, End, Ctrl-A/E/B/F, Ctrl-K (to the end), Delete.
  read = e.type(
      "bc\x1b[Ha\x1b[Fd\x01"
      "0\x05"
      "9\x02\x02\x0b\x06\x1b[3~\r");
  CHECK(read.kind == Kind::kLine);
  CHECK(read.text == "0abc");
  // Alt-B and Alt-F by words.
  read = e.type(
      "one two three\x1b"
      "b\x1b"
      "bX\x1b"
      "fY\r");
  CHECK(read.text == "one XtwoY three");
}

TEST_CASE("line editor: Backspace and Delete take whole UTF-8 and wide characters") {
  Editor e;
  auto read = e.type("\u6771\u4eac\u90fd\x7f\r");
  CHECK(read.text == "\u6771\u4eac");
  read = e.type("caf\u00e9s\x1b[D\x7f\x1b[3~\u00e9\r");
  CHECK(read.text == "caf\u00e9");
  // Bytes that are not UTF-8 never reach the line.
  read = e.type(
      "a\xff\xfe"
      "b\xe6\x9d"
      "c\r");
  CHECK(read.text == "abc");
}

TEST_CASE("line editor: Up and Down walk the remembered answers") {
  Editor e;
  e.editor.remember("Canberra");
  e.editor.remember("Ottawa");
  auto read = e.type("\x1b[A\x1b[A\r");
  CHECK(read.text == "Canberra");
  read = e.type("x\x1b[A\x1b[B\r");
  CHECK(read.text == "x");
}

TEST_CASE("line editor: Ctrl-C, Ctrl-Z, Ctrl-D, instant keys and the clock end an edit") {
  Editor e;
  CHECK(e.type("abc\x03").kind == Kind::kInterrupt);
  auto read = e.type("Otta\x1a");
  CHECK(read.kind == Kind::kSuspend);
  CHECK(read.text == "Otta");
  // What was typed comes back after a suspension.
  read = e.type("wa\r", read.text);
  CHECK(read.kind == Kind::kLine);
  CHECK(read.text == "Ottawa");
  // Put back as text: a '?' first is not the hint key, a quoted Ctrl-W stays a character.
  read = e.type("\r", "?a\x17");
  CHECK(read.kind == Kind::kLine);
  CHECK(read.text == "?a\x17");
  CHECK(e.type("\x04").kind == Kind::kEnd);
  read = e.type("?");
  CHECK(read.kind == Kind::kKey);
  CHECK(read.text == "?");
  // '?' is typed as itself anywhere but on an empty line.
  CHECK(e.type("why?\r").text == "why?");
  CHECK(e.type("").kind == Kind::kTimeUp);
}

TEST_CASE("line editor: a quoted control character stays in the line for the caller to refuse") {
  Editor e;
  const auto read = e.type(
      "Ott\x16\x17"
      "awa\r");
  CHECK(read.kind == Kind::kLine);
  CHECK(read.text ==
        "Ott\x17"
        "awa");
}

}  // namespace quizdeck::term
