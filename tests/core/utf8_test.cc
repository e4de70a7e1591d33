// SPDX-License-Identifier: MIT
#include "core/utf8.h"

#include <doctest/doctest.h>

#include <string>

namespace quizdeck::core {

TEST_CASE("find_invalid_utf8") {
  CHECK(find_invalid_utf8("plain ascii") == std::nullopt);
  CHECK(find_invalid_utf8("caf\u00e9 \u65e5\u672c \U0001F600") == std::nullopt);
  CHECK(find_invalid_utf8("caf\xe9") == std::optional<std::size_t>(3));           // Latin-1
  CHECK(find_invalid_utf8("ab\xc0\xaf") == std::optional<std::size_t>(2));        // overlong
  CHECK(find_invalid_utf8("\xed\xa0\x80") == std::optional<std::size_t>(0));      // surrogate
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == std::optional<std::size_t>(0));  // > U+10FFFF
  CHECK(find_invalid_utf8("\xe6\x97") == std::optional<std::size_t>(0));          // truncated
  CHECK(find_invalid_utf8(std::string("a\0b", 3)) == std::optional<std::size_t>(1));
}

TEST_CASE("code points and display width") {
  CHECK(count_code_points("caf\u00e9") == 4);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("\u65e5\u672c") == 4);  // CJK: two cells each
  CHECK(display_width("e\u0301") == 1);       // combining accent takes no cell
  CHECK(display_width("\U0001F600") == 2);    // emoji
  std::string out;
  append_utf8(out, U'\u00e9');
  append_utf8(out, U'\U0001F600');
  CHECK(out == "\u00e9\U0001F600");
  std::size_t pos = 0;
  CHECK(next_code_point(out, pos) == U'\u00e9');
  CHECK(next_code_point(out, pos) == U'\U0001F600');
  CHECK(pos == out.size());
}

}  // namespace quizdeck::core

namespace quizdeck::core {
TEST_CASE("fit_to_width cuts by display cells and marks the cut") {
  CHECK(fit_to_width("Canberra", 8) == "Canberra");
  CHECK(fit_to_width("Canberra", 6) == "Canbe\u2026");
  // Wide characters take two cells each; none is split.
  CHECK(fit_to_width("\u6771\u4eac\u90fd", 5) == "\u6771\u4eac\u2026");
  CHECK(fit_to_width("\u6771\u4eac\u90fd", 4) == "\u6771\u2026");
  CHECK(display_width(fit_to_width("\u00e9t\u00e9 \u6771\u4eac long text", 7)) <= 7);
}
}  // namespace quizdeck::core
