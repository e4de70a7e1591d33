// SPDX-License-Identifier: MIT
#include "deck/cloze.h"

#include <doctest/doctest.h>

#include <string>

#include <fmt/format.h>

namespace quizdeck::deck {
namespace {

// The problems as "offset+length: message [note]".
std::string problems(std::string_view text) {
  std::string out;
  for (const auto& p : parse_blanks(text).problems) {
    out += fmt::format("{}+{}: {}", p.offset,
                       p.length == std::string_view::npos ? -1 : int(p.length), p.message);
    if (!p.note.empty()) out += " [" + p.note + "]";
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("parse_blanks reads answers and alternatives") {
  const auto parse = parse_blanks("Peer support is {{collaboration}}, not {{control | power}}.");
  REQUIRE(parse.ok());
  REQUIRE(parse.blanks.size() == 2);
  CHECK(parse.blanks[0].answers == std::vector<std::string>{"collaboration"});
  CHECK(parse.blanks[1].answers == std::vector<std::string>{"control", "power"});
  CHECK(cloze_prompt("Peer support is {{collaboration}}, not {{control | power}}.", parse.blanks,
                     1) == "Peer support is collaboration, not [...].");
}

TEST_CASE("parse_blanks errors") {
  CHECK(problems("no blanks") == "0+-1: a cloze needs at least one blank, written {{answer}}\n");
  CHECK(problems("a {{b}} c {{d") ==
        "10+2: blank 2 opens with '{{' but is never closed with '}}'\n");
  CHECK(problems("a {{ }}") ==
        "2+5: blank 1 has an empty answer [write each answer between the '|' signs, such as "
        "{{colour|color}}]\n");
  CHECK(problems("a {{x||y}}").starts_with("2+8: blank 1 has an empty answer"));
}

TEST_CASE("a blank that runs into the next one is never closed, at that blank") {
  // Not "blank 1 contains '{{'" at the start of the text: the first blank lacks a brace.
  CHECK(problems("Aim low: {{recoil} after the shot, {{10}} metres.") ==
        "9+2: blank 1 opens with '{{' but is never closed with '}}' [did you mean "
        "'{{recoil}}'? a blank closes with '}}']\n");
  const auto parse = parse_blanks("Aim low: {{recoil} after the shot, {{10}} metres.");
  REQUIRE(parse.blanks.size() == 1);  // the second blank is read all the same
  CHECK(parse.blanks[0].answers == std::vector<std::string>{"10"});
  CHECK(problems("a {{b {{c}} }}") ==
        "2+2: blank 1 opens with '{{' but is never closed with '}}'\n"
        "12+2: this '}}' closes no blank (a blank opens with '{{')\n");
}

TEST_CASE("a '}}' outside any blank is flagged") {
  CHECK(problems("the {recoil}} after {{10}}") ==
        "11+2: this '}}' closes no blank (a blank opens with '{{') [did you mean '{{recoil}}'? a "
        "blank opens with '{{']\n");
  CHECK(problems("{{a}} and b}} too") ==
        "11+2: this '}}' closes no blank (a blank opens with '{{')\n");
  CHECK(problems("}}") == "0+2: this '}}' closes no blank (a blank opens with '{{')\n");
}

TEST_CASE("a cloze has at most kMaxClozeBlanks blanks, and a bounded list of problems") {
  std::string text;
  for (std::size_t i = 0; i < kMaxClozeBlanks; ++i) text += fmt::format("w{{{{a{}}}}} ", i);
  CHECK(parse_blanks(text).ok());
  CHECK(parse_blanks(text).blanks.size() == kMaxClozeBlanks);
  const std::size_t last = text.size();
  text += "and {{one}} more {{two}}";
  CHECK(problems(text) ==
        fmt::format("{}+2: a cloze may have at most 100 blanks; this is blank 101 [each blank "
                    "becomes a card holding the whole text: split the cloze into several]\n",
                    last + 4));
  std::string strays;
  for (int i = 0; i < 1000; ++i) strays += "x}} ";
  const auto parse = parse_blanks(strays);
  CHECK(parse.problems.size() == kMaxClozeProblems);
  CHECK(parse.stopped);
}

}  // namespace quizdeck::deck
