// SPDX-License-Identifier: MIT
// A bank written as a deck file, as an instructor would write it: plain scalars where
// they read the same, double quotes where they would not (numbers, true/false, a leading
// '-' ...), literal blocks for text with line breaks, folded blocks for long lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interchange/bank.h"

namespace quizdeck::interchange {

struct DeckText {
  std::string yaml;
  std::vector<int> entry_lines;  // the line each entry starts on, in order
  // The text went past the size it was allowed: written no further than the entry that
  // crossed it (a text is counted as written, escapes and all: a control character written
  // as an escape takes six bytes).
  bool over = false;
};

// `comment` lines go first, as '#' comments. Writing stops at the entry that takes the text
// past `max_bytes` (then `over`).
DeckText write_deck_yaml(const Bank& bank, const std::vector<std::string>& comment,
                         std::size_t max_bytes = SIZE_MAX);

// One scalar as YAML, for a key whose content is indented by `indent` spaces (block
// scalars' lines are indented by indent + 2).
std::string yaml_scalar(std::string_view text, int indent);

}  // namespace quizdeck::interchange
