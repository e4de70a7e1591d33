// SPDX-License-Identifier: MIT
// Sync journals on disk (quizdeck(1), SYNC JOURNALS): this store's own one appended to
// (O_APPEND, then fsync; never rewritten), every journal in the folder read from where the
// last sync left it, one bounded line at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expected.h"

namespace quizdeck::cli {

// The journals (and copies sync tools made of them) in `dir`, by name; a folder that
// cannot be read is an I/O error.
core::Expected<std::vector<std::string>> list_journals(const std::string& dir);

// Appends `lines` (each without its newline) to the journal at `path` in one write, then
// makes them durable (fsync). A new file gets `header` first (and its folder an fsync); a
// file whose last line was cut off (a run killed while writing) gets a newline first, so
// nothing is joined to that line.
core::Expected<void> append_journal(const std::string& path, const std::string& header,
                                    const std::vector<std::string>& lines);

// One read of a journal from byte `offset`: each whole line (the one being written, at
// the end, is left for later) with its 1-based number (counted from `first_line`), up to
// `max_lines`; a line longer than `max_line_bytes` is passed as too long (its text cut),
// never held whole. Returns where the reading stopped (past the last whole line taken).
struct JournalLine {
  std::string_view text;
  std::int64_t number = 0;
  bool too_long = false;
};
struct JournalRead {
  std::int64_t offset = 0;  // where the next read starts
  std::int64_t lines = 0;   // lines taken
  std::int64_t size = 0;    // the file's size when read
};
core::Expected<JournalRead> read_journal(const std::string& path, std::int64_t offset,
                                         std::int64_t first_line, std::size_t max_lines,
                                         std::size_t max_line_bytes,
                                         const std::function<void(const JournalLine&)>& take);

}  // namespace quizdeck::cli
