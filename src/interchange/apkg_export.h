// SPDX-License-Identifier: MIT
// A deck as the rows of an Anki collection, for a package the Anki apps import (desktop,
// AnkiDroid, AnkiMobile): the legacy layout every one of them reads, a schema-11
// collection.anki2 with its note types, deck and options as JSON in the col row and
// "schedVer": 2 (else Anki's importer would shift learning answers up a button).
//
// Each entry is one note, its GUID the card's id, so the trip back matches cards: a note
// type "quizdeck Basic" (Front, Back) for every card type but cloze, "quizdeck Cloze"
// (Text, Back Extra) for clozes, each with a third field, "quizdeck", no template shows:
// the card itself (anki_card_field.h), which `import` reads back exactly. Choices go on
// the front; the key, the match rule, the whys and the explanation on the back. A card's
// image and audio, and its choices' images, travel as the package's media.
//
// With a schedule: each card's state (new, learning, review, relearning), its due date,
// interval, reps and lapses, its FSRS memory in cards.data (s, d, dr, decay, lrt),
// suspension (queue -1), burying and flag, and a revlog row for every review, so the
// learner carries on in Anki where quizdeck left off. Pure: a deck in, rows out; the
// command reads the store and the media, cli/files/apkg_writer.h writes the file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/review.h"
#include "deck/card.h"
#include "interchange/bank.h"

namespace quizdeck::interchange {

// One card's schedule, as the store holds it.
struct AnkiSchedule {
  core::State state = core::State::kNew;
  std::int64_t due_ms = 0;
  double stability = 0;
  double difficulty = 0;
  int scheduled_days = 0;
  int steps_left = 0;  // (re)learning steps still to go
  int reps = 0;
  int lapses = 0;
  std::optional<std::int64_t> last_review_ms;
  bool suspended = false;
  bool buried = false;
  int flag = 0;
};

// Anki's revlog types.
enum class AnkiReviewKind { kLearn = 0, kReview = 1, kRelearn = 2, kFiltered = 3, kManual = 4 };

// One review of the log as Anki records it (the command works out the states around it).
struct AnkiReview {
  std::string card_id;  // quizdeck's
  std::int64_t time_ms = 0;
  int rating = 0;  // 1-4; 0 for a manual entry (a reset)
  std::int64_t response_ms = 0;
  AnkiReviewKind kind = AnkiReviewKind::kLearn;  // the card's state before it; kFiltered
                                                 // when it did not change the schedule
  std::int64_t interval = 0;                     // after it: days, or seconds as a negative number
  std::int64_t last_interval = 0;                // before it, the same way
  int factor = 0;  // FSRS difficulty as Anki logs it (100-1100); 0: none
};

struct AnkiScheduling {
  std::map<std::string, AnkiSchedule> cards;  // by card id; a card not here is new
  std::vector<AnkiReview> reviews;
  double desired_retention = 0.9;
  double decay = 0.1542;  // FSRS-6's w20
  std::vector<int> learning_steps_minutes = {1, 10};
  std::vector<int> relearning_steps_minutes = {10};
  int maximum_interval = 36500;
};

struct AnkiNoteOut {
  std::int64_t id = 0;
  std::string guid;
  std::int64_t notetype = 0;
  std::int64_t mod = 0;  // s
  std::string tags;      // " a b ", or empty
  std::string fields;    // separated by 0x1f
  std::string sort_field;
  std::uint32_t checksum = 0;
};

struct AnkiCardOut {
  std::int64_t id = 0;
  std::int64_t note = 0;
  std::int64_t deck = 0;
  int ord = 0;
  int type = 0;
  int queue = 0;
  std::int64_t due = 0;
  std::int64_t interval = 0;
  int factor = 0;
  int reps = 0;
  int lapses = 0;
  int left = 0;
  int flags = 0;
  std::string data;  // JSON, or empty
};

struct AnkiRevlogOut {
  std::int64_t id = 0;  // ms: the review's time, made unique
  std::int64_t card = 0;
  int ease = 0;
  std::int64_t interval = 0;
  std::int64_t last_interval = 0;
  int factor = 0;
  std::int64_t time = 0;  // ms
  int type = 0;
};

struct ApkgPackage {
  // The col row.
  std::int64_t created_s = 0;  // crt: day numbers count from its day
  std::int64_t mod_ms = 0;
  std::string conf;
  std::string models;
  std::string decks;
  std::string deck_options;
  std::vector<AnkiNoteOut> notes;
  std::vector<AnkiCardOut> cards;
  std::vector<AnkiRevlogOut> revlog;
  // Each media file: its name in the package, and its path in the deck (a key of the
  // MediaFiles given).
  std::vector<std::pair<std::string, std::string>> media;
  // What the package cannot carry, per card, as the other exports report it.
  std::vector<core::Diagnostic> notes_left = {};
  std::size_t left_out = 0;
  std::size_t entries = 0;
};

// The collection's day 0: 2006-01-01 04:00 UTC (Anki's day starts at 4 am), so that due
// dates of any review are positive day numbers.
inline constexpr std::int64_t kAnkiCreatedS = 1'136'088'000;

struct ApkgDeck {
  std::string file;   // the deck's path, for diagnostics
  std::string id;     // quizdeck's deck id
  std::string title;  // the Anki deck's name ("::" makes parents, as in Anki)
  std::vector<std::string> tags;
};

// `media` holds the files the cards name that could be read (a missing one is reported);
// `scheduling`, when given, the store's state and log of these cards. `now_ms` dates the
// notes (an updated export updates the notes in Anki) and bounds the ids.
ApkgPackage export_apkg(const std::vector<deck::Card>& cards, const ApkgDeck& deck,
                        const MediaFiles& media, const AnkiScheduling* scheduling,
                        std::int64_t now_ms);

// Anki's note checksum: the first 4 bytes of the SHA-1 of the first field's text.
std::uint32_t anki_checksum(std::string_view text);

// FSRS difficulty (1-10) as Anki logs it in revlog.factor: ((D - 1) / 9 + 0.1) * 1000.
int anki_difficulty_factor(double difficulty);

}  // namespace quizdeck::interchange
