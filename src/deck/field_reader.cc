// SPDX-License-Identifier: MIT
#include "deck/field_reader.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/normalize.h"
#include "core/suggest.h"
#include "core/utf8.h"
#include "core/visible.h"
#include "deck/scalar.h"

namespace quizdeck::deck {

// "!!str" is the one tag a deck may carry (it changes nothing for text).
constexpr std::string_view kStringTag = "tag:yaml.org,2002:str";

using core::Diagnostic;
using core::Severity;
using Kind = YamlNode::Kind;

std::string_view kind_name(const YamlNode& node) {
  switch (node.kind) {
    case Kind::kNull:
      return "empty";
    case Kind::kScalar:
      return "text";
    case Kind::kSequence:
      return "a list";
    case Kind::kMap:
      return "a map";
  }
  return "text";
}

std::string strip_final_line_breaks(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

Diagnostic& FieldReader::report(Severity severity, const YamlNode& at, std::string message) {
  diagnostics_.push_back(
      core::make_diagnostic(severity, source_, at.offset, at.length, std::move(message)));
  if (severity == Severity::kError) ++errors_;
  return diagnostics_.back();
}

void FieldReader::add_note(Diagnostic& to, std::string message) {
  Diagnostic note = to;
  note.severity = Severity::kNote;
  note.message = std::move(message);
  note.source_line.clear();
  note.notes.clear();
  to.notes.push_back(std::move(note));
}

void FieldReader::add_note_at(Diagnostic& to, const YamlNode& at, std::string message) {
  to.notes.push_back(
      core::make_diagnostic(Severity::kNote, source_, at.offset, at.length, std::move(message)));
}

SourcePos FieldReader::position(const YamlNode& node) const {
  const auto at = source_.locate(node.offset);
  return {at.line, at.column};
}

namespace {

// A tag as an item of a flow list: quoted when YAML would read it otherwise.
std::string flow_item(std::string_view tag) {
  const bool plain_ok = tag.find_first_of("[]{},#:\"'") == std::string_view::npos &&
                        std::string_view("-?&*!|>%@`").find(tag.front()) == std::string_view::npos;
  if (plain_ok) return std::string(tag);
  std::string out = "\"";
  for (const char c : tag) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string flow_list(const std::vector<std::string>& tags) {
  std::string out = "[";
  for (const auto& tag : tags) out += (out.size() > 1 ? ", " : "") + flow_item(tag);
  return out + "]";
}

// Words of `text` joined by '-': one tag.
std::string hyphenated(std::string_view text) {
  std::string out;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find_first_of(" \t\r\n", start), text.size());
    if (end > start) out += (out.empty() ? "" : "-") + std::string(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

// `tags: infant choking` read as one text: tags are single words in a list, so the
// suggestion is itself valid: a list of the comma-separated parts, each hyphenated, or
// for words without commas both readings (one tag, or one per word).
std::string tags_suggestion(std::string_view text) {
  std::vector<std::string> parts;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string tag = hyphenated(text.substr(start, comma - start));
    if (!tag.empty()) parts.push_back(std::move(tag));
    start = comma + 1;
  }
  if (parts.empty()) return "write tags as a list, such as tags: [first-aid, cpr]";
  const bool commas = text.find(',') != std::string_view::npos;
  const std::string as_one = fmt::format("write tags: {}", flow_list(parts));
  if (commas || text.find_first_of(" \t") == std::string_view::npos) return as_one;
  std::vector<std::string> words;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find_first_of(" \t\r\n", start), text.size());
    if (end > start) words.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return fmt::format("write tags: {} for one tag, or tags: {} for {} (a tag holds no spaces)",
                     flow_list(parts), flow_list(words),
                     words.size() == 2 ? "two" : fmt::format("{}", words.size()));
}

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

}  // namespace

FieldReader::TextWalk::TextWalk(const FieldReader& reader, const YamlNode& scalar)
    : reader_(reader), scalar_(scalar), source_(scalar.offset) {
  const std::string_view source = reader_.source().text();
  if (!scalar.has_position || source_ >= source.size()) {
    lost_ = true;
    return;
  }
  // Past an opening quote, or a block scalar's indicator line.
  const char first = source[source_];
  if (first == '"' || first == '\'') {
    ++source_;
  } else if (first == '|' || first == '>') {
    while (source_ < source.size() && source[source_] != '\n') ++source_;
  }
}

YamlNode FieldReader::TextWalk::at(std::size_t offset, std::size_t length) {
  const std::string_view source = reader_.source().text();
  const std::string_view text = scalar_.text;
  offset = std::min(offset, text.size());
  const auto skip_space = [&] {
    while (source_ < source.size() && is_space(source[source_])) ++source_;
  };
  while (!lost_ && text_ < offset) {
    if (is_space(text[text_])) {
      ++text_;
      continue;
    }
    skip_space();
    if (source_ >= source.size() || source[source_] != text[text_]) {
      lost_ = true;
      break;
    }
    ++text_;
    ++source_;
  }
  if (!lost_ && offset < text.size() && !is_space(text[offset])) {
    skip_space();
    if (source_ >= source.size() || source[source_] != text[offset]) lost_ = true;
  }
  if (lost_) return scalar_;
  YamlNode at;
  at.kind = YamlNode::Kind::kScalar;
  at.offset = source_;
  at.length = static_cast<int>(
      std::max<std::size_t>(1, core::count_code_points(text.substr(offset, length))));
  return at;
}

Entries FieldReader::read_map(const YamlNode& map, const std::vector<std::string>& allowed,
                              std::string_view context, const UnknownKeyNote& unknown_note) {
  Entries entries;
  for (const auto& [key, value] : map.entries) {
    if (key.kind != Kind::kScalar) {
      error(key.kind == Kind::kNull ? map : key,
            fmt::format("a key in {} must be a plain name, not {}", context, kind_name(key)));
      continue;
    }
    const auto [it, inserted] = entries.try_emplace(key.text, Entry{&key, &value});
    if (!inserted) {
      auto& d = error(key, fmt::format("duplicate key '{}' in {}", key.text, context));
      add_note_at(d, *it->second.key, "first given here");
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), key.text) == allowed.end()) {
      auto& d = error(key, fmt::format("unknown key '{}' in {}", key.text, context));
      if (const auto near = core::suggest(key.text, allowed)) {
        add_note(d, fmt::format("did you mean '{}'?", *near));
      } else if (unknown_note) {
        if (auto note = unknown_note(key.text)) add_note(d, std::move(*note));
      }
      entries.erase(it);
    }
  }
  return entries;
}

std::optional<std::string> FieldReader::read_text(const Entry& entry, std::string_view name) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kNull) {
    error(*entry.key, fmt::format("'{}' is empty", name));
    return std::nullopt;
  }
  if (value.kind != Kind::kScalar) {
    error(value, fmt::format("'{}' must be text, not {}", name, kind_name(value)));
    return std::nullopt;
  }
  if (!value.tag.empty() && value.tag != kStringTag) return std::nullopt;  // reported
  std::string text = strip_final_line_breaks(value.text);
  if (core::is_blank(text)) {
    error(value, fmt::format("'{}' is empty", name));
    return std::nullopt;
  }
  return text;
}

void FieldReader::check_tags(const YamlNode& node) {
  if (!node.tag.empty() && node.tag != kStringTag) {
    // "tag:yaml.org,2002:int" is written "!!int".
    constexpr std::string_view kCore = "tag:yaml.org,2002:";
    const std::string written =
        node.tag.starts_with(kCore) ? "!!" + node.tag.substr(kCore.size()) : node.tag;
    auto& d = error(node, fmt::format("unsupported YAML tag '{}'", written));
    add_note(d, "decks take no YAML tags: write the value as it is (quote it for text)");
  }
  for (const auto& item : node.items) check_tags(item);
  for (const auto& entry : node.entries) {
    check_tags(entry.first);
    check_tags(entry.second);
  }
}

void FieldReader::warn_control_characters(const YamlNode& node) {
  if (node.kind == Kind::kScalar) {
    const auto control = core::find_control(node.text);
    if (!control) return;
    // Point at the character itself when it stands in the file as is (not written as an
    // escape such as "\e").
    YamlNode at = node;
    std::size_t end = control->offset;
    core::decode_utf8(node.text, end);
    const std::string_view bytes =
        std::string_view(node.text).substr(control->offset, end - control->offset);
    for (const std::size_t quote : {0, 1}) {  // a quoted scalar starts at its quote
      const std::size_t offset = node.offset + quote + control->offset;
      if (offset < source_.text().size() &&
          source_.text().compare(offset, bytes.size(), bytes) == 0) {
        at.offset = offset;
        at.length = 1;
        break;
      }
    }
    warning(at, fmt::format("this text holds a control character, {}; quizdeck shows it as "
                            "'{}' and never sends it to a terminal",
                            core::describe_control(control->code_point), core::visible(bytes)));
    return;
  }
  for (const auto& item : node.items) warn_control_characters(item);
  for (const auto& entry : node.entries) {
    warn_control_characters(entry.first);
    warn_control_characters(entry.second);
  }
}

std::optional<bool> FieldReader::read_bool(const Entry& entry, std::string_view name) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kScalar && value.plain && value.tag.empty()) {
    if (const auto flag = plain_bool(value.text)) return flag;
    if (is_yaml11_bool_word(value.text)) {
      auto& d = error(value, fmt::format("'{}' must be true or false, not '{}'", name, value.text));
      add_note(d, "quizdeck reads YAML 1.2: yes, no, on and off are text, not booleans");
      return std::nullopt;
    }
  }
  if (value.kind == Kind::kScalar) {
    auto& d = error(value, fmt::format("'{}' must be true or false, not '{}'", name, value.text));
    if (!value.plain && plain_bool(value.text)) add_note(d, "remove the quotes");
  } else {
    error(where(entry), fmt::format("'{}' must be true or false, not {}", name, kind_name(value)));
  }
  return std::nullopt;
}

std::optional<double> FieldReader::read_number(const Entry& entry, std::string_view name) {
  const YamlNode& value = *entry.value;
  if (value.kind == Kind::kScalar && value.plain && value.tag.empty()) {
    if (const auto number = plain_number(value.text)) return number;
    if (is_plain_non_finite(value.text)) {
      error(value, fmt::format("'{}' must be a finite number, not '{}'", name, value.text));
      return std::nullopt;
    }
  }
  if (value.kind == Kind::kScalar) {
    auto& d = error(value, fmt::format("'{}' must be a number, not '{}'", name, value.text));
    if (!value.plain && plain_number(value.text)) add_note(d, "remove the quotes");
  } else {
    error(where(entry), fmt::format("'{}' must be a number, not {}", name, kind_name(value)));
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> FieldReader::read_tags(const Entry& entry) {
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    auto& d = error(where(entry), fmt::format("'tags' must be a list, not {}", kind_name(value)));
    if (value.kind == Kind::kScalar) add_note(d, tags_suggestion(value.text));
    return std::nullopt;
  }
  std::vector<std::string> tags;
  bool ok = true;
  for (const auto& item : value.items) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      error(item.has_position ? item : value,
            item.kind == Kind::kScalar || item.kind == Kind::kNull
                ? std::string("a tag cannot be empty")
                : fmt::format("a tag must be text, not {}", kind_name(item)));
      ok = false;
      continue;
    }
    if (item.text.find_first_of(" \t\r\n") != std::string::npos) {
      error(item, fmt::format("tag '{}' contains white space; tags are single words like "
                              "'peer-support'",
                              item.text));
      ok = false;
      continue;
    }
    if (std::find(tags.begin(), tags.end(), item.text) == tags.end()) tags.push_back(item.text);
  }
  if (!ok) return std::nullopt;
  return tags;
}

std::vector<std::pair<std::string, const YamlNode*>> FieldReader::read_texts(
    const Entry& entry, std::string_view name, std::string_view what) {
  std::vector<std::pair<std::string, const YamlNode*>> out;
  const YamlNode& value = *entry.value;
  if (value.kind != Kind::kSequence) {
    error(where(entry), fmt::format("'{}' must be a list, not {}", name, kind_name(value)));
    return out;
  }
  for (const auto& item : value.items) {
    if (item.kind != Kind::kScalar || core::is_blank(item.text)) {
      error(item.has_position ? item : value,
            item.kind == Kind::kScalar || item.kind == Kind::kNull
                ? fmt::format("{} cannot be empty", what)
                : fmt::format("{} must be text, not {}", what, kind_name(item)));
      continue;
    }
    out.emplace_back(strip_final_line_breaks(item.text), &item);
  }
  return out;
}

}  // namespace quizdeck::deck
