// SPDX-License-Identifier: MIT
// An Anki package made in memory from the rows interchange/apkg_export.h works out: the
// collection as a SQLite file in Anki's schema 11 (collection.anki2, made in memory and
// serialized: no journal, no file beside it), the JSON media map ({"0": "name.png"}) and
// each media file as a member named by its number; no `meta` member, which makes every
// Anki since 2.0 read it as the legacy layout. The command writes the bytes with the
// output guard like any other file.
#pragma once

#include <string>

#include "core/expected.h"
#include "interchange/apkg_export.h"

namespace quizdeck::cli {

core::Expected<std::string> apkg_bytes(const interchange::ApkgPackage& package,
                                       const interchange::MediaFiles& media);

}  // namespace quizdeck::cli
