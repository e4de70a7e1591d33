// SPDX-License-Identifier: MIT
// Deck tests compare rendered diagnostics: what `quizdeck check` would print for t.yaml.
#pragma once

#include <string>
#include <string_view>

#include "deck/parse_deck.h"

namespace quizdeck::deck {

inline std::string check(std::string_view yaml) {
  const DeckParse parse = parse_deck("t.yaml", yaml);
  std::string rendered;
  for (const auto& d : parse.diagnostics) rendered += core::render_text(d);
  return rendered;
}

}  // namespace quizdeck::deck
