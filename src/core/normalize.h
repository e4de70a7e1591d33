// SPDX-License-Identifier: MIT
// Text normalization shared by answer matching, duplicate detection and card ids:
// Unicode NFC with case folding, surrounding white space trimmed, runs of white space
// folded to one space, trailing punctuation dropped.
#pragma once

#include <string>
#include <string_view>

namespace quizdeck::core {

// `text` must be valid UTF-8.
std::string normalize_text(std::string_view text);

// Unicode NFC only (no case folding, no white-space changes), for exact matching.
std::string to_nfc(std::string_view text);

// True when the text is empty or only white space.
bool is_blank(std::string_view text);

// Text with leading and trailing ASCII white space (including line breaks) removed.
std::string_view trim(std::string_view text);

// Letters of every script lower-cased ("Économie" -> "économie"), in NFC, nothing else
// changed: for names made from titles and categories. `text` must be valid UTF-8.
std::string lower_case(std::string_view text);

// Unicode white space (categories Zs, Zl, Zp and the ASCII ones).
bool is_white_space(char32_t code_point);

// ASCII letters lower-cased, every other byte as it is (whatever the locale): for keys,
// tags and names, not for answers (see normalize_text).
std::string ascii_lower(std::string_view text);

}  // namespace quizdeck::core
