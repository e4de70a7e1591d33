// SPDX-License-Identifier: MIT
// Review logs in the CSV that fsrs-rs, ts-fsrs and Anki's research tools read: a header
// naming card_id, review_time (ms since the epoch), review_rating (1-4) and review_state
// (0 new, 1 learning, 2 review, 3 relearning), in any order, other columns ignored
// (review_duration among them). Each review's study day is its local (TZ) day with days
// starting at `day_start_hour`. Read a line at a time, never whole: what is held is the
// reviews (at most kMaxLogReviews) and one row (at most kMaxLogRowBytes, a quoted cell's
// line breaks included), whatever the size of the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"
#include "core/source_text.h"
#include "optimize/items.h"

namespace quizdeck::cli {

inline constexpr std::size_t kMaxLogReviews = 4'000'000;
inline constexpr std::size_t kMaxLogRowBytes = 1024 * 1024;

// The rows of a review log fed one line at a time (without its line break), in order.
// A failure (kInvalidInput) points at the first bad cell: a missing column, a row with too
// few cells, a time, rating or state that is not one; a row over kMaxLogRowBytes or a review
// past kMaxLogReviews.
class RevlogReader {
 public:
  RevlogReader(std::string name, int day_start_hour, std::size_t max_reviews = kMaxLogReviews);
  core::Expected<void> line(std::string_view text, std::int64_t number);
  // The reviews, once every line is in (a quoted cell still open is an error).
  core::Expected<std::vector<optimize::LogEntry>> finish();

 private:
  core::Expected<void> row(std::string record, std::int64_t first_line);

  std::string name_;
  int day_start_hour_;
  std::size_t max_reviews_;
  std::string pending_;  // a row whose quoted cell holds line breaks, until it closes
  std::int64_t pending_line_ = 0;
  bool open_quote_ = false;
  bool header_seen_ = false;
  std::vector<std::size_t> at_;  // each column's cell, once the header is read
  std::size_t header_cells_ = 0;
  std::vector<optimize::LogEntry> log_;
};

// A review log file ("-": standard input), read a line at a time.
core::Expected<std::vector<optimize::LogEntry>> read_revlog_csv_file(const std::string& path,
                                                                     int day_start_hour);

// A review log held in memory (tests, fuzzing): the same reading, line by line.
core::Expected<std::vector<optimize::LogEntry>> read_revlog_csv(const core::SourceText& source,
                                                                int day_start_hour);

}  // namespace quizdeck::cli
