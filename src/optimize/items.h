// SPDX-License-Identifier: MIT
// A review log -> FSRS training items, as fsrs-rs and Anki convert one: per card, the
// reviews from its last (re)learning start on; one item per review after the first, holding
// every earlier review of the card with whole days between them (by study days, which the
// caller computes with its day-start hour); only reviews a day or more after the previous
// one are targets. Items come out in the order of their review time.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "optimize/model.h"

namespace quizdeck::optimize {

struct LogEntry {
  std::string card;  // any key that tells cards apart
  std::int64_t time_ms = 0;
  int rating = 3;        // 1-4
  int state = 2;         // 0 new, 1 learning, 2 review, 3 relearning
  std::int64_t day = 0;  // the study day the review falls on
};

// One review to predict: the first `length` reviews of a card (its history, then the
// review predicted). A card's items share its reviews, kept once: an item costs a pointer,
// not a copy of its history.
struct Item {
  std::shared_ptr<const std::vector<Review>> card;
  std::size_t length = 0;
  std::int64_t time_ms = 0;   // of the review predicted
  std::size_t long_term = 0;  // reviews a day or more after the one before

  // An item of its own (tests, hand-made sets).
  static Item of(std::vector<Review> reviews, std::int64_t time_ms = 0);

  std::span<const Review> reviews() const { return {card->data(), length}; }
  const Review& current() const { return (*card)[length - 1]; }
  std::size_t long_term_reviews() const { return long_term; }
};

struct Conversion {
  std::vector<Item> items;
  std::size_t reviews = 0;  // log entries kept (after each card's last relearning start)
  std::size_t cards = 0;    // cards with at least one item
};

Conversion items_from_log(std::vector<LogEntry> log);

// fsrs-rs's bin for RMSE(bins): the gap, the number of long-term reviews and of lapses, each
// on a log scale.
std::tuple<std::uint32_t, std::uint32_t, std::uint32_t> rmse_bin(const Item& item);

}  // namespace quizdeck::optimize
