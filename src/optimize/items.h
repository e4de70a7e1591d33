// SPDX-License-Identifier: MIT
// A review log -> FSRS training items, as fsrs-rs and Anki convert one: per card, the
// reviews from its last (re)learning start on; one item per review after the first, holding
// every earlier review of the card with whole days between them (by study days, which the
// caller computes with its day-start hour); only reviews a day or more after the previous
// one are targets. Items come out in the order of their review time.
#pragma once

#include <cstdint>
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

struct Item {
  std::vector<Review> reviews;  // history, then the review predicted
  std::int64_t time_ms = 0;     // of the review predicted
  std::size_t card = 0;         // cards numbered in the order of their keys

  std::size_t long_term_reviews() const;  // reviews a day or more after the previous one
  const Review& current() const { return reviews.back(); }
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
