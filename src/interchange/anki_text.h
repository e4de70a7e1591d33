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
  std::string notetype;                  // its note type's name
  bool cloze = false;                    // of Anki's cloze kind (else told by the name)
  std::vector<std::string> fields;       // as stored (HTML)
  std::vector<std::string> field_names;  // the note type's, when known (else "Field 3" ...)
  std::vector<std::string> tags;
};

// A note as an entry (its GUID as the id; the position is left to the caller); `warn`
// hears what does not carry over, and why a note is skipped (nothing is returned then).
// `blank_numbers`, when given, gets each cloze blank's Anki number (the N of {{cN::}}) in
// the order of the blanks: blank i + 1 of the card is asked by Anki's card N - 1.
// A note quizdeck exported brings back its card from its "quizdeck" field
// (anki_card_field.h). Fields past the ones a card is made of (an "Extra", a "Source") are
// kept in the explanation, each labelled with its field's name.
std::optional<Entry> entry_of_note(const AnkiNote& note, bool html,
                                   const std::function<void(std::string)>& warn,
                                   std::vector<int>* blank_numbers = nullptr);

// Plain text as an Anki field's HTML: line breaks as <br>, runs of spaces as &nbsp;.
std::string anki_html(std::string_view text);

// A cloze's text as Anki's: {{Berlin|Wien}} as {{c1::Berlin}}, each blank numbered in
// order; Anki takes one answer, so `alternatives` says whether others were left out.
std::string anki_cloze(const std::string& question, bool& alternatives);

// With the headers Anki needs to import it as is, into the deck `deck_name` (its control
// characters shown as text).
Exported export_anki_text(const std::vector<Entry>& entries, const std::string& deck_file,
                          const std::string& deck_name);

}  // namespace quizdeck::interchange
