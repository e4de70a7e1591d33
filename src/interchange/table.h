// SPDX-License-Identifier: MIT
// Questions in a table (CSV, TSV): the first row names the columns, or `columns` does
// (question, answer, back, choice, tags, id, explain, hint, or skip; answer and choice may
// repeat). A row with choices is a choice card (several answers: multi); otherwise true or
// false makes a true/false card, a number a numeric card, a back a flash card, and any
// other answers are a short answer's alternatives.
#pragma once

#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

Bank import_table(const core::SourceText& source, char separator,
                  const std::vector<std::string>& columns);

// The column names a table can have, for messages and --help.
inline constexpr const char* kTableColumns =
    "question, answer, back, choice, tags, id, explain, hint, skip";

}  // namespace quizdeck::interchange
