// SPDX-License-Identifier: MIT
// UTF-8 validation, decoding and measurement. Columns in diagnostics count code points;
// terminal layout counts display cells (East Asian wide characters and emoji take two).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace quizdeck::core {

// Byte offset of the first byte that is not valid UTF-8 (or is a NUL byte), if any.
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Decodes the code point starting at text[pos]; advances pos. Text must be valid UTF-8.
char32_t next_code_point(std::string_view text, std::size_t& pos);

// Decodes the code point at text[pos] and advances past it; for a byte that does not
// start valid UTF-8 (or a NUL), nothing, advancing one byte.
std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos);

// Number of code points in valid UTF-8 text.
std::size_t count_code_points(std::string_view text);

// Terminal cells needed to show valid UTF-8 text (tabs count as one cell).
std::size_t display_width(std::string_view text);
// `text` followed by spaces up to `width` display cells (unchanged when already as wide).
std::string pad_to_width(std::string_view text, std::size_t width);
// `text` cut to at most `width` display cells, the cut marked with an ellipsis (unchanged
// when it fits).
std::string fit_to_width(std::string_view text, std::size_t width);

// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace quizdeck::core
