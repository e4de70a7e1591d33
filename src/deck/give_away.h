// SPDX-License-Identifier: MIT
// Which cards give each other's answer away when asked one after the other, beyond siblings
// (the blanks of one cloze, card_id.h), so that exams, crams and printouts never put them
// side by side: a card whose question or choices show, as whole words, an answer another
// card asks to be typed (a short answer or a cloze blank, of at least four letters or
// digits: "yes" or "10" in a text gives nothing away). Case does not matter; punctuation
// separates words. A card's own answer in its own text is no concern of this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "deck/card.h"

namespace quizdeck::deck {

class GiveAways {
 public:
  // The relations among `cards` (none may be null), by their positions in it. Linear in
  // the words of the cards' texts; at most kMaxPairs pairs are kept (a deck where every
  // card names every other's answer cannot be ordered apart anyway).
  explicit GiveAways(const std::vector<const Card*>& cards);

  // Whether cards i and j (i != j) give each other away, one way or the other.
  bool related(std::size_t i, std::size_t j) const;

  static constexpr std::size_t kMaxPairs = 1'000'000;

 private:
  std::unordered_set<std::uint64_t> pairs_;  // i * n + j, with i < j
  std::size_t n_ = 0;
};

}  // namespace quizdeck::deck
