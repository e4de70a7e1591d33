// SPDX-License-Identifier: MIT
#include "interchange/delimited.h"

#include <string>

namespace quizdeck::interchange {

RowReader::RowReader(const core::SourceText& source, char separator, std::size_t offset,
                     bool comments)
    : source_(source),
      text_(source.text()),
      separator_(separator),
      comments_(comments),
      at_(offset == 0 && source.text().starts_with("\xEF\xBB\xBF") ? 3 : offset) {}

RowReader::Next RowReader::next(Row& row, std::optional<core::Diagnostic>& error) {
  const auto skip_line = [&] {
    while (at_ < text_.size() && text_[at_] != '\n' && text_[at_] != '\r') ++at_;
    if (at_ < text_.size() && text_[at_] == '\r') ++at_;
    if (at_ < text_.size() && text_[at_] == '\n') ++at_;
  };
  while (at_ < text_.size()) {
    if (comments_ && text_[at_] == '#') {
      skip_line();
      continue;
    }
    row.cells.clear();
    row.offset = at_;
    std::string cell;
    bool ended = false;
    while (!ended) {
      if (at_ < text_.size() && text_[at_] == '"') {
        const std::size_t open = at_++;
        bool closed = false;
        while (at_ < text_.size()) {
          if (text_[at_] == '"') {
            if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
              cell += '"';
              at_ += 2;
              continue;
            }
            ++at_;
            closed = true;
            break;
          }
          cell += text_[at_++];
        }
        if (!closed) {
          error = core::make_diagnostic(core::Severity::kError, source_, open, 1,
                                        "this quoted cell is never closed (missing \")");
          at_ = open;
          skip_line();
          return Next::kMalformed;
        }
      }
      while (at_ < text_.size() && text_[at_] != separator_ && text_[at_] != '\n' &&
             text_[at_] != '\r') {
        cell += text_[at_++];
      }
      if (row.cells.size() == max_cells_) {
        error = core::make_diagnostic(
            core::Severity::kError, source_, row.offset, 1,
            "this row has more than " + std::to_string(max_cells_) + " cells");
        at_ = row.offset;
        skip_line();
        return Next::kMalformed;
      }
      row.cells.push_back(std::move(cell));
      cell.clear();
      if (at_ < text_.size() && text_[at_] == separator_) {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == '\r') ++at_;
      if (at_ < text_.size() && text_[at_] == '\n') ++at_;
      ended = true;
    }
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) return Next::kRow;
  }
  return Next::kEnd;
}

Rows read_rows(const core::SourceText& source, char separator, std::size_t offset, bool comments) {
  Rows out;
  RowReader reader(source, separator, offset, comments);
  Row row;
  while (true) {
    const RowReader::Next next = reader.next(row, out.error);
    if (next != RowReader::Next::kRow) break;
    out.rows.push_back(std::move(row));
    row = Row();
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
