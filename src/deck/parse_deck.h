// SPDX-License-Identifier: MIT
// Deck text -> Deck model, checked against the deck format (quizdeck-deck(5)). Every
// problem is reported, and a deck with any error is not returned: nothing half-loaded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "deck/deck.h"

namespace quizdeck::deck {

struct DeckParse {
  std::optional<Deck> deck;                   // present only when there are no errors
  std::vector<core::Diagnostic> diagnostics;  // errors and warnings, sorted
  // With errors, the deck as far as it could be read, for `check` to look at its media and
  // self-tests in the same run: every card without an error of its own (a cloze expanded),
  // and the others with only their media (no `accept:`/`reject:` examples). Never studied.
  std::optional<Deck> rejected;
};

// `path` names the file in diagnostics and gives the default deck id.
DeckParse parse_deck(std::string path, std::string_view text);

}  // namespace quizdeck::deck
