// SPDX-License-Identifier: MIT
#include "deck/scalar.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/number.h"

namespace quizdeck::deck {
namespace {

bool all_of(std::string_view text, bool (*accept)(char)) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!accept(c)) return false;
  }
  return true;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_octal(char c) {
  return c >= '0' && c <= '7';
}
bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_decimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t fraction = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++fraction;
    if (digits == 0 && fraction == 0) return false;
  } else if (digits == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exponent = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == s.size();
}

}  // namespace

std::optional<bool> plain_bool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::optional<double> plain_number(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'o')) {
    const bool hex = text[1] == 'x';
    const std::string_view digits = text.substr(2);
    if (!all_of(digits, hex ? is_hex : is_octal)) return std::nullopt;
    std::uint64_t value = 0;
    const auto result =
        std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 8);
    if (result.ec != std::errc()) return std::nullopt;
    return static_cast<double>(value);
  }
  if (!is_decimal(text)) return std::nullopt;
  const std::string copy(text[0] == '+' ? text.substr(1) : text);
  double value = 0;
  const auto result = core::parse_double(copy.data(), copy.data() + copy.size(), value);
  if (result.ec != std::errc() || !std::isfinite(value)) return std::nullopt;
  return value;
}

bool is_plain_non_finite(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kWords{".inf",  ".Inf",  ".INF",  "+.inf",
                                                           "+.Inf", "+.INF", "-.inf", "-.Inf",
                                                           "-.INF", ".nan",  ".NaN",  ".NAN"};
  for (const auto word : kWords) {
    if (text == word) return true;
  }
  return false;
}

bool is_yaml11_bool_word(std::string_view text) {
  std::string lower;
  for (const char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "yes" || lower == "no" || lower == "on" || lower == "off";
}

std::optional<int> parse_duration(std::string_view text) {
  static constexpr std::array<std::pair<char, int>, 3> kUnits{{{'h', 3600}, {'m', 60}, {'s', 1}}};
  long long total = 0;
  std::size_t next_unit = 0;
  std::size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == start || i == text.size() || i - start > 7) return std::nullopt;
    const char unit = text[i++];
    while (next_unit < kUnits.size() && kUnits[next_unit].first != unit) ++next_unit;
    if (next_unit == kUnits.size()) return std::nullopt;  // unknown or out-of-order unit
    long long amount = 0;
    std::from_chars(text.data() + start, text.data() + i - 1, amount);
    total += amount * kUnits[next_unit].second;
    ++next_unit;
  }
  if (total <= 0 || total > 7 * 24 * 3600) return std::nullopt;
  return static_cast<int>(total);
}

std::optional<double> parse_percent(std::string_view text) {
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  const std::string_view number = text.substr(0, text.size() - 1);
  if (number.front() == '-' || number.front() == '+' || !is_decimal(number)) return std::nullopt;
  if (number.find_first_of("eE") != std::string_view::npos) return std::nullopt;
  double value = 0;
  core::parse_double(number.data(), number.data() + number.size(), value);
  if (!(value > 0 && value <= 100)) return std::nullopt;
  return value;
}

}  // namespace quizdeck::deck
