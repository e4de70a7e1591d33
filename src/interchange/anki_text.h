// SPDX-License-Identifier: MIT
// Anki's "Notes in Plain Text" (File > Export, and Import of .txt/.csv): '#' header lines
// (#separator:, #html:, #tags:, #tags column:, #notetype:, #notetype column:, #deck:,
// #deck column:, #guid column:), then one note per row. Basic notes become flash cards,
// "Basic (type in the answer)" short answers, Cloze notes cloze cards; GUIDs become ids.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/source_text.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

Bank import_anki_text(const core::SourceText& source);

// One Anki note, as a text export or a package holds it.
struct AnkiNote {
  std::string guid;
  std::string notetype;             // its note type's name
  bool cloze = false;               // of Anki's cloze kind (else told by the name)
  std::vector<std::string> fields;  // as stored (HTML)
  std::vector<std::string> tags;
};

// A note as an entry (its GUID as the id; the position is left to the caller); `warn`
// hears what does not carry over, and why a note is skipped (nothing is returned then).
// `blank_numbers`, when given, gets each cloze blank's Anki number (the N of {{cN::}}) in
// the order of the blanks: blank i + 1 of the card is asked by Anki's card N - 1.
std::optional<Entry> entry_of_note(const AnkiNote& note, bool html,
                                   const std::function<void(std::string)>& warn,
                                   std::vector<int>* blank_numbers = nullptr);

// With the headers Anki needs to import it as is, into the deck `deck_name`.
Exported export_anki_text(const std::vector<Entry>& entries, const std::string& deck_file,
                          const std::string& deck_name);

}  // namespace quizdeck::interchange
