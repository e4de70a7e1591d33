// SPDX-License-Identifier: MIT
// The questions of a printed deck, in the order `print` prints them, each with the order
// its choices are printed in: every card (a handout), or a paper exam's draw (as the
// deck's exam settings say), for one seed. `print` prints it; `responses` reads a paper
// answer sheet by it, so a form named by its seed is known again.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "deck/deck.h"

namespace quizdeck::cli {

struct PaperQuestion {
  std::size_t card = 0;            // index into the deck's cards
  std::vector<std::size_t> shown;  // the choices (or matching answers) in printed order
};

std::vector<PaperQuestion> paper_form(const deck::Deck& deck, bool exam,
                                      std::optional<int> questions, std::uint64_t seed);

}  // namespace quizdeck::cli
