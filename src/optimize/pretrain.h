// SPDX-License-Identifier: MIT
// fsrs-rs's preparation before gradient descent: outlier filtering and the initial
// stabilities (w0-w3) fitted from each card's first long-term review.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <vector>

#include "optimize/items.h"

namespace quizdeck::optimize {

struct Prepared {
  std::vector<Item> initial;  // items whose only long-term review is the one predicted
  std::vector<Item> train;    // every item, outliers removed
};

// Groups the first-long-term-review items by first rating and gap; per rating the
// smallest groups are dropped until 5% of its items (20 at least) are gone, and so are
// groups under six items or with a gap over 100 days (365 for Easy). Training items whose
// (first rating, first long-term gap) group was dropped go too.
Prepared filter_outliers(const std::vector<Item>& items);

// The items fsrs-rs's evaluation (through its official binding) scores: outliers removed
// as for training, the items whose only long-term review is the one predicted first, then
// the rest, each part in time order. The order matters: it sets the recency weights.
std::vector<Item> evaluation_items(const std::vector<Item>& items);

// Share of items whose predicted review was not Again.
double average_recall(const std::vector<Item>& items);

struct InitialStability {
  std::array<double, 4> stability{};
  std::map<int, std::size_t> count;  // items per first rating
};

// Per first rating, the stability whose forgetting curve best fits the recall seen at
// each gap (count-weighted log loss with Laplace smoothing towards `recall`, a pull
// towards the default, ternary search over 0.001-100); then made to rise with the rating
// and filled in for ratings without data. Nothing when no item has one long-term review.
std::optional<InitialStability> initial_stability(const std::vector<Item>& initial, double recall);

// Makes the stabilities of the ratings in `count` rise with the rating (the better
// counted one wins a disagreement) and fills the others in from them by fsrs-rs's fixed
// ratios, clamped to 0.001-100. Nothing when `count` is empty.
std::optional<std::array<double, 4>> smooth_and_fill(std::map<int, double> stability,
                                                     const std::map<int, std::size_t>& count);

}  // namespace quizdeck::optimize
