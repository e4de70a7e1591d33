// SPDX-License-Identifier: MIT
// The deck a bank makes, checked by the deck loader itself before anyone sees it: an entry
// the loader would reject is left out and reported, with the loader's reason, at the
// entry's position in the source file. What comes out passes `quizdeck check`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "interchange/deck_yaml.h"

namespace quizdeck::interchange {

// A deck that would be larger than `max_bytes` as written is not finished: its text stops
// at the entry that crossed the size, marked `over`, and is not checked.
DeckText finish_deck(Bank& bank, const std::string& source_file,
                     const std::vector<std::string>& comment, std::size_t max_bytes = SIZE_MAX);

}  // namespace quizdeck::interchange
