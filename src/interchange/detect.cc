// SPDX-License-Identifier: MIT
#include "interchange/detect.h"

#include <array>
#include <string>
#include <utility>

namespace quizdeck::interchange {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 8> kNames{{
    {Format::kGift, "gift"},
    {Format::kMoodleXml, "xml"},
    {Format::kQti, "qti"},
    {Format::kAiken, "aiken"},
    {Format::kAnkiText, "anki"},
    {Format::kApkg, "apkg"},
    {Format::kCsv, "csv"},
    {Format::kTsv, "tsv"},
}};

// The extension of a path's last component, with its dot ("" when it has none).
std::string_view extension_of(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find_last_of('.');
  return dot == std::string_view::npos || dot == 0 ? std::string_view() : name.substr(dot);
}

}  // namespace

std::string_view format_name(Format format) {
  for (const auto& [f, name] : kNames) {
    if (f == format) return name;
  }
  return "?";
}

std::optional<Format> parse_format(std::string_view name) {
  for (const auto& [format, n] : kNames) {
    if (n == name) return format;
  }
  return std::nullopt;
}

bool is_apkg_name(std::string_view path) {
  return path.ends_with(".apkg") || path.ends_with(".colpkg");
}

bool looks_like_zip(std::string_view bytes) {
  return bytes.starts_with("PK\x03\x04");
}

std::optional<Format> detect_format(std::string_view path, std::string_view text) {
  const std::string_view extension = extension_of(path);
  if (extension == ".gift") return Format::kGift;
  if (extension == ".aiken") return Format::kAiken;
  // A QTI item is XML too: told by its root element near the start.
  if (text.substr(0, 4096).find("<assessmentItem") != std::string_view::npos) return Format::kQti;
  if (extension == ".xml" || text.starts_with("<?xml") || text.starts_with("<quiz")) {
    return Format::kMoodleXml;
  }
  if (extension == ".csv") return Format::kCsv;
  if (extension == ".tsv" || extension == ".tab") return Format::kTsv;
  // Anki's exports start with '#' headers such as "#separator:tab", perhaps after a BOM.
  const std::string_view body = text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
  for (const std::string_view header :
       {"#separator:", "#html:", "#notetype", "#deck", "#tags", "#guid"}) {
    if (body.starts_with(header)) return Format::kAnkiText;
  }
  const bool braces =
      text.find('{') != std::string_view::npos && text.find('}') != std::string_view::npos;
  if (braces || text.find("$CATEGORY:") != std::string_view::npos) return Format::kGift;
  if (text.find("ANSWER:") != std::string_view::npos) return Format::kAiken;
  return std::nullopt;
}

}  // namespace quizdeck::interchange
