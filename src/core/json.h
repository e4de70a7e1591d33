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

// The first 8 bytes of a text as a number (the first byte lowest), zeros past its end.
constexpr std::uint64_t json_head(std::string_view text) {
  std::uint64_t head = 0;
  for (std::size_t i = 0; i < text.size() && i < 8; ++i) {
    head |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i])) << (8 * i);
  }
  return head;
}

// One value of a parsed document, in document order: an array's items and an object's
// members (each a string node for the key, then the value) follow their node.
struct JsonNode {
  JsonValue::Kind kind = JsonValue::Kind::kNull;
  bool boolean = false;
  std::uint32_t count = 0;  // arrays: items; objects: members
  std::uint32_t end = 0;    // the index just past this value and everything in it
  std::uint64_t head = 0;   // strings: their first 8 bytes (zeros past the end), for lookups
  double number = 0;
  std::string_view text;  // strings: the value; numbers: the source text
};

// Whether a key node is `name`, whose json_head is `head`: the length and the first 8
// bytes before the rest, where most keys differ.
inline bool json_key_is(const JsonNode& key, std::string_view name, std::uint64_t head) {
  return key.head == head && key.text.size() == name.size() &&
         (name.size() <= 8 || key.text == name);
}

class JsonView;

// A document parsed without a tree: the same grammar and errors as parse_json, for readers
// of many small documents (JSON Lines) that look at each value once. A string's text views
// the parsed text, or the tape's own buffer when it had escapes: both must outlive the
// views. Parsing again reuses the tape's memory.
class JsonTape {
 public:
  bool parse(std::string_view text, JsonError& error);
  JsonView root() const;

 private:
  friend class JsonView;
  friend std::optional<JsonValue> parse_json(std::string_view text, JsonError& error);
  std::vector<JsonNode> nodes_;
  std::string decoded_;
};

// A value of a parsed tape (or none: a missing member).
class JsonView {
 public:
  JsonView() = default;
  JsonView(const JsonTape* tape, std::uint32_t at) : tape_(tape), at_(at) {}

  explicit operator bool() const { return tape_ != nullptr; }
  JsonValue::Kind kind() const { return node().kind; }
  bool is_null() const { return kind() == JsonValue::Kind::kNull; }
  bool is_bool() const { return kind() == JsonValue::Kind::kBool; }
  bool is_number() const { return kind() == JsonValue::Kind::kNumber; }
  bool is_string() const { return kind() == JsonValue::Kind::kString; }
  bool is_array() const { return kind() == JsonValue::Kind::kArray; }
  bool is_object() const { return kind() == JsonValue::Kind::kObject; }
  bool boolean() const { return node().boolean; }
  double number() const { return node().number; }
  std::string_view text() const { return node().text; }
  std::uint32_t size() const { return node().count; }
  // Its place in the tape, and the value at another place of the same tape.
  std::uint32_t index() const { return at_; }
  JsonView at(std::uint32_t index) const { return JsonView(tape_, index); }
  // An object's first member of that name (none when absent or not an object).
  JsonView find(std::string_view name) const;
  // An object's members, each given to f(key, value) in order, until f returns false.
  template <typename F>
  void each_member(F&& f) const {
    const auto& nodes = tape_->nodes_;
    for (std::uint32_t i = at_ + 1; i < nodes[at_].end; i = nodes[i + 1].end) {
      if (!f(nodes[i], JsonView(tape_, i + 1))) return;
    }
  }
  // An array's items, in order.
  template <typename F>
  void each(F&& f) const {
    const auto& nodes = tape_->nodes_;
    for (std::uint32_t i = at_ + 1; i < nodes[at_].end; i = nodes[i].end) f(JsonView(tape_, i));
  }

 private:
  const JsonNode& node() const { return tape_->nodes_[at_]; }
  const JsonTape* tape_ = nullptr;
  std::uint32_t at_ = 0;
};

inline JsonView JsonTape::root() const {
  return JsonView(this, 0);
}

// Parses one JSON value (surrounding white space allowed). Depth is limited to 256.
std::optional<JsonValue> parse_json(std::string_view text, JsonError& error);

// The strings of a JSON array of strings (as the store keeps a choice answer's picks and
// the choices shown); nothing when the text is not one.
std::optional<std::vector<std::string>> parse_json_strings(std::string_view text);

// Compact JSON, numbers written as their source text (or shortest round-trip form).
std::string to_json(const JsonValue& value);
void append_json(const JsonValue& value, std::string& out);

}  // namespace quizdeck::core
