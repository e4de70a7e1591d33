// SPDX-License-Identifier: MIT
// An Anki package (.apkg, also .colpkg) read from disk: a zip (libzip) holding the
// collection as SQLite -- collection.anki21b (zstd-compressed, libzstd; the newer schema
// with note types in tables), else collection.anki21 or collection.anki2 (note types as
// JSON) -- read in memory, never written, into the plain rows interchange/apkg.h converts.
// The collection is another program's SQLite file, so it is opened as hostile: defensive
// mode, no trusted schema, CHECK constraints ignored, and a schema of plain tables and
// indexes only (a generated column, trigger, view or virtual table is refused before any
// row is read, since reading would run its code). Sizes are capped (a zip or zstd bomb is
// refused, not unpacked), and so is what a package may expand to: the budget below, each
// limit an error naming it (quizdeck(1) LIMITS).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/expected.h"
#include "interchange/apkg.h"

namespace quizdeck::cli {

// What one package may hold.
inline constexpr std::size_t kMaxCollectionBytes = 384ULL * 1024 * 1024;  // unpacked
inline constexpr std::size_t kMaxNotes = 100'000;
inline constexpr std::size_t kMaxCards = 500'000;
inline constexpr std::size_t kMaxReviews = 1'000'000;
inline constexpr std::size_t kMaxFieldBytes = 48ULL * 1024 * 1024;    // notes' fields and tags
inline constexpr std::size_t kMaxNotetypeBytes = 8ULL * 1024 * 1024;  // col.models, col.decks
inline constexpr std::size_t kMaxValueBytes = 16ULL * 1024 * 1024;    // any one value
inline constexpr std::size_t kMaxMediaFileBytes = 16ULL * 1024 * 1024;
inline constexpr std::size_t kMaxAllMediaBytes = 256ULL * 1024 * 1024;
inline constexpr std::size_t kMaxMediaFiles = 100'000;

core::Expected<interchange::AnkiCollection> read_apkg(const std::string& path);

// The rows of a collection database's bytes (uncompressed); `path` names the package in
// errors.
core::Expected<interchange::AnkiCollection> read_collection(std::string bytes,
                                                            const std::string& path);

// The media files `used` names (name -> zip member), read from the package (and unpacked,
// when zstd-compressed as newer packages keep them); each at most 16 MiB, 256 MiB in all.
core::Expected<std::vector<std::pair<std::string, std::string>>> read_apkg_media(
    const std::string& path, const std::map<std::string, std::string>& used);

}  // namespace quizdeck::cli
