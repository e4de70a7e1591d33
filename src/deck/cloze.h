// SPDX-License-Identifier: MIT
// Cloze text: blanks are written {{answer}} or {{answer|alternative|...}}.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::deck {

struct Blank {
  std::vector<std::string> answers;  // the first one is shown when another blank is asked
  std::size_t begin = 0;             // byte range of "{{...}}" in the text
  std::size_t end = 0;
};

struct BlankParse {
  std::vector<Blank> blanks;
  std::string error;  // empty when the text is a valid cloze
};

BlankParse parse_blanks(std::string_view text);

// The text as asked for blank `asked`: that blank as "[...]", the others filled in.
std::string cloze_prompt(std::string_view text, const std::vector<Blank>& blanks,
                         std::size_t asked);

}  // namespace quizdeck::deck
