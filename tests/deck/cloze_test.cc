// SPDX-License-Identifier: MIT
#include "deck/cloze.h"

#include <doctest/doctest.h>

namespace quizdeck::deck {

TEST_CASE("parse_blanks reads answers and alternatives") {
  const auto parse = parse_blanks("Peer support is {{collaboration}}, not {{control | power}}.");
  REQUIRE(parse.error == "");
  REQUIRE(parse.blanks.size() == 2);
  CHECK(parse.blanks[0].answers == std::vector<std::string>{"collaboration"});
  CHECK(parse.blanks[1].answers == std::vector<std::string>{"control", "power"});
  CHECK(cloze_prompt("Peer support is {{collaboration}}, not {{control | power}}.", parse.blanks,
                     1) == "Peer support is collaboration, not [...].");
}

TEST_CASE("parse_blanks errors") {
  CHECK(parse_blanks("no blanks").error == "a cloze needs at least one blank, written {{answer}}");
  CHECK(parse_blanks("a {{b}} c {{d").error ==
        "blank 2 opens with '{{' but is never closed with '}}'");
  CHECK(parse_blanks("a {{b {{c}} }}").error == "blank 1 contains '{{': blanks cannot be nested");
  CHECK(parse_blanks("a {{ }}").error == "blank 1 has an empty answer");
  CHECK(parse_blanks("a {{x||y}}").error == "blank 1 has an empty answer");
}

}  // namespace quizdeck::deck
