// SPDX-License-Identifier: MIT
#include "core/utf8.h"

#include <utf8proc.h>

namespace quizdeck::core {

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead == 0) return i;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t min = 0;
    char32_t cp = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2, min = 0x80, cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, min = 0x800, cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, min = 0x10000, cp = lead & 0x07;
    } else {
      return i;
    }
    if (i + length > size) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char c = bytes[i + k];
      if ((c & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += length;
  }
  return std::nullopt;
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 1;
  char32_t cp = lead;
  if (lead >= 0xF0) {
    length = 4, cp = lead & 0x07;
  } else if (lead >= 0xE0) {
    length = 3, cp = lead & 0x0F;
  } else if (lead >= 0xC0) {
    length = 2, cp = lead & 0x1F;
  }
  for (std::size_t k = 1; k < length && pos + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
  }
  pos += length;
  return cp;
}

std::optional<char32_t> decode_utf8(std::string_view text, std::size_t& pos) {
  utf8proc_int32_t cp = -1;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
  const utf8proc_ssize_t length =
      utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (length <= 0 || cp <= 0) {
    ++pos;
    return std::nullopt;
  }
  pos += static_cast<std::size_t>(length);
  return static_cast<char32_t>(cp);
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    if (cp == '\t') {
      width += 1;
      continue;
    }
    const int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
    if (w > 0) width += static_cast<std::size_t>(w);
  }
  return width;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string pad_to_width(std::string_view text, std::size_t width) {
  const std::size_t used = display_width(text);
  std::string out(text);
  out.append(width > used ? width - used : 0, ' ');
  return out;
}

std::string fit_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  std::string out;
  std::size_t used = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    next_code_point(text, pos);
    const std::string_view piece = text.substr(start, pos - start);
    const std::size_t cells = display_width(piece);
    if (used + cells + 1 > width) break;
    out += piece;
    used += cells;
  }
  return out + "\u2026";
}

}  // namespace quizdeck::core
