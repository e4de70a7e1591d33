// SPDX-License-Identifier: MIT
// A bank written as a deck file, as an instructor would write it: plain scalars where
// they read the same, double quotes where they would not (numbers, true/false, a leading
// '-' ...), literal blocks for text with line breaks, folded blocks for long lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "interchange/bank.h"

namespace quizdeck::interchange {

struct DeckText {
  std::string yaml;
  std::vector<int> entry_lines;  // the line each entry starts on, in order
};

// `comment` lines go first, as '#' comments.
DeckText write_deck_yaml(const Bank& bank, const std::vector<std::string>& comment);

// One scalar as YAML, for a key whose content is indented by `indent` spaces (block
// scalars' lines are indented by indent + 2).
std::string yaml_scalar(std::string_view text, int indent);

}  // namespace quizdeck::interchange
