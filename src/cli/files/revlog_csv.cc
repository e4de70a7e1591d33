// SPDX-License-Identifier: MIT
#include "cli/files/revlog_csv.h"

#include <array>
#include <charconv>

#include <fmt/format.h>

#include "core/time.h"
#include "core/visible.h"
#include "interchange/delimited.h"

namespace quizdeck::cli {
namespace {

constexpr std::array<std::string_view, 4> kColumns{"card_id", "review_time", "review_rating",
                                                   "review_state"};

core::Failure bad(const core::SourceText& source, std::size_t offset, std::string message) {
  return core::fail_at(
      ExitCode::kInvalidInput,
      core::make_diagnostic(core::Severity::kError, source, offset, 1, std::move(message)));
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

core::Expected<std::vector<optimize::LogEntry>> read_revlog_csv(const core::SourceText& source,
                                                                int day_start_hour) {
  const interchange::Rows rows = interchange::read_rows(source, ',');
  if (rows.error) return core::fail_at(ExitCode::kInvalidInput, *rows.error);
  if (rows.rows.empty()) {
    return core::fail_at(ExitCode::kInvalidInput,
                         core::make_file_diagnostic(core::Severity::kError, source.file_name(),
                                                    "no header: expected card_id,review_time,"
                                                    "review_rating,review_state,..."));
  }
  const auto& header = rows.rows.front();
  std::array<std::size_t, kColumns.size()> at{};
  for (std::size_t k = 0; k < kColumns.size(); ++k) {
    std::size_t found = header.cells.size();
    for (std::size_t c = 0; c < header.cells.size(); ++c) {
      std::string_view name = header.cells[c];
      if (c == 0 && name.starts_with("\xEF\xBB\xBF")) name.remove_prefix(3);  // a BOM
      if (name == kColumns[k]) found = c;
    }
    if (found == header.cells.size()) {
      return bad(source, header.offset,
                 fmt::format("the header has no '{}' column (expected card_id,review_time,"
                             "review_rating,review_state,...)",
                             kColumns[k]));
    }
    at[k] = found;
  }
  std::vector<optimize::LogEntry> log;
  log.reserve(rows.rows.size());
  for (std::size_t i = 1; i < rows.rows.size(); ++i) {
    const auto& row = rows.rows[i];
    if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // a blank line
    std::size_t needed = 0;
    for (const std::size_t c : at) needed = std::max(needed, c + 1);
    if (row.cells.size() < needed) {
      return bad(
          source, row.offset,
          fmt::format("{} cells where the header has {}", row.cells.size(), header.cells.size()));
    }
    optimize::LogEntry entry;
    entry.card = row.cells[at[0]];
    const auto time = whole_number(row.cells[at[1]]);
    const auto rating = whole_number(row.cells[at[2]]);
    const auto state = whole_number(row.cells[at[3]]);
    // Times from 1970 to 2200: anything else is a unit mistake (seconds?) or damage.
    if (!time || *time < 0 || *time > 7'258'118'400'000) {
      return bad(source, row.offset,
                 fmt::format("review_time '{}' is not a time in milliseconds since 1970",
                             shown(row.cells[at[1]])));
    }
    if (!rating || *rating < 1 || *rating > 4) {
      return bad(source, row.offset,
                 fmt::format("review_rating '{}' is not 1 (again), 2 (hard), 3 (good) or 4 "
                             "(easy)",
                             shown(row.cells[at[2]])));
    }
    if (!state || *state < 0 || *state > 3) {
      return bad(source, row.offset,
                 fmt::format("review_state '{}' is not 0 (new), 1 (learning), 2 (review) or "
                             "3 (relearning)",
                             shown(row.cells[at[3]])));
    }
    entry.time_ms = *time;
    entry.rating = static_cast<int>(*rating);
    entry.state = static_cast<int>(*state);
    entry.day = core::study_day(*time, day_start_hour);
    log.push_back(std::move(entry));
  }
  return log;
}

}  // namespace quizdeck::cli
