// SPDX-License-Identifier: MIT
// A small JSON reader for scripted input (JSON Lines): values keep their member order and
// numbers keep their source text, so a document can be written back unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quizdeck::core {

struct JsonMember;

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;  // strings: the value; numbers: the source text
  std::vector<JsonValue> items;
  std::vector<JsonMember> members;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_number() const { return kind == Kind::kNumber; }
  bool is_string() const { return kind == Kind::kString; }
  bool is_array() const { return kind == Kind::kArray; }
  bool is_object() const { return kind == Kind::kObject; }
  // Member lookup (objects); nullptr when absent.
  const JsonValue* find(std::string_view name) const;
  JsonValue* find(std::string_view name);
  // Sets or appends a member, keeping the position of an existing one.
  JsonValue& set(std::string_view name, JsonValue value);

  static JsonValue make_number(double number);
  static JsonValue make_integer(std::int64_t number);
  static JsonValue make_string(std::string text);
  static JsonValue make_bool(bool value);
};

// One member of an object. Not a std::pair: a pair of a type still being defined is not
// allowed, and libc++-strict compilers (clang) refuse it.
struct JsonMember {
  JsonMember(std::string name, JsonValue value)
      : first(std::move(name)), second(std::move(value)) {}
  std::string first;
  JsonValue second;
};

struct JsonError {
  std::size_t offset = 0;  // byte offset in the text
  std::string message;
};

// Parses one JSON value (surrounding white space allowed). Depth is limited to 256.
std::optional<JsonValue> parse_json(std::string_view text, JsonError& error);

// The strings of a JSON array of strings (as the store keeps a choice answer's picks and
// the choices shown); nothing when the text is not one.
std::optional<std::vector<std::string>> parse_json_strings(std::string_view text);

// Compact JSON, numbers written as their source text (or shortest round-trip form).
std::string to_json(const JsonValue& value);
void append_json(const JsonValue& value, std::string& out);

}  // namespace quizdeck::core
