// SPDX-License-Identifier: MIT
// Rows of delimited text (RFC 4180 CSV, TSV, Anki's plain-text notes): cells split on a
// separator, "quoted" cells may hold separators, line breaks and "" for a quote; rows end
// at \n, \r\n or \r. Each row keeps the line it starts on.
#pragma once

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

struct Rows {
  std::vector<Row> rows;
  std::optional<core::Diagnostic> error;  // a quote never closed
};

// From `offset` on; lines starting with '#' are skipped when `comments` (Anki's headers).
Rows read_rows(const core::SourceText& source, char separator, std::size_t offset = 0,
               bool comments = false);

// A cell as read_rows reads it back: quoted when it holds a quote, the separator or a line
// break (or starts with '#', which Anki's reader takes for a header).
std::string write_cell(std::string_view text, char separator);

}  // namespace quizdeck::interchange
