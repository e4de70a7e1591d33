// SPDX-License-Identifier: MIT
// The printed handout or paper exam: numbered questions with their choices in the order
// given, space to answer, and the answer key on a page of its own. One self-contained
// HTML page (no scripts, no network) for A4 or Letter.
#pragma once

#include <string>
#include <vector>

#include "deck/deck.h"

namespace quizdeck::cli {

struct PrintedCard {
  const deck::Card* card;
  std::vector<std::size_t> order;  // the choices (or matching answers) in the order shown
};

// `paper` is a CSS page size ("A4", "letter").
std::string print_html(const deck::Deck& deck, const std::vector<PrintedCard>& printed, bool exam,
                       const std::string& paper);

}  // namespace quizdeck::cli
