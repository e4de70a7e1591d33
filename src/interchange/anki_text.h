// SPDX-License-Identifier: MIT
// Anki's "Notes in Plain Text" (File > Export, and Import of .txt/.csv): '#' header lines
// (#separator:, #html:, #tags:, #tags column:, #notetype:, #notetype column:, #deck:,
// #deck column:, #guid column:), then one note per row. Basic notes become flash cards,
// "Basic (type in the answer)" short answers, Cloze notes cloze cards; GUIDs become ids.
#pragma once

#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

Bank import_anki_text(const core::SourceText& source);

// With the headers Anki needs to import it as is, into the deck `deck_name`.
Exported export_anki_text(const std::vector<Entry>& entries, const std::string& deck_file,
                          const std::string& deck_name);

}  // namespace quizdeck::interchange
