// SPDX-License-Identifier: MIT
// YAML text -> a plain tree of our own whose nodes carry byte offsets into the source.
// This is the only place that sees yaml-cpp. It covers yaml-cpp 0.7's pitfalls:
// invalid UTF-8 and NUL bytes are refused before parsing; a second document, a quoted
// string left open at the end of the file, nesting deeper than kMaxDepth, and alias
// expansion beyond a node budget ("billion laughs") are errors; empty values are marked
// as such (yaml-cpp gives them the position of the next token); lone CR line breaks work.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_text.h"

namespace quizdeck::deck {

// Deepest nesting of lists and maps accepted (yaml-cpp itself gives up near 500).
inline constexpr int kMaxDepth = 64;

struct YamlEntry;

struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  bool plain = false;              // a plain (unquoted, non-block) scalar: subject to typing
  bool has_position = true;        // false for an empty value: `offset` is then not its own
  std::string tag;                 // explicit tag such as "tag:yaml.org,2002:str", else empty
  std::size_t offset = 0;          // byte offset of the node's first character
  int length = 1;                  // code points of the token on its first line, for carets
  std::string text;                // scalars
  std::vector<YamlNode> items;     // sequences
  std::vector<YamlEntry> entries;  // maps, in source order
};

// A key and its value (not a std::pair: a pair of a type still being defined is not
// allowed, and clang refuses it).
struct YamlEntry {
  YamlEntry(YamlNode key, YamlNode value) : first(std::move(key)), second(std::move(value)) {}
  YamlNode first;
  YamlNode second;
};

struct YamlParse {
  std::optional<YamlNode> root;  // absent when the text is not usable YAML
  std::vector<core::Diagnostic> diagnostics;
};

// `source` must be the file's text with any UTF-8 byte order mark already removed.
YamlParse parse_yaml(const core::SourceText& source);

}  // namespace quizdeck::deck
