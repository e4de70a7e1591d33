// SPDX-License-Identifier: MIT
#include "core/suggest.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace quizdeck::core {

TEST_CASE("edit_distance counts insertions, deletions, substitutions and swaps") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("abc", "abd") == 1);
  CHECK(edit_distance("abc", "ab") == 1);
  CHECK(edit_distance("mutli", "multi") == 1);  // a swap is one edit
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("日本", "日本語") == 1);  // code points, not bytes
}

TEST_CASE("suggest finds likely typos and nothing else") {
  const std::vector<std::string> keys{"question", "answer", "explain", "choices", "tags"};
  CHECK(suggest("questoin", keys) == std::optional<std::string>("question"));
  CHECK(suggest("explaination", keys) == std::optional<std::string>("explain"));
  CHECK(suggest("choice", keys) == std::optional<std::string>("choices"));
  CHECK(suggest("tag", keys) == std::optional<std::string>("tags"));
  CHECK(suggest("zebra", keys) == std::nullopt);
  CHECK(suggest("x", keys) == std::nullopt);
}

}  // namespace quizdeck::core
