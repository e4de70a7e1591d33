// SPDX-License-Identifier: MIT
#include "interchange/gift_text.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace quizdeck::interchange::gift_text {

std::string restore(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= kFirstPlaceholder && byte < kFirstPlaceholder + kEscapable.size()) {
      const char escaped = kEscapable[byte - kFirstPlaceholder];
      out += escaped == 'n' ? '\n' : escaped;
    } else {
      out += c;
    }
  }
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string take_format(std::string_view& text, const std::string& inherited) {
  const std::string_view trimmed = trim(text);
  for (const char* name : {"html", "moodle", "plain", "markdown"}) {
    const std::string marker = std::string("[") + name + "]";
    if (trimmed.starts_with(marker)) {
      text = trimmed.substr(marker.size());
      return name;
    }
  }
  return inherited;
}

std::optional<double> php_number(std::string_view text) {
  text = trim(text);
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  std::size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  const std::string copy(text);
  const double value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<Weight> weight_at(std::string_view item) {
  if (!item.starts_with('%')) return std::nullopt;
  std::size_t i = 1;
  std::size_t minus = 0;
  while (i < item.size() && item[i] == '-') ++i, ++minus;
  const std::size_t digits_start = i;
  while (i < item.size() && item[i] >= '0' && item[i] <= '9') ++i;
  if (i == digits_start) return std::nullopt;
  if (i < item.size() && item[i] == '.') ++i;
  while (i < item.size() && item[i] >= '0' && item[i] <= '9') ++i;
  if (i >= item.size() || item[i] != '%') return std::nullopt;
  Weight weight;
  weight.length = i + 1;
  if (minus <= 1) weight.percent = php_number(item.substr(1, i - 1));
  return weight;
}

std::optional<std::pair<std::string, std::size_t>> bracket_value(std::string_view comment,
                                                                 std::size_t start, bool tag) {
  std::optional<std::size_t> fallback;  // a "\]" read as '\' and the closing ']'
  std::size_t close = std::string_view::npos;
  for (std::size_t i = start; i < comment.size();) {
    const char c = comment[i];
    if (c == '\\' && i + 1 < comment.size() && comment[i + 1] == ']') {
      fallback = i + 1;
      i += 2;
      continue;
    }
    if (c == ']') {
      close = i;
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F || (tag && (c == '<' || c == '>'))) break;
    ++i;
  }
  if (close == std::string_view::npos) {
    if (!fallback) return std::nullopt;
    close = *fallback;
  }
  std::string value;
  const std::string_view raw = comment.substr(start, close - start);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == ']') {
      value += ']';
      ++i;
    } else {
      value += raw[i];
    }
  }
  if (!tag && value.empty()) return std::nullopt;  // Moodle's id needs a character
  return std::pair{std::string(trim(value)), close + 1};
}

}  // namespace quizdeck::interchange::gift_text
