// SPDX-License-Identifier: MIT
#include "cli/files/revlog_csv.h"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "cli/files/input_file.h"
#include "core/time.h"
#include "core/visible.h"
#include "interchange/delimited.h"

namespace quizdeck::cli {
namespace {

constexpr std::array<std::string_view, 4> kColumns{"card_id", "review_time", "review_rating",
                                                   "review_state"};

// An error at `offset` of one row, said at its line of the file (the row starts on
// `first_line`).
core::Failure bad(const core::SourceText& row, std::int64_t first_line, std::size_t offset,
                  std::string message) {
  core::Diagnostic d =
      core::make_diagnostic(core::Severity::kError, row, offset, 1, std::move(message));
  d.line += static_cast<int>(first_line - 1);
  return core::fail_at(ExitCode::kInvalidInput, std::move(d));
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

std::string shown(std::string_view cell) {
  return core::visible(cell.substr(0, 40), core::Lines::kShow);
}

}  // namespace

RevlogReader::RevlogReader(std::string name, int day_start_hour, std::size_t max_reviews)
    : name_(std::move(name)), day_start_hour_(day_start_hour), max_reviews_(max_reviews) {}

core::Expected<void> RevlogReader::line(std::string_view text, std::int64_t number) {
  if (pending_.empty() && !open_quote_) pending_line_ = number;
  if (pending_.size() + (open_quote_ ? 1 : 0) + text.size() > kMaxLogRowBytes) {
    return core::fail_in_file(ExitCode::kInvalidInput, name_,
                              fmt::format("the row from line {} on is longer than {} KiB; "
                                          "review logs have short rows",
                                          pending_line_, kMaxLogRowBytes >> 10));
  }
  if (open_quote_) pending_ += '\n';
  pending_.append(text);
  // A quoted cell still open at the line's end goes on at the next line (it holds a line
  // break). Quotes are read as the row reader reads them: one opens a cell only at its
  // start, and "" inside is a quote.
  bool cell_start = !open_quote_;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (open_quote_) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        ++i;
      } else if (c == '"') {
        open_quote_ = false;
      }
    } else if (c == '"' && cell_start) {
      open_quote_ = true;
      cell_start = false;
    } else {
      cell_start = c == ',';
    }
  }
  if (open_quote_) return {};
  std::string record = std::move(pending_);
  pending_.clear();
  return row(std::move(record), pending_line_);
}

core::Expected<void> RevlogReader::row(std::string record, std::int64_t first_line) {
  const core::SourceText source(name_, std::move(record));
  interchange::RowReader reader(source, ',');
  interchange::Row row;
  std::optional<core::Diagnostic> error;
  const auto next = reader.next(row, error);
  if (next == interchange::RowReader::Next::kEnd) return {};  // a blank line
  if (next == interchange::RowReader::Next::kMalformed) {
    error->line += static_cast<int>(first_line - 1);
    return core::fail_at(ExitCode::kInvalidInput, std::move(*error));
  }
  if (!header_seen_) {
    header_seen_ = true;
    header_cells_ = row.cells.size();
    for (const std::string_view column : kColumns) {
      std::size_t found = row.cells.size();
      for (std::size_t c = 0; c < row.cells.size(); ++c) {
        std::string_view name = row.cells[c];
        if (c == 0 && name.starts_with("\xEF\xBB\xBF")) name.remove_prefix(3);  // a BOM
        if (name == column) found = c;
      }
      if (found == row.cells.size()) {
        return bad(source, first_line, row.offset,
                   fmt::format("the header has no '{}' column (expected card_id,review_time,"
                               "review_rating,review_state,...)",
                               column));
      }
      at_.push_back(found);
    }
    return {};
  }
  const std::size_t needed = *std::max_element(at_.begin(), at_.end()) + 1;
  if (row.cells.size() < needed) {
    return bad(source, first_line, row.offset,
               fmt::format("{} cells where the header has {}", row.cells.size(), header_cells_));
  }
  if (log_.size() == max_reviews_) {
    return bad(source, first_line, row.offset,
               fmt::format("more than {} reviews; a longer log is refused (fit on a part of it, "
                           "such as its latest years)",
                           max_reviews_));
  }
  const auto time = whole_number(row.cells[at_[1]]);
  const auto rating = whole_number(row.cells[at_[2]]);
  const auto state = whole_number(row.cells[at_[3]]);
  // Times from 1970 to 2200: anything else is a unit mistake (seconds?) or damage.
  if (!time || *time < 0 || *time > 7'258'118'400'000) {
    return bad(source, first_line, row.offset,
               fmt::format("review_time '{}' is not a time in milliseconds since 1970",
                           shown(row.cells[at_[1]])));
  }
  if (!rating || *rating < 1 || *rating > 4) {
    return bad(source, first_line, row.offset,
               fmt::format("review_rating '{}' is not 1 (again), 2 (hard), 3 (good) or 4 "
                           "(easy)",
                           shown(row.cells[at_[2]])));
  }
  if (!state || *state < 0 || *state > 3) {
    return bad(source, first_line, row.offset,
               fmt::format("review_state '{}' is not 0 (new), 1 (learning), 2 (review) or "
                           "3 (relearning)",
                           shown(row.cells[at_[3]])));
  }
  optimize::LogEntry entry;
  entry.card = std::move(row.cells[at_[0]]);
  entry.time_ms = *time;
  entry.rating = static_cast<int>(*rating);
  entry.state = static_cast<int>(*state);
  entry.day = core::study_day(*time, day_start_hour_);
  log_.push_back(std::move(entry));
  return {};
}

core::Expected<std::vector<optimize::LogEntry>> RevlogReader::finish() {
  if (open_quote_) {
    // The row never closed its quote: said where the quote opens.
    open_quote_ = false;
    std::string record = std::move(pending_);
    pending_.clear();
    if (auto done = row(std::move(record), pending_line_); !done) return done.error();
  }
  if (!header_seen_) {
    return core::fail_at(ExitCode::kInvalidInput,
                         core::make_file_diagnostic(core::Severity::kError, name_,
                                                    "no header: expected card_id,review_time,"
                                                    "review_rating,review_state,..."));
  }
  return std::move(log_);
}

core::Expected<std::vector<optimize::LogEntry>> read_revlog_csv_file(const std::string& path,
                                                                     int day_start_hour) {
  RevlogReader reader(path == "-" ? "<stdin>" : path, day_start_hour);
  auto read = read_input_lines(
      path, "review logs", kMaxLogRowBytes,
      [&](std::string_view line, std::int64_t number) { return reader.line(line, number); });
  if (!read) return read.error();
  return reader.finish();
}

core::Expected<std::vector<optimize::LogEntry>> read_revlog_csv(const core::SourceText& source,
                                                                int day_start_hour) {
  RevlogReader reader(source.file_name(), day_start_hour);
  const std::string_view text = source.text();
  std::int64_t number = 1;
  for (std::size_t at = 0; at < text.size(); ++number) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (auto taken = reader.line(line, number); !taken) return taken.error();
    at = end + 1;
  }
  return reader.finish();
}

}  // namespace quizdeck::cli
