// SPDX-License-Identifier: MIT
#include "core/json.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/number.h"
#include "core/utf8.h"

namespace quizdeck::core {

const JsonValue* JsonValue::find(std::string_view name) const {
  for (const auto& [key, value] : members) {
    if (key == name) return &value;
  }
  return nullptr;
}

JsonValue* JsonValue::find(std::string_view name) {
  for (auto& [key, value] : members) {
    if (key == name) return &value;
  }
  return nullptr;
}

JsonValue& JsonValue::set(std::string_view name, JsonValue value) {
  if (JsonValue* existing = find(name)) {
    *existing = std::move(value);
    return *existing;
  }
  members.emplace_back(std::string(name), std::move(value));
  return members.back().second;
}

JsonValue JsonValue::make_number(double number) {
  JsonValue value;
  value.kind = Kind::kNumber;
  value.number = number;
  if (std::isfinite(number)) {
    value.text = format_number(number);
  } else {
    value.kind = Kind::kNull;
  }
  return value;
}

JsonValue JsonValue::make_integer(std::int64_t number) {
  JsonValue value;
  value.kind = Kind::kNumber;
  value.number = static_cast<double>(number);
  value.text = std::to_string(number);
  return value;
}

JsonValue JsonValue::make_string(std::string text) {
  JsonValue value;
  value.kind = Kind::kString;
  value.text = std::move(text);
  return value;
}

JsonValue JsonValue::make_bool(bool flag) {
  JsonValue value;
  value.kind = Kind::kBool;
  value.boolean = flag;
  return value;
}

namespace {

class Parser {
 public:
  Parser(std::string_view text, JsonError& error, std::vector<JsonNode>& nodes,
         std::string& decoded)
      : text_(text), error_(error), nodes_(nodes), decoded_(decoded) {}

  bool parse_document() {
    nodes_.clear();
    decoded_.clear();
    // Every escaped string decodes to no more bytes than its source: views into this buffer
    // stay valid because it never grows past what is reserved here.
    decoded_.reserve(text_.size());
    skip_space();
    if (!parse_value(0)) return false;
    skip_space();
    if (pos_ != text_.size()) return fail("unexpected text after the JSON value");
    return true;
  }

 private:
  bool fail(std::string message) {
    if (error_.message.empty()) {
      error_.offset = pos_;
      error_.message = std::move(message);
    }
    return false;
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  JsonNode& push(JsonValue::Kind kind) {
    JsonNode& node = nodes_.emplace_back();
    node.kind = kind;
    node.end = static_cast<std::uint32_t>(nodes_.size());
    return node;
  }

  bool parse_value(int depth) {
    if (depth > 256) return fail("JSON nested too deeply");
    if (pos_ >= text_.size()) return fail("unexpected end of JSON");
    const char c = text_[pos_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return parse_string();
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    if (literal("true")) {
      push(JsonValue::Kind::kBool).boolean = true;
      return true;
    }
    if (literal("false")) {
      push(JsonValue::Kind::kBool);
      return true;
    }
    if (literal("null")) {
      push(JsonValue::Kind::kNull);
      return true;
    }
    return fail(fmt::format("unexpected character '{}'", c));
  }

  bool parse_number() {
    const std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ + 1 < text_.size() && text_[pos_] == '0' && text_[pos_ + 1] >= '0' &&
        text_[pos_ + 1] <= '9') {
      pos_ = start;
      return fail("invalid number (leading zero)");
    }
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (digits() == 0) return fail("invalid number");
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (digits() == 0) return fail("invalid number");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0) return fail("invalid number");
    }
    const std::string_view source = text_.substr(start, pos_ - start);
    double number = 0;
    const auto result = core::parse_double(source.data(), source.data() + source.size(), number);
    if (result.ec != std::errc()) {
      pos_ = start;
      return fail("number out of range");
    }
    JsonNode& node = push(JsonValue::Kind::kNumber);
    node.text = source;
    node.number = number;
    return true;
  }

  bool parse_hex4(std::uint32_t& out) {
    if (pos_ + 4 > text_.size()) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        out |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        out |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  // Skips eight bytes at a time while none of them ends a plain run of a string: a quote,
  // a backslash, a control character or a byte past ASCII (each then read one by one).
  void skip_plain() {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHigh; };
    while (pos_ + 8 <= text_.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text_.data() + pos_, 8);
      const std::uint64_t stop = has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\')) |
                                 ((word - kOnes * 0x20) & ~word & kHigh) | (word & kHigh);
      if (stop != 0) return;
      pos_ += 8;
    }
  }

  // json_head of a string: where the source has 8 bytes from `at` on (a string read in
  // place), one load masked to its length, rather than a byte at a time.
  std::uint64_t head_of(std::string_view text, std::size_t at) const {
    if constexpr (std::endian::native == std::endian::little) {
      if (at != std::string::npos && at + 8 <= text_.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, text_.data() + at, 8);
        return text.size() >= 8 ? word : word & ((std::uint64_t{1} << (8 * text.size())) - 1);
      }
    }
    return json_head(text);
  }

  // A string's node: a view of the source when it has no escapes, else of its decoding.
  bool parse_string() {
    ++pos_;  // opening quote
    const std::size_t first = pos_;
    std::size_t decoded_from = std::string::npos;  // where this string's decoding starts
    while (true) {
      const std::size_t run = pos_;
      skip_plain();
      while (pos_ < text_.size() && text_[pos_] != '"' && text_[pos_] != '\\' &&
             static_cast<unsigned char>(text_[pos_]) >= 0x20) {
        if (static_cast<unsigned char>(text_[pos_]) >= 0x80) {
          // Outside strings any such byte is a syntax error; inside, it must be UTF-8.
          const std::string_view rest =
              text_.substr(pos_, std::min<std::size_t>(4, text_.size() - pos_));
          if (find_invalid_utf8(rest) == std::optional<std::size_t>(0))
            return fail("invalid UTF-8");
          std::size_t next = pos_;
          next_code_point(text_, next);
          pos_ = next;
          continue;
        }
        ++pos_;
      }
      if (decoded_from != std::string::npos) decoded_.append(text_.substr(run, pos_ - run));
      if (pos_ >= text_.size()) return fail("unterminated string");
      const char c = text_[pos_];
      if (c == '"') {
        JsonNode& node = push(JsonValue::Kind::kString);
        node.text = decoded_from == std::string::npos
                        ? text_.substr(first, pos_ - first)
                        : std::string_view(decoded_).substr(decoded_from);
        node.head =
            head_of(node.text, decoded_from == std::string::npos ? first : std::string::npos);
        ++pos_;
        return true;
      }
      if (c != '\\') return fail("control character in a string");
      if (decoded_from == std::string::npos) {
        decoded_from = decoded_.size();
        decoded_.append(text_.substr(first, pos_ - first));
      }
      ++pos_;
      if (pos_ >= text_.size()) return fail("unterminated string");
      const char e = text_[pos_++];
      switch (e) {
        case '"':
          decoded_ += '"';
          break;
        case '\\':
          decoded_ += '\\';
          break;
        case '/':
          decoded_ += '/';
          break;
        case 'b':
          decoded_ += '\b';
          break;
        case 'f':
          decoded_ += '\f';
          break;
        case 'n':
          decoded_ += '\n';
          break;
        case 'r':
          decoded_ += '\r';
          break;
        case 't':
          decoded_ += '\t';
          break;
        case 'u': {
          std::uint32_t unit = 0;
          if (!parse_hex4(unit)) return fail("invalid \\u escape");
          char32_t cp = unit;
          if (unit >= 0xD800 && unit <= 0xDBFF) {
            std::uint32_t low = 0;
            if (text_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate");
            pos_ += 2;
            if (!parse_hex4(low) || low < 0xDC00 || low > 0xDFFF) {
              return fail("unpaired surrogate");
            }
            cp = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
          } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return fail("unpaired surrogate");
          }
          append_utf8(decoded_, cp);
          break;
        }
        default:
          return fail("invalid escape in a string");
      }
    }
  }

  // Closes an array or object node opened at `at`: its count and the end of its subtree.
  void close(std::size_t at, std::uint32_t count) {
    nodes_[at].count = count;
    nodes_[at].end = static_cast<std::uint32_t>(nodes_.size());
  }

  bool parse_array(int depth) {
    ++pos_;
    const std::size_t at = nodes_.size();
    push(JsonValue::Kind::kArray);
    std::uint32_t count = 0;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      close(at, count);
      return true;
    }
    while (true) {
      skip_space();
      if (!parse_value(depth + 1)) return false;
      ++count;
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == ']') {
        ++pos_;
        close(at, count);
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool parse_object(int depth) {
    ++pos_;
    const std::size_t at = nodes_.size();
    push(JsonValue::Kind::kObject);
    std::uint32_t count = 0;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      close(at, count);
      return true;
    }
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') {
        return fail("expected a string key");
      }
      if (!parse_string()) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      skip_space();
      if (!parse_value(depth + 1)) return false;
      ++count;
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < text_.size() && text_[pos_] == '}') {
        ++pos_;
        close(at, count);
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  std::string_view text_;
  JsonError& error_;
  std::vector<JsonNode>& nodes_;
  std::string& decoded_;
  std::size_t pos_ = 0;
};

// The value the nodes from `at` on hold, as a tree.
JsonValue tree_of(const std::vector<JsonNode>& nodes, std::uint32_t at) {
  const JsonNode& node = nodes[at];
  JsonValue value;
  value.kind = node.kind;
  value.boolean = node.boolean;
  value.number = node.number;
  switch (node.kind) {
    case JsonValue::Kind::kNumber:
    case JsonValue::Kind::kString:
      value.text.assign(node.text);
      break;
    case JsonValue::Kind::kArray:
      value.items.reserve(node.count);
      for (std::uint32_t i = at + 1; i < node.end; i = nodes[i].end) {
        value.items.push_back(tree_of(nodes, i));
      }
      break;
    case JsonValue::Kind::kObject:
      value.members.reserve(node.count);
      for (std::uint32_t i = at + 1; i < node.end; i = nodes[i + 1].end) {
        value.members.emplace_back(std::string(nodes[i].text), tree_of(nodes, i + 1));
      }
      break;
    default:
      break;
  }
  return value;
}

}  // namespace

bool JsonTape::parse(std::string_view text, JsonError& error) {
  error = JsonError{};
  return Parser(text, error, nodes_, decoded_).parse_document();
}

JsonView JsonView::find(std::string_view name) const {
  if (!is_object()) return {};
  const std::vector<JsonNode>& nodes = tape_->nodes_;
  const std::uint64_t head = json_head(name);
  for (std::uint32_t i = at_ + 1; i < nodes[at_].end; i = nodes[i + 1].end) {
    if (json_key_is(nodes[i], name, head)) return JsonView(tape_, i + 1);
  }
  return {};
}

std::optional<JsonValue> parse_json(std::string_view text, JsonError& error) {
  JsonTape tape;
  if (!tape.parse(text, error)) return std::nullopt;
  return tree_of(tape.nodes_, 0);
}

void append_json(const JsonValue& value, std::string& out) {
  switch (value.kind) {
    case JsonValue::Kind::kNull:
      out += "null";
      break;
    case JsonValue::Kind::kBool:
      out += value.boolean ? "true" : "false";
      break;
    case JsonValue::Kind::kNumber:
      out += value.text;
      break;
    case JsonValue::Kind::kString:
      out += json_quote(value.text);
      break;
    case JsonValue::Kind::kArray: {
      out += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ',';
        append_json(value.items[i], out);
      }
      out += ']';
      break;
    }
    case JsonValue::Kind::kObject: {
      out += '{';
      for (std::size_t i = 0; i < value.members.size(); ++i) {
        if (i > 0) out += ',';
        append_json_quoted(out, value.members[i].first);
        out += ':';
        append_json(value.members[i].second, out);
      }
      out += '}';
      break;
    }
  }
}

std::string to_json(const JsonValue& value) {
  std::string out;
  append_json(value, out);
  return out;
}

std::optional<std::vector<std::string>> parse_json_strings(std::string_view text) {
  JsonError error;
  const auto value = parse_json(text, error);
  if (!value || !value->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& item : value->items) {
    if (!item.is_string()) return std::nullopt;
    out.push_back(item.text);
  }
  return out;
}

}  // namespace quizdeck::core
