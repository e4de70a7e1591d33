// SPDX-License-Identifier: MIT
#include "core/normalize.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

#include "core/utf8.h"

namespace quizdeck::core {
namespace {

std::string map_utf8(std::string_view text, int options) {
  // ASCII is its own NFC, and folds case by plain lowering: most deck text takes this path.
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(text);
    if ((options & UTF8PROC_CASEFOLD) != 0) {
      for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    }
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const auto length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                   static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                   static_cast<utf8proc_option_t>(options));
  if (length < 0) return std::string(text);  // invalid input: leave it as it is
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

bool is_space(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') {
    return true;
  }
  if (cp < 0x80) return false;
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

// Sentence punctuation that an answer may end with without changing its meaning.
bool is_trailing_punctuation(char32_t cp) {
  switch (cp) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case U'\u2026':  // horizontal ellipsis
    case U'\u3002':  // ideographic full stop
    case U'\uFF0C':
    case U'\uFF01':
    case U'\uFF1F':
    case U'\uFF1B':
    case U'\uFF1A':
    case U'\u060C':
    case U'\u061F':  // Arabic comma and question mark
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string to_nfc(std::string_view text) {
  return map_utf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string normalize_text(std::string_view text) {
  const std::string folded = map_utf8(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const char32_t cp = next_code_point(folded, pos);
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    append_utf8(out, cp);
  }
  // Drop trailing punctuation (and any space it leaves behind), code point by code point.
  while (!out.empty()) {
    std::size_t start = out.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(out[start]) & 0xC0) == 0x80) --start;
    std::size_t at = start;
    const char32_t last = next_code_point(out, at);
    if (!is_trailing_punctuation(last) && last != ' ') break;
    out.erase(start);
  }
  return out;
}

std::string lower_case(std::string_view text) {
  const std::string composed = to_nfc(text);
  std::string out;
  out.reserve(composed.size());
  std::size_t pos = 0;
  while (pos < composed.size()) {
    const char32_t cp = next_code_point(composed, pos);
    append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
  }
  return out;
}

bool is_white_space(char32_t code_point) {
  return is_space(code_point);
}

bool is_blank(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!is_space(next_code_point(text, pos))) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace quizdeck::core
