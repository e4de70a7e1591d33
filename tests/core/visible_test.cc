// SPDX-License-Identifier: MIT
#include "core/visible.h"

#include <doctest/doctest.h>

#include "core/json_writer.h"

namespace quizdeck::core {

TEST_CASE("visible shows C0, DEL and C1 controls and replaces bytes that are not UTF-8") {
  CHECK(visible("plain text, café, 日本") == "plain text, café, 日本");
  CHECK(visible("tab\tand\nnewline") == "tab\tand\nnewline");
  CHECK(visible("a\x1b]0;title\x07z") == "a^[]0;title^Gz");
  CHECK(visible("\x1b[2J\r\x7f") == "^[[2J^M^?");
  CHECK(visible(std::string_view("nul\0here", 8)) == "nul\xEF\xBF\xBDhere");
  CHECK(visible("c1 \xC2\x9B"
                "31m") ==
        "c1 \xEF\xBF\xBD"
        "31m");
  CHECK(visible("raw \x9B byte, cut \xE6\x97") ==
        "raw \xEF\xBF\xBD byte, cut \xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(visible("one\nline", Lines::kShow) == "one^Jline");
  CHECK_FALSE(needs_visible("fine\ttext\n"));
  CHECK(needs_visible("fine\ntext", Lines::kShow));
}

TEST_CASE("find_control names the first control character and where it is") {
  CHECK_FALSE(find_control("nothing\there\n"));
  const auto found = find_control(
      "ab\xC2\x9D"
      "c\x1b");
  REQUIRE(found);
  CHECK(found->offset == 2);
  CHECK(found->code_point == 0x9D);
  CHECK(describe_control(0x1B) == "U+001B (escape)");
  CHECK(describe_control(0x9D) == "U+009D (operating system command)");
  CHECK(describe_control(0x01) == "U+0001");
}

TEST_CASE("valid_utf8 and JSON strings are always valid UTF-8, controls escaped") {
  CHECK(valid_utf8("ok é") == "ok é");
  CHECK(valid_utf8("bad \xFF end") == "bad \xEF\xBF\xBD end");
  CHECK(json_quote("a\x1b[1m\x7f\xC2\x9B\xFFz é") == R"("a\u001b[1m\u007f\u009b\ufffdz é")");
  CHECK(json_quote("quote \" slash \\ nl \n") == R"("quote \" slash \\ nl \n")");
}

}  // namespace quizdeck::core
