// SPDX-License-Identifier: MIT
#include "core/visible.h"

#include <fmt/format.h>

#include "core/utf8.h"

namespace quizdeck::core {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr char32_t kInvalid = 0xFFFFFFFF;

// The code point at text[pos] (kInvalid for a byte that does not start valid UTF-8, NUL
// included) and its length.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t pos) {
  std::size_t next = pos;
  const auto cp = decode_utf8(text, next);
  return {cp.value_or(kInvalid), next - pos};
}

bool is_control(char32_t cp, Lines lines) {
  if (cp == '\t') return false;
  if (cp == '\n') return lines == Lines::kShow;
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

}  // namespace

std::string visible(std::string_view text, Lines lines) {
  if (!needs_visible(text, lines)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t pos = 0; pos < text.size();) {
    const auto [cp, length] = decode(text, pos);
    if (cp == kInvalid || (cp >= 0x80 && cp <= 0x9F)) {
      out += kReplacement;
    } else if (is_control(cp, lines)) {
      out += '^';
      out += static_cast<char>(cp == 0x7F ? '?' : cp + 0x40);
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

bool needs_visible(std::string_view text, Lines lines) {
  for (std::size_t pos = 0; pos < text.size();) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x20 && c < 0x7F) {
      ++pos;
      continue;
    }
    const auto [cp, length] = decode(text, pos);
    if (cp == kInvalid || is_control(cp, lines)) return true;
    pos += length;
  }
  return false;
}

std::optional<ControlChar> find_control(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const auto [cp, length] = decode(text, pos);
    if (cp != kInvalid && is_control(cp, Lines::kKeep)) {
      return ControlChar{pos, cp};
    }
    pos += length;
  }
  return std::nullopt;
}

std::string describe_control(char32_t code_point) {
  const char* name = nullptr;
  switch (code_point) {
    case 0x00:
      name = "null";
      break;
    case 0x07:
      name = "bell";
      break;
    case 0x08:
      name = "backspace";
      break;
    case 0x0D:
      name = "carriage return";
      break;
    case 0x1B:
      name = "escape";
      break;
    case 0x7F:
      name = "delete";
      break;
    case 0x9B:
      name = "control sequence introducer";
      break;
    case 0x9D:
      name = "operating system command";
      break;
    default:
      break;
  }
  const auto number = static_cast<unsigned>(code_point);
  return name ? fmt::format("U+{:04X} ({})", number, name) : fmt::format("U+{:04X}", number);
}

std::string valid_utf8(std::string_view text) {
  if (!find_invalid_utf8(text)) return std::string(text);  // (it counts NUL as invalid too)
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t pos = 0; pos < text.size();) {
    const auto [cp, length] = decode(text, pos);
    if (text[pos] == '\0') {
      out += '\0';
    } else if (cp == kInvalid) {
      out += kReplacement;
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

}  // namespace quizdeck::core
