// SPDX-License-Identifier: MIT
// Cloze text: blanks are written {{answer}} or {{answer|alternative|...}}. A blank ends at
// the first '}}' after its '{{'; one that meets another '{{' (or the end) first is never
// closed, and a '}}' outside any blank closes nothing. Reading is linear in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::deck {

// Most blanks one cloze may have: each blank is a card holding the whole text, so a cloze
// costs its length times its blanks (quizdeck(1), LIMITS).
inline constexpr std::size_t kMaxClozeBlanks = 100;
// Most bytes of card text the clozes of one deck may expand to (each blank's card holds
// its cloze's whole text): past it, an error at the cloze that crossed it.
inline constexpr std::size_t kMaxClozeCardBytes = std::size_t{256} << 20;
// Most problems reported for one cloze; the rest wait until these are fixed.
inline constexpr std::size_t kMaxClozeProblems = 10;

struct Blank {
  std::vector<std::string> answers;  // the first one is shown when another blank is asked
  std::size_t begin = 0;             // byte range of "{{...}}" in the text
  std::size_t end = 0;
};

// A problem of the text, at a byte range of it.
struct ClozeProblem {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string message;
  std::string note;  // empty: none
};

struct BlankParse {
  std::vector<Blank> blanks;
  std::vector<ClozeProblem> problems;  // empty when the text is a valid cloze
  bool stopped = false;                // reading stopped at kMaxClozeProblems
  bool ok() const { return problems.empty(); }
};

BlankParse parse_blanks(std::string_view text);

// The text as asked for blank `asked`: that blank as "[...]", the others filled in.
std::string cloze_prompt(std::string_view text, const std::vector<Blank>& blanks,
                         std::size_t asked);

}  // namespace quizdeck::deck
