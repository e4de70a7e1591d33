// SPDX-License-Identifier: MIT
#include "core/normalize.h"

#include <doctest/doctest.h>

namespace quizdeck::core {

TEST_CASE("normalize_text folds case, spacing and trailing punctuation") {
  CHECK(normalize_text("  Paris ") == "paris");
  CHECK(normalize_text("New   York\tCity") == "new york city");
  CHECK(normalize_text("Canberra.") == "canberra");
  CHECK(normalize_text("Really?!  ") == "really");
  CHECK(normalize_text("a.b") == "a.b");
  CHECK(normalize_text("STRASSE") == "strasse");
  CHECK(normalize_text("Straße") == "strasse");  // full case folding
  CHECK(normalize_text("东京。") == "东京");
  CHECK(normalize_text("") == "");
  CHECK(normalize_text(" ... ") == "");
}

TEST_CASE("normalize_text compares Unicode after NFC") {
  // "é" precomposed and as e + combining acute accent.
  CHECK(normalize_text("caf\u00e9") == normalize_text("cafe\u0301"));
  CHECK(to_nfc("cafe\u0301") == "caf\u00e9");
}

TEST_CASE("is_blank and trim") {
  CHECK(is_blank(""));
  CHECK(is_blank(" \t\n"));
  CHECK(is_blank("\u00a0"));
  CHECK_FALSE(is_blank(" x "));
  CHECK(trim("  x y \n") == "x y");
  CHECK(trim("   ") == "");
}

}  // namespace quizdeck::core
