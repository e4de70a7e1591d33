// SPDX-License-Identifier: MIT
// Rows of delimited text (RFC 4180 CSV, TSV, Anki's plain-text notes): cells split on a
// separator, "quoted" cells may hold separators, line breaks and "" for a quote; rows end
// at \n, \r\n or \r. Each row keeps the line it starts on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/source_text.h"

namespace quizdeck::interchange {

struct Row {
  std::vector<std::string> cells;
  std::size_t offset = 0;  // where the row starts in the text
};

// Rows one at a time, so that a table of millions of rows needs the memory of one. Blank
// lines are no rows.
class RowReader {
 public:
  // From `offset` on; lines starting with '#' are skipped when `comments` (Anki's headers).
  RowReader(const core::SourceText& source, char separator, std::size_t offset = 0,
            bool comments = false);

  enum class Next {
    kRow,        // `row` holds the next row
    kMalformed,  // a quoted cell never closed: `error` says where; reading goes on at the
                 // line after the quote's (the rest of the file is not one cell)
    kEnd,
  };
  Next next(Row& row, std::optional<core::Diagnostic>& error);
  // A row of more cells is malformed (`error` says where), so that a line of a million
  // separators costs no more than the limit: reading goes on at the next line.
  void limit_cells(std::size_t cells) { max_cells_ = cells; }

 private:
  const core::SourceText& source_;
  const std::string& text_;
  char separator_;
  bool comments_;
  std::size_t at_;
  std::size_t max_cells_ = SIZE_MAX;
};

struct Rows {
  std::vector<Row> rows;
  std::optional<core::Diagnostic> error;  // a quote never closed: the rows before it
};

// Every row up to the end, or up to a quote never closed.
Rows read_rows(const core::SourceText& source, char separator, std::size_t offset = 0,
               bool comments = false);

// A cell as read_rows reads it back: quoted when it holds a quote, the separator or a line
// break (or starts with '#', which Anki's reader takes for a header).
std::string write_cell(std::string_view text, char separator);

}  // namespace quizdeck::interchange
