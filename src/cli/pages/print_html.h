// SPDX-License-Identifier: MIT
// The printed handout or paper exam: numbered questions with their choices in the order
// given, each image beside its question, space to answer, and the answer key (every
// accepted answer, and how typed answers are matched) on a page of its own. One
// self-contained HTML page (no scripts, no network, images as data URIs) for A4 or Letter.
#pragma once

#include <string>
#include <vector>

#include "deck/deck.h"

namespace quizdeck::cli {

struct PrintedCard {
  const deck::Card* card;
  std::vector<std::size_t> order;  // the choices (or matching answers) in the order shown
  std::string image_html = {};     // the card's image, embedded (embedded_image_html)
};

// `paper` is a CSS page size ("A4", "letter").
std::string print_html(const deck::Deck& deck, const std::vector<PrintedCard>& printed, bool exam,
                       const std::string& paper);

}  // namespace quizdeck::cli
