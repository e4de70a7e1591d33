// SPDX-License-Identifier: MIT
// An Anki collection (the SQLite database inside an .apkg package, read by the command
// into these plain rows) as a bank: each note through the same conversion as Anki's text
// export (anki_text.h), its cards mapped to the cards quizdeck makes of it, and the review
// log as history for those cards, with the cards' suspension and flags. Pure: rows in,
// entries and reviews out.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "interchange/bank.h"

namespace quizdeck::interchange {

struct AnkiNoteType {
  std::string name;
  bool cloze = false;
  std::vector<std::string> fields = {};  // the fields' names, in order
};

struct AnkiNoteRow {
  std::int64_t id = 0;
  std::string guid;
  std::int64_t notetype = 0;
  std::string tags;    // space-separated, as Anki keeps them
  std::string fields;  // separated by 0x1f
};

struct AnkiCardRow {
  std::int64_t id = 0;
  std::int64_t note = 0;
  std::int64_t deck = 0;
  int ord = 0;    // which of the note's cards: a template, or cloze number - 1
  int queue = 0;  // -1 suspended, -2 and -3 buried, 0 new, 1-4 learning or review
  int flags = 0;  // the low 3 bits: the flag's colour (0 none, 1-7 red ... purple)
};

struct AnkiReviewRow {
  std::int64_t id = 0;  // when, in ms since the epoch
  std::int64_t card = 0;
  int ease = 0;  // 1-4; 0 for a manual change
  int type = 0;  // 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual
  std::int64_t factor = 0;
  std::int64_t duration_ms = 0;
};

struct AnkiCollection {
  std::map<std::int64_t, AnkiNoteType> notetypes;
  std::map<std::int64_t, std::string> decks;  // id -> name, "Parent::Child"
  std::vector<AnkiNoteRow> notes;
  std::vector<AnkiCardRow> cards;
  std::vector<AnkiReviewRow> reviews;
  std::size_t media = 0;  // media files in the package
  // The package's media: each file's name, and the zip member holding it.
  std::map<std::string, std::string> media_members;
};

struct ApkgImport {
  Bank bank;
  // Each Anki card quizdeck asks, as the ids of the cards it became: the note's id, or
  // "<id>#k" for the blanks k of a cloze that Anki's card asks.
  std::map<std::int64_t, std::vector<std::string>> card_ids;
  // The media the entries use (their image and audio names), by name, with their members;
  // the command reads them from the package into the bank.
  std::map<std::string, std::string> media_used;
};

// `file` names the package in diagnostics (a note is named by its id and GUID: a package
// has no lines).
ApkgImport import_anki_collection(const AnkiCollection& collection, const std::string& file);

struct HistoryReview {
  std::string card_id;  // quizdeck's
  std::int64_t time_ms = 0;
  int rating = 3;
  std::int64_t response_ms = 0;
  // When Anki last reset the card (Forget), for a review before that: kept as history,
  // not part of the schedule.
  std::optional<std::int64_t> reset_ms;
};

// A card's marks as the package has them.
struct HistoryMark {
  std::string card_id;  // quizdeck's
  bool suspended = false;
  int flag = 0;  // 0 none, 1-7 as `quizdeck flag` numbers them (Anki's colours)
};

struct History {
  std::vector<HistoryReview> reviews;  // in time order
  std::size_t manual = 0;              // manual changes (rescheduling, Forget), not reviews
  std::size_t unmapped = 0;  // reviews of cards quizdeck does not ask (a reversed card ...)
  // Each card's suspension and flag, when the package carries scheduling (a review log, or
  // a card that is not plain new); a package without (a shared deck) says nothing of them.
  std::vector<HistoryMark> marks;
  // Reviews left out for a time no review can have, each an error naming its revlog row.
  std::vector<core::Diagnostic> refused;
};

// How far ahead of the import a review's time may be: Anki's own allowance for clocks.
inline constexpr std::int64_t kReviewClockSlackMs = 86'400'000;

// The review log for the cards `imported` maps, as quizdeck reviews; `file` names the
// package in diagnostics. A review at or before 1970 or more than a day after `now_ms`
// (a revlog id of INT64_MAX, or negative) is refused.
History history_of(const AnkiCollection& collection, const ApkgImport& imported,
                   const std::string& file, std::int64_t now_ms);

}  // namespace quizdeck::interchange
