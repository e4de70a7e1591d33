// SPDX-License-Identifier: MIT
#include "term/terminal.h"

#include <doctest/doctest.h>

namespace quizdeck::term {

TEST_CASE("wrap breaks at spaces by display width and keeps the first line's indent") {
  CHECK(wrap("one two three four", 10) == std::vector<std::string>{"one two", "three four"});
  CHECK(wrap("  A) a long choice text here", 14, "     ") ==
        std::vector<std::string>{"  A) a long", "     choice", "     text here"});
  // CJK text has no spaces: it is cut by cells, two per character.
  CHECK(wrap("\u65e5\u672c\u8a9e\u306e\u8cea\u554f\u3067\u3059", 10) ==
        std::vector<std::string>{"\u65e5\u672c\u8a9e\u306e\u8cea", "\u554f\u3067\u3059"});
  CHECK(wrap("", 10) == std::vector<std::string>{""});
}

TEST_CASE("styles colour only when asked") {
  const Style plain{false};
  const Style color{true};
  CHECK(plain.red("x") == "x");
  CHECK(color.red("x") == "\x1b[31mx\x1b[0m");
  CHECK(use_color("never", 1) == false);
  CHECK(use_color("always", 1) == true);
}

}  // namespace quizdeck::term
