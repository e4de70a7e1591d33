// SPDX-License-Identifier: MIT
// A small streaming JSON writer: commas and escaping are its business, not the caller's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::core {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(std::int64_t number);
  // Shortest text that reads back as the same double; non-finite numbers become null.
  JsonWriter& value(double number);
  JsonWriter& null();
  // The value, or null when there is none.
  template <typename T>
  JsonWriter& value(const std::optional<T>& maybe) {
    return maybe ? value(*maybe) : null();
  }
  // An array of strings.
  JsonWriter& value(const std::vector<std::string>& texts) {
    begin_array();
    for (const auto& text : texts) value(text);
    return end_array();
  }
  // Inserts already-serialized JSON as one value.
  JsonWriter& raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// A number as JavaScript prints it (Number.prototype.toString): the shortest digits that
// read back as the same double, in plain notation from 1e-7 up to 1e21, else as "1e-7",
// "1.5e+21". Non-finite numbers give "null".
std::string format_number(double number);
void append_number(std::string& out, double number);

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);
void append_json_quoted(std::string& out, std::string_view text);

}  // namespace quizdeck::core
