// SPDX-License-Identifier: MIT
// The JSON an exported Anki collection keeps in its col row (apkg_export.h): its two note
// types, its decks, their options and the collection's configuration, as schema 11 has them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "interchange/apkg_export.h"

namespace quizdeck::interchange {

// The note types keep their ids from one export to the next, so a second import into Anki
// finds them again; their `mod` moves when their fields, templates or style change.
inline constexpr std::int64_t kBasicNotetype = 1'735'689'600'001;
inline constexpr std::int64_t kClozeNotetype = 1'735'689'600'002;

// The note types "quizdeck Basic" and "quizdeck Cloze" (apkg_export.h), new notes going to
// `deck`.
std::string anki_notetypes_json(std::int64_t deck);

// The deck and its parents ("A::B" is B inside A), by id, with Default.
std::string anki_decks_json(const std::vector<std::pair<std::int64_t, std::string>>& decks,
                            std::int64_t now_s);

// The Default options: retention, learning and relearning steps, maximum interval.
std::string anki_deck_options_json(const AnkiScheduling& s);

// The collection's configuration, `deck` current, the v2 scheduler.
std::string anki_conf_json(std::int64_t deck, std::size_t notes);

}  // namespace quizdeck::interchange
