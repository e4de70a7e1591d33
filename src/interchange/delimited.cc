// SPDX-License-Identifier: MIT
#include "interchange/delimited.h"

namespace quizdeck::interchange {

Rows read_rows(const core::SourceText& source, char separator, std::size_t offset, bool comments) {
  Rows out;
  const std::string& text = source.text();
  std::size_t at = offset;
  if (at == 0 && text.starts_with("\xEF\xBB\xBF")) at = 3;
  while (at < text.size()) {
    if (comments && text[at] == '#') {
      while (at < text.size() && text[at] != '\n' && text[at] != '\r') ++at;
      if (at < text.size() && text[at] == '\r') ++at;
      if (at < text.size() && text[at] == '\n') ++at;
      continue;
    }
    Row row;
    row.offset = at;
    std::string cell;
    bool ended = false;
    while (!ended) {
      if (at < text.size() && text[at] == '"') {
        const std::size_t open = at++;
        bool closed = false;
        while (at < text.size()) {
          if (text[at] == '"') {
            if (at + 1 < text.size() && text[at + 1] == '"') {
              cell += '"';
              at += 2;
              continue;
            }
            ++at;
            closed = true;
            break;
          }
          cell += text[at++];
        }
        if (!closed) {
          out.error = core::make_diagnostic(core::Severity::kError, source, open, 1,
                                            "this quoted cell is never closed (missing \")");
          return out;
        }
      }
      while (at < text.size() && text[at] != separator && text[at] != '\n' && text[at] != '\r') {
        cell += text[at++];
      }
      row.cells.push_back(std::move(cell));
      cell.clear();
      if (at < text.size() && text[at] == separator) {
        ++at;
        continue;
      }
      if (at < text.size() && text[at] == '\r') ++at;
      if (at < text.size() && text[at] == '\n') ++at;
      ended = true;
    }
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) out.rows.push_back(std::move(row));
  }
  return out;
}

std::string write_cell(std::string_view text, char separator) {
  const bool quote =
      text.find_first_of(std::string("\"\n\r") + separator) != std::string_view::npos ||
      text.starts_with('#');
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace quizdeck::interchange
