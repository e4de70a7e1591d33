// SPDX-License-Identifier: MIT
// An Anki package (.apkg, also .colpkg) read from disk: a zip (libzip) holding the
// collection as SQLite -- collection.anki21b (zstd-compressed, libzstd; the newer schema
// with note types in tables), else collection.anki21 or collection.anki2 (note types as
// JSON) -- read in memory, never written, into the plain rows interchange/apkg.h converts.
// Sizes are capped (a zip or zstd bomb is refused, not unpacked).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/expected.h"
#include "interchange/apkg.h"

namespace quizdeck::cli {

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
