// SPDX-License-Identifier: MIT
#include "core/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include <fmt/format.h>

#include "core/utf8.h"

namespace quizdeck::core {

void append_number(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  if (number == 0) {
    out += '0';
    return;
  }
  char buffer[64];
  const double magnitude = std::fabs(number);
  // Fast path for numbers on the 1e-8 grid (FSRS rounds to it): when k / 1e8 reads back as
  // exactly this double, its decimal digits (trailing zeros dropped) are the shortest that
  // do, because decimals of at most 15 significant digits never share a double.
  if (magnitude >= 1e-6 && magnitude < 1e7) {
    const auto k = static_cast<std::int64_t>(magnitude * 1e8 + 0.5);
    if (static_cast<double>(k) / 1e8 == magnitude) {
      char* p = buffer;
      if (number < 0) *p++ = '-';
      const std::int64_t whole = k / 100000000;
      std::int64_t fraction = k % 100000000;
      p = std::to_chars(p, buffer + sizeof buffer, whole).ptr;
      if (fraction != 0) {
        char digits[8];
        for (int i = 7; i >= 0; --i) {
          digits[i] = static_cast<char>('0' + fraction % 10);
          fraction /= 10;
        }
        int length = 8;
        while (digits[length - 1] == '0') --length;
        *p++ = '.';
        for (int i = 0; i < length; ++i) *p++ = digits[i];
      }
      out.append(buffer, p);
      return;
    }
  }
  if (magnitude >= 1e-6 && magnitude < 1e15) {
    // JavaScript's plain notation; in this range the shortest fixed form has the same digits.
    const auto result =
        std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
    out.append(buffer, result.ptr);
    return;
  }
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  // text is "-d.ddde+XX": split into sign, digits and exponent.
  const bool negative = text.front() == '-';
  const auto e = text.find('e');
  std::string digits;
  for (const char c : text.substr(negative ? 1 : 0, e - (negative ? 1 : 0))) {
    if (c != '.') digits += c;
  }
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;  // the decimal point sits after n digits
  if (negative) out += '-';
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n)) + "." +
           digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 >= 0 ? "e+" : "e-") + std::to_string(std::abs(n - 1));
  }
}

std::string format_number(double number) {
  std::string out;
  append_number(out, number);
  return out;
}

void append_json_quoted(std::string& out, std::string_view text) {
  // Always valid UTF-8 JSON, and safe to show: control characters (DEL and C1 included)
  // are escaped, and bytes that are not UTF-8 become U+FFFD.
  static constexpr char kHex[] = "0123456789abcdef";
  const auto escape = [&out](unsigned code) {
    const char sequence[] = {'\\',
                             'u',
                             kHex[(code >> 12) & 0xF],
                             kHex[(code >> 8) & 0xF],
                             kHex[(code >> 4) & 0xF],
                             kHex[code & 0xF]};
    out.append(sequence, sizeof sequence);
  };
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    std::size_t length = 1;
    if (c >= 0x80) {
      std::size_t next = i;
      const auto cp = decode_utf8(text, next);
      if (cp && *cp > 0x9F) {
        i = next;  // an ordinary character: stays in the run
        continue;
      }
      out.append(text.data() + run, i - run);
      escape(cp ? static_cast<unsigned>(*cp) : 0xFFFDu);  // C1, or not UTF-8
      i = next;
      run = i;
      continue;
    }
    out.append(text.data() + run, i - run);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        escape(c);
    }
    i += length;
    run = i;
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

std::string json_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_quoted(out, text);
  return out;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  out_ += json_quote(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  append_json_quoted(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  append_number(out_, number);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace quizdeck::core
