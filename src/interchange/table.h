// SPDX-License-Identifier: MIT
// Questions in a table (CSV, TSV): the first row names the columns, or `columns` does
// (question, answer, back, choice, tags, id, explain, hint, or skip; answer and choice may
// repeat), and then every row is a question (but the first, a header of other names, with
// `skip_header`). Rows of empty cells are no questions. A row with choices is a choice card
// (several answers: multi); otherwise true or false makes a true/false card, a number a numeric
// card, a back a flash card, and any other answers are a short answer's alternatives.
#pragma once

#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

Bank import_table(const core::SourceText& source, char separator,
                  const std::vector<std::string>& columns, bool skip_header = false);

// A deck as a table import_table reads back: a header row (id, question, answer...,
// choice..., back, explain, hint, tags; as many answer and choice columns as the widest
// card needs), one row per card. Cloze, matching and ordering cards, tolerances, match
// rules, points and media are reported as left out. A text that import_table would read
// as markup ("<memory>", "&amp;") has its '&', '<' and '>' written as character
// references, which import_table decodes.
Exported export_table(const std::vector<Entry>& entries, const std::string& deck_file,
                      char separator);

// The column names a table can have, for messages and --help.
inline constexpr const char* kTableColumns =
    "question, answer, back, choice, tags, id, explain, hint, skip";

}  // namespace quizdeck::interchange
