// SPDX-License-Identifier: MIT
#include "grade/diff.h"

#include <doctest/doctest.h>

#include <string>

namespace quizdeck::grade {

TEST_CASE("a character diff names what was left out and what was added") {
  CHECK(diff_line(*char_diff("reflectve listening", "reflective listening")) ==
        "reflect[+i]ve listening");
  CHECK(diff_line(*char_diff("Cannberra", "Canberra")) == "Can[-n]berra");
  CHECK(diff_line(*char_diff("Reykjavik", "Reykjavík")) == "Reykjav[+í][-i]k");
  CHECK(diff_line(*char_diff("", "abc")) == "[+abc]");
  CHECK(diff_line(*char_diff("same", "same")) == "same");
  // Wide characters are whole code points.
  CHECK(diff_line(*char_diff("東京都", "東京")) == "東京[-都]");
  // Too long, or not UTF-8: no diff.
  CHECK_FALSE(char_diff(std::string(kMaxDiffLength + 1, 'a'), "a"));
  CHECK_FALSE(char_diff("\xff", "a"));
}

}  // namespace quizdeck::grade
