// SPDX-License-Identifier: MIT
// The results format (JSON Lines, "quizdeck-results" version 1): what `quizdeck results`
// writes out of a learner's store and `quizdeck analyze` reads from many. One JSON object
// per line: a header first, then exam sittings, then answers. Pure: text in, records out.
// The format is described in quizdeck(1), RESULTS FORMAT.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/expected.h"
#include "core/json.h"
#include "core/review.h"

namespace quizdeck::analysis {

inline constexpr int kResultsVersion = 1;
inline constexpr std::string_view kResultsFormat = "quizdeck-results";

struct ResultsHeader {
  int version = kResultsVersion;
  std::optional<std::string> learner;  // the --learner label; nothing else personal
  std::int64_t exported_ms = 0;
  std::optional<std::int64_t> since_ms;
};

// Which of a learner's exam sittings count, as Moodle's grading methods: the first, the
// last, the best (the highest score; of equal ones, the first) or all.
enum class AttemptChoice { kFirst, kLast, kBest, kAll };

std::optional<AttemptChoice> parse_attempt_choice(std::string_view name);
std::string_view attempt_choice_name(AttemptChoice choice);

// One question of an exam sitting, in the order asked.
struct ExamQuestion {
  std::string deck;
  std::string card;
};

struct ExamSitting {
  std::int64_t attempt = 0;  // the sitting's number in the learner's store
  std::vector<std::string> decks;
  std::int64_t started_ms = 0;
  std::optional<std::int64_t> ended_ms;
  std::optional<std::int64_t> time_ms;  // spent answering (over every sitting of it)
  std::optional<double> score;          // points earned and possible
  std::optional<double> points;
  std::optional<double> pass_mark;  // percent
  std::optional<bool> passed;
  bool complete = true;                 // false: left before its end
  std::vector<ExamQuestion> questions;  // empty when the store no longer knows them
};

struct Answer {
  std::optional<std::int64_t> attempt;  // the exam sitting it belongs to
  core::ReviewMode mode = core::ReviewMode::kDrill;
  std::string deck;
  std::string card;
  std::optional<std::string> content;   // the card's content hash when it was asked
  std::optional<std::string> question;  // and its question hash (deck::card_question_hash)
  std::int64_t time_ms = 0;
  std::optional<std::vector<std::string>> shown;   // choice cards: the choices as shown
  std::optional<std::vector<std::string>> picked;  // choice cards: the choices picked
  std::optional<std::string> answer;               // a typed answer, as typed
  bool correct = false;
  std::optional<double> credit;  // share of the card's points earned, 0 to 1
  int rating = 3;                // the FSRS rating it earned, 1 to 4
  std::int64_t response_ms = 0;
  bool scheduled = false;  // it updated the card's schedule
  bool reset = false;      // a reset set it aside later
};

using ResultsRecord = std::variant<ResultsHeader, ExamSitting, Answer>;

// Each record as one line of JSON (no line break).
std::string write_results_line(const ResultsRecord& record);

// Reads one line. An error names the field and what is wrong with it; unknown fields are
// ignored (later versions may add some), an unknown "type" or a newer version is an error.
core::Expected<ResultsRecord> read_results_line(std::string_view line);

// The same, for many lines: each is read into the record of the line before (its strings
// keep their memory), without a tree of the line. After an error the record holds part of
// the line: read it again before use.
class ResultsReader {
 public:
  core::Expected<void> read(std::string_view line, ResultsRecord& record);

 private:
  core::JsonTape tape_;
};

}  // namespace quizdeck::analysis
