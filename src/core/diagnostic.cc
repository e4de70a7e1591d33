// SPDX-License-Identifier: MIT
#include "core/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/json_writer.h"
#include "core/utf8.h"
#include "core/visible.h"

namespace quizdeck::core {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

namespace {

// The line as it can be shown: invalid UTF-8 bytes and control characters (but tabs)
// become U+FFFD, one for one, so columns still line up.
std::string printable_line(std::string_view line) {
  std::string out;
  std::size_t pos = 0;
  while (pos < line.size()) {
    const std::size_t start = pos;
    const auto cp = decode_utf8(line, pos);
    if (!cp || (*cp < 0x20 && *cp != '\t') || (*cp >= 0x7F && *cp <= 0x9F)) {
      out += "\uFFFD";
      continue;
    }
    out.append(line.substr(start, pos - start));
  }
  return out;
}

}  // namespace

Diagnostic make_diagnostic(Severity severity, const SourceText& source, std::size_t offset,
                           int length, std::string message) {
  const LineColumn at = source.locate(offset);
  Diagnostic d;
  d.severity = severity;
  d.file = source.file_name();
  d.line = at.line;
  d.column = at.column;
  d.length = std::max(length, 1);
  d.message = std::move(message);
  d.source_line = printable_line(source.line_text(at.line));
  return d;
}

Diagnostic make_file_diagnostic(Severity severity, std::string file, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.file = std::move(file);
  d.message = std::move(message);
  return d;
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
}

namespace {

std::string header(const Diagnostic& d) {
  if (d.file.empty()) return fmt::format("quizdeck: {}: ", severity_name(d.severity));
  if (d.line == 0) return fmt::format("{}: {}: ", d.file, severity_name(d.severity));
  return fmt::format("{}:{}:{}: {}: ", d.file, d.line, d.column, severity_name(d.severity));
}

// The source line (tabs shown as single spaces so the caret lines up) and the caret line.
void append_excerpt(const Diagnostic& d, std::string& out) {
  std::string shown;
  std::size_t caret_offset = 0;  // display cells before the caret
  std::size_t caret_width = 0;   // display cells underlined
  std::size_t pos = 0;
  int column = 1;
  const int end_column = d.column + std::max(d.length, 1);
  while (pos < d.source_line.size()) {
    const std::size_t start = pos;
    char32_t cp = next_code_point(d.source_line, pos);
    std::string piece = cp == '\t' ? std::string(" ") : d.source_line.substr(start, pos - start);
    const std::size_t width = display_width(piece);
    if (column < d.column) {
      caret_offset += width;
    } else if (column < end_column) {
      caret_width += std::max<std::size_t>(width, 1);
    }
    shown += piece;
    ++column;
  }
  if (caret_width == 0) caret_width = 1;  // a position at the end of the line
  // Very long lines (minified YAML, deep nesting) are shown as a window around the caret.
  constexpr std::size_t kMaxShown = 100;
  if (display_width(shown) > kMaxShown) {
    const std::size_t skip = caret_offset > kMaxShown / 2 ? caret_offset - kMaxShown / 2 : 0;
    std::string window = skip > 0 ? std::string("...") : std::string();
    std::size_t cells = 0;
    std::size_t at = 0;
    while (at < shown.size() && cells < skip + kMaxShown) {
      const std::size_t start = at;
      next_code_point(shown, at);
      const std::string_view piece(shown.data() + start, at - start);
      if (cells >= skip) window += piece;
      cells += display_width(piece);
    }
    if (at < shown.size()) window += "...";
    shown = std::move(window);
    caret_offset = caret_offset - skip + (skip > 0 ? 3 : 0);
    caret_width = std::min(caret_width, kMaxShown / 2);
  }
  out += "    ";
  out += shown;
  out += '\n';
  out += "    ";
  out += std::string(caret_offset, ' ');
  out += '^';
  out += std::string(caret_width - 1, '~');
  out += '\n';
}

}  // namespace

std::string render_text(const Diagnostic& d) {
  // Paths and messages quote what decks, stores and command lines hold: shown, not obeyed.
  std::string out = visible(header(d) + d.message, Lines::kShow) + '\n';
  if (d.line > 0 && !d.source_line.empty()) append_excerpt(d, out);
  for (const auto& note : d.notes) out += render_text(note);
  return out;
}

std::string render_json(const Diagnostic& d) {
  JsonWriter json;
  json.begin_object();
  json.key("file").value(d.file);
  json.key("line").value(d.line);
  json.key("column").value(d.column);
  json.key("length").value(d.length);
  json.key("severity").value(severity_name(d.severity));
  json.key("message").value(d.message);
  if (!d.rule.empty()) json.key("rule").value(d.rule);
  if (!d.notes.empty()) {
    json.key("notes").begin_array();
    for (const auto& note : d.notes) json.raw(render_json(note));
    json.end_array();
  }
  json.end_object();
  return json.take();
}

}  // namespace quizdeck::core
