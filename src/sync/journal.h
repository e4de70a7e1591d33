// SPDX-License-Identifier: MIT
// The sync journal's lines (quizdeck(1), SYNC JOURNALS): a header naming the format version
// and the device, then one JSON object per line: a review with its id, an undo (the
// tombstone of a review id), a card's marks or a setting with the time they were set, an
// exam sitting, a sync, a device retired. Reading and writing lines only; no file, no
// store, no clock.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/expected.h"
#include "core/review.h"

namespace quizdeck::sync {

inline constexpr int kJournalVersion = 1;
// Limits on what a journal may hold: a longer line is reported and skipped, and one run
// reads at most kMaxLinesPerRun lines of all journals (the rest on the next run).
inline constexpr std::size_t kMaxLineBytes = 256 * 1024;
inline constexpr std::size_t kMaxLinesPerRun = 1'000'000;
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;  // an answer, a card id, a value

// A review's id in every store: the device that made it and its number there.
struct ReviewId {
  std::string device;
  std::int64_t seq = 0;
  // Written out: libc++ 14's std::string has no operator<=> to default one from.
  friend std::strong_ordering operator<=>(const ReviewId& a, const ReviewId& b) {
    if (const int c = a.device.compare(b.device); c != 0) {
      return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    }
    return a.seq <=> b.seq;
  }
  friend bool operator==(const ReviewId&, const ReviewId&) = default;
};

struct Review {
  std::int64_t seq = 0;  // the device is the journal's
  std::int64_t time_ms = 0;
  std::string deck_id;
  std::string card_id;
  core::Rating rating = core::Rating::kGood;
  bool correct = true;
  std::string answer;
  std::string answer_form = "typed";
  std::optional<std::string> shown;
  std::int64_t response_ms = 0;
  core::ReviewMode mode = core::ReviewMode::kDrill;
  bool scheduled = true;
  std::optional<std::int64_t> reset_ms;
  std::optional<std::string> content;
  std::optional<double> credit;
  std::optional<std::string> question;
  bool operator==(const Review&) const = default;
};

struct Undo {
  ReviewId review;
  bool operator==(const Undo&) const = default;
};

struct Marks {
  std::int64_t time_ms = 0;
  std::string deck_id;
  std::string card_id;
  bool suspended = false;
  std::optional<std::int64_t> buried_until_ms;
  int flag = 0;
  bool leech = false;
  bool operator==(const Marks&) const = default;
};

struct Setting {
  std::int64_t time_ms = 0;
  std::string scope;  // "" global, else a deck id
  std::string key;
  std::optional<std::string> value;  // none: unset
  bool operator==(const Setting&) const = default;
};

// An exam sitting of the journal's device, under its number there (its id across stores:
// the device and that number), as the sync stamped `time_ms` sent it; sent again, with a
// later stamp, when it changes (an unfinished exam resumed). Not its plan (an exam is
// resumed only where it was begun): what `quizdeck results` needs of it instead, the
// questions in the order asked and the time spent answering.
struct Sitting {
  struct Question {
    std::string deck_id;
    std::string card_id;
    bool operator==(const Question&) const = default;
  };
  std::int64_t seq = 0;
  std::int64_t time_ms = 0;
  std::vector<std::string> deck_ids;  // each a deck id: no comma, no control character
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> ended_ms;
  std::optional<double> score;      // points earned
  std::optional<double> points;     // points possible
  std::optional<double> pass_mark;  // percent
  std::optional<bool> passed;
  bool complete = true;  // false: left before its end
  std::vector<Question> questions;
  std::optional<std::int64_t> spent_ms;
  // Its answers: the numbers of the device's reviews, as ranges [first, last].
  std::vector<std::pair<std::int64_t, std::int64_t>> answers;
  bool operator==(const Sitting&) const = default;
};

struct Synced {
  std::int64_t time_ms = 0;
  bool operator==(const Synced&) const = default;
};

struct Retire {
  std::int64_t time_ms = 0;
  std::string device;
  bool operator==(const Retire&) const = default;
};

using Event = std::variant<Review, Undo, Marks, Setting, Sitting, Synced, Retire>;

struct Header {
  int version = kJournalVersion;
  std::string device;
};

// A device id: 32 lowercase hex digits.
bool is_device_id(std::string_view text);

// One line, without its newline.
std::string format_header(const Header& header);
std::string format_event(const Event& event);

// A line as read (its newline taken off). A failure's message says what is wrong, its
// column (1-based) where; the caller adds the file and line.
core::Expected<Header> parse_header(std::string_view line);
core::Expected<Event> parse_event(std::string_view line);

// The journal file of a device in the sync folder: "quizdeck-<device>.journal".
std::string journal_name(std::string_view device);
// Whether a file in the sync folder is read as a journal: a device's journal, or a copy a
// sync tool made of one ("quizdeck-<device>.sync-conflict-<when>.journal" by Syncthing,
// "quizdeck-<device> (conflicted copy ...).journal" by Dropbox and the like). The device
// is the one its header names, not its name's.
bool is_journal_name(std::string_view name);

// Complete lines of `bytes` (a journal read from some offset): each line's text (newline
// taken off) and where the next one starts; a last line without its newline is not
// complete (a sync still writing it, a copy still arriving) and is left for later.
struct Line {
  std::string_view text;
  std::size_t end = 0;  // the offset just past its newline, in `bytes`
};
std::vector<Line> complete_lines(std::string_view bytes, std::size_t max_lines);

}  // namespace quizdeck::sync
