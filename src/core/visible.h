// SPDX-License-Identifier: MIT
// Text from decks, stores and input on its way to a terminal or a file a person reads:
// control characters could move the cursor, retitle the window, write the clipboard or
// switch screens, so they are shown instead. C0 controls (tab and, where lines may break,
// newline excepted) and DEL in caret notation ("^[", "^?"), C1 controls and bytes that are
// not UTF-8 as U+FFFD. Nothing else changes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace quizdeck::core {

enum class Lines {
  kKeep,  // newlines stay (a paragraph)
  kShow,  // newlines are shown as "^J" too (a table cell, a one-line field)
};

std::string visible(std::string_view text, Lines lines = Lines::kKeep);
// Whether visible() would change the text.
bool needs_visible(std::string_view text, Lines lines = Lines::kKeep);

// A control character in valid UTF-8 text, as visible() sees them (newline and tab are
// not): where it starts and what it is.
struct ControlChar {
  std::size_t offset = 0;  // in bytes
  char32_t code_point = 0;
};
std::optional<ControlChar> find_control(std::string_view text);
// "U+001B (escape)", "U+009B", "U+0007 (bell)": for messages.
std::string describe_control(char32_t code_point);

// The text with every byte that is not valid UTF-8 replaced by U+FFFD (NUL, valid
// UTF-8, stays): what a JSON string reads back as.
std::string valid_utf8(std::string_view text);

}  // namespace quizdeck::core
