// SPDX-License-Identifier: MIT
// Reading the fields of a deck's YAML tree: maps with known keys (unknown ones reported
// with a suggestion), text, YAML 1.2 booleans, numbers and tag lists, each with an error
// at the value's position when it is not what the format says. Shared by the deck and the
// card checks; the diagnostics go into the list it was given.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_text.h"
#include "deck/deck.h"
#include "deck/yaml_tree.h"

namespace quizdeck::deck {

struct Entry {
  const YamlNode* key = nullptr;
  const YamlNode* value = nullptr;
};

using Entries = std::map<std::string, Entry, std::less<>>;

// The entry for `name`, or null.
inline const Entry* find_entry(const Entries& entries, std::string_view name) {
  const auto it = entries.find(name);
  return it == entries.end() ? nullptr : &it->second;
}

// "empty", "text", "a list", "a map": how a node's kind is named in messages.
std::string_view kind_name(const YamlNode& node);
std::string strip_final_line_breaks(std::string text);
// What to write instead of `tags: <text>` (a text, not a list): "write tags: [a, b-c]".
std::string tags_suggestion(std::string_view text);

class FieldReader {
 public:
  // A further note for a key that is not allowed and has no near miss.
  using UnknownKeyNote = std::function<std::optional<std::string>(const std::string& key)>;

  FieldReader(const core::SourceText& source, std::vector<core::Diagnostic>& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  const core::SourceText& source() const { return source_; }
  int errors() const { return errors_; }
  // The diagnostic reported last (there must be one).
  core::Diagnostic& last() { return diagnostics_.back(); }

  core::Diagnostic& report(core::Severity severity, const YamlNode& at, std::string message);
  core::Diagnostic& error(const YamlNode& at, std::string message) {
    return report(core::Severity::kError, at, std::move(message));
  }
  core::Diagnostic& warning(const YamlNode& at, std::string message) {
    return report(core::Severity::kWarning, at, std::move(message));
  }
  // A note at the same place as its diagnostic (no second excerpt).
  static void add_note(core::Diagnostic& to, std::string message);
  // A note pointing at another place, with its own excerpt.
  void add_note_at(core::Diagnostic& to, const YamlNode& at, std::string message);
  // Where to point for a value: empty values have no position of their own.
  static const YamlNode& where(const Entry& entry) {
    return entry.value->has_position ? *entry.value : *entry.key;
  }
  SourcePos position(const YamlNode& node) const;
  // Where byte `offset` of a scalar's text stands in the file, as a node to point at
  // (`length` bytes of the text long): found by walking the text and its source side by
  // side, white space aside (indentation, folded lines); the scalar itself when they part
  // (an escape). Offsets must come in increasing order for one `walk`.
  class TextWalk {
   public:
    TextWalk(const FieldReader& reader, const YamlNode& scalar);
    YamlNode at(std::size_t offset, std::size_t length);

   private:
    const FieldReader& reader_;
    const YamlNode& scalar_;
    std::size_t text_ = 0;    // bytes of the text walked
    std::size_t source_ = 0;  // the source offset they end at
    bool lost_ = false;
  };

  Entries read_map(const YamlNode& map, const std::vector<std::string>& allowed,
                   std::string_view context, const UnknownKeyNote& unknown_note = nullptr);
  std::optional<std::string> read_text(const Entry& entry, std::string_view name);
  std::optional<bool> read_bool(const Entry& entry, std::string_view name);
  std::optional<double> read_number(const Entry& entry, std::string_view name);
  std::optional<std::vector<std::string>> read_tags(const Entry& entry);
  // The texts of a list of scalars (each a non-empty text) with their nodes, reporting the
  // others; `what` names an item in messages ("an item", "a distractor").
  std::vector<std::pair<std::string, const YamlNode*>> read_texts(const Entry& entry,
                                                                  std::string_view name,
                                                                  std::string_view what);
  // A warning for each text in the tree (keys too) holding a control character: shown
  // visibly wherever quizdeck prints it, and probably not what the author meant.
  void warn_control_characters(const YamlNode& node);
  // An error for each explicit YAML tag in the tree but !!str (such as '!!int abc').
  void check_tags(const YamlNode& node);

 private:
  const core::SourceText& source_;
  std::vector<core::Diagnostic>& diagnostics_;
  int errors_ = 0;
};

}  // namespace quizdeck::deck
