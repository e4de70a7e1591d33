// SPDX-License-Identifier: MIT
// A question bank on its way into a deck or out of one: its cards as an author writes
// them in a deck file (one entry per cloze, not per blank), the source position of each,
// and what could not be carried over exactly, as warnings in the `check` style. Importers
// (gift.h, aiken.h) make banks from other formats' text; deck_yaml.h writes a bank as a
// deck file. Pure: text in, text out.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "deck/card.h"

namespace quizdeck::interchange {

struct Entry {
  deck::CardType type = deck::CardType::kShort;
  std::string id;        // empty: the deck derives one
  std::string question;  // the question; a flash card's front; a cloze's text with {{blanks}}
  std::vector<deck::Choice> choices;  // choice, multi; matching: the distractors only;
                                      // ordering: the items in their right order
  std::vector<deck::Pair> pairs;      // matching
  std::vector<std::string> answers;   // choice: the key; multi: the keys; short: accepted
  bool truth = false;
  double number = 0;
  double tolerance = 0;
  deck::MatchRule match = deck::MatchRule::kNormalized;
  std::string back;
  std::string explain;
  std::string hint;
  // A file of the bank's `media` (an import), or a deck's path (an export).
  deck::Media image;
  deck::Media audio;
  std::vector<std::string> tags;
  double points = 1;
  bool shuffle = true;
  deck::SourcePos pos;  // where the question starts in the source
  bool warned = false;  // imported with a warning about what did not carry over
};

// The texts of an entry `any_text` looks at: what every format writes (question, back,
// answers, choices with their whys, pairs), or those and the entry's notes (id,
// explanation, hint, tags) for a format that carries them too.
enum class EntryTexts { kAsked, kWithNotes };

// Whether `test` holds for any of those texts of `e`.
bool any_text(const Entry& e, EntryTexts which, bool (*test)(std::string_view));

struct Bank {
  // At most this many diagnostics are kept for a source; the rest are counted in one note
  // (a file of a million bad rows prints a hundred warnings, not a million).
  static constexpr std::size_t kShown = 100;

  std::string title;
  std::vector<Entry> entries;
  std::vector<core::Diagnostic> diagnostics;  // warnings (and notes) about the source
  // Files the source holds (Moodle XML's base64 files, an Anki package's media), by name,
  // for the entries' image and audio; the command writes them beside the deck.
  std::vector<std::pair<std::string, std::string>> media;
  int questions = 0;  // questions seen in the source
  int skipped = 0;    // not imported (each with a warning saying why)
  int malformed = 0;  // of the skipped, left out for an error in the source
  // Questions imported as the blanks of one cloze (a GIFT run BASE#1 ... BASE#n), and the
  // clozes they became: with them, imported questions and cards differ.
  int joined = 0;
  int joined_clozes = 0;
  int warned() const;  // imported, with a warning

  // One question of the source: counted, and kept when it was converted (`warned`: with a
  // warning about what did not carry over), else counted as skipped.
  void add(std::optional<Entry> entry, bool warned);
  // `blanks` questions of the source that come in as one cloze (or are left out together).
  void add_cloze(std::optional<Entry> entry, bool warned, int blanks);

  // One question of the source that could not be read (the rest of the file still comes
  // in): counted, left out, and `error` (at its position) says why.
  void add_malformed(core::Diagnostic error);

  // A warning or error about the source: kept among the first kShown, else counted in the
  // note that stands for the rest (at the first of them).
  void report(core::Diagnostic diagnostic);

 private:
  std::size_t unshown_ = 0;
  std::size_t note_ = 0;  // where the note for the unshown ones is in `diagnostics`
};

// A card's explanation with its source, as exports carry it: "EXPLAIN\n\nSource: SOURCE"
// (only "Source: SOURCE" without an explanation), so every format that carries an
// explanation carries the citation too, and an import gives it back (split_source).
std::string with_source(std::string_view explain, std::string_view source);
// An imported explanation whose last paragraph is "Source: ..." as the explanation before
// it and the source; {explain, ""} otherwise.
std::pair<std::string, std::string> split_source(std::string_view explain);
// A true/false card's feedback for each answer (what Moodle shows who answers True, and
// who answers False), which a card keeps as the last lines of its explanation, "True: ..."
// and "False: ...", and the rest of the explanation (`general`).
struct TrueFalseFeedback {
  std::string general;
  std::string if_true;
  std::string if_false;
};
// An explanation split so (each line only when it is there and holds text).
TrueFalseFeedback true_false_feedback(const std::string& explain);
// An explanation with the feedback's lines after it (`feedback.general` unused).
std::string with_true_false_feedback(const std::string& explain, const TrueFalseFeedback& feedback);

// The error of a file refused whole (not in its format at all: no question counted, an
// error said why), which a command reports alone; nothing for any other bank.
std::optional<core::Diagnostic> refusal(const Bank& bank);

// A deck written in another format: the text, a warning per card for what the format
// cannot carry (at the card's position in the deck), and how many cards it left out whole.
struct Exported {
  std::string text;
  // Formats of several files (a QTI content package): each path, relative to the output
  // directory, and its content; `text` is then empty.
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<core::Diagnostic> notes;
  std::size_t left_out = 0;
};

// An export on its way: the entries as it writes them (see visible_entries), the text it
// writes, and a warning for each thing a card loses.
class ExportWriter {
 public:
  ExportWriter(const std::vector<Entry>& given, std::string deck_file);

  const std::vector<Entry>& entries() const { return entries_; }
  std::string& text() { return exported_.text; }
  std::vector<core::Diagnostic>& notes() { return exported_.notes; }
  // A warning at the card in the deck file: what of it the format cannot carry.
  void drop(const Entry& e, std::string message);
  // A card the format cannot carry at all: a warning, and one more left out.
  void leave_out(const Entry& e, std::string message);
  Exported take() { return std::move(exported_); }

 private:
  std::string deck_file_;
  Exported exported_;  // before entries_: making them notes in it
  std::vector<Entry> entries_;
};

// The name of an image in HTML text: the src of its first <img>, without a
// "@@PLUGINFILE@@/" prefix and URL-decoded ("my%20pic.png" -> "my pic.png"); empty when
// there is none.
std::string first_image(std::string_view html);

// Text without the "[image: NAME]" marker html_to_text left for an image now carried as
// the card's `image:` (white space around it tidied).
std::string without_image_marker(std::string text, std::string_view src);

// A deck's media files, by their path in the deck, for the exports that carry images.
using MediaFiles = std::map<std::string, std::string>;

// A note for each media file of `e` that `format` leaves out: its audio and choice
// images, and its image unless `images` (the format carries the question's image).
void note_media_left_out(const Entry& e, const std::string& deck_file, std::string_view format,
                         bool images, std::vector<core::Diagnostic>& notes);

// A warning about an entry of `deck_file`, at its position.
core::Diagnostic entry_warning(const Entry& entry, const std::string& deck_file,
                               std::string message);

// Entries as an export writes them: every control character but line breaks and tabs
// shown as text ("^[", as the terminal shows it), since exports are read by people, by
// other programs (XML has no place for them) and by terminals when printed; a note for
// each entry that held one.
std::vector<Entry> visible_entries(const std::vector<Entry>& entries, const std::string& deck_file,
                                   std::vector<core::Diagnostic>& notes);

// A deck's card as a bank entry (the inverse of what the deck loader makes of an entry;
// a cloze's blanks are one entry again).
std::vector<Entry> entries_of(const std::vector<deck::Card>& cards,
                              const std::vector<std::string>& deck_tags);

}  // namespace quizdeck::interchange
