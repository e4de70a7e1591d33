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
    if (value.kind == Kind::kScalar) add_note(d, fmt::format("write tags: [{}]", value.text));
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
