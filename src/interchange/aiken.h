// SPDX-License-Identifier: MIT
// The Aiken format (docs.moodle.org/en/Aiken_format): a question on one line, its choices
// on the next lines as "A. text" or "A) text", then "ANSWER: A"; a blank line between
// questions. Choice questions only.
#pragma once

#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

// Malformed questions are errors (bank.diagnostics), with their position.
Bank import_aiken(const core::SourceText& source);

// Choice cards as Aiken; every other card, and what Aiken cannot carry, is reported at its
// position in `deck_file`.
Exported export_aiken(const std::vector<Entry>& entries, const std::string& deck_file);

}  // namespace quizdeck::interchange
