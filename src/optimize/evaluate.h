// SPDX-License-Identifier: MIT
// How well parameters predict a history, computed as fsrs-rs's `evaluate` does: each item
// weighted by recency (0.25 + 0.75 (i/(N-1))^3 in time order); log loss is the weighted
// binary cross-entropy; RMSE(bins) the root of the weight-weighted mean squared gap
// between predicted and actual recall per bin (optimize/items.h: rmse_bin).
#pragma once

#include <vector>

#include "optimize/items.h"

namespace quizdeck::optimize {

struct Evaluation {
  double log_loss = 0;
  double rmse_bins = 0;
};

// The recency weight of item `i` of `n`.
double recency_weight(std::size_t i, std::size_t n);

// `w` as given (clip it first to evaluate as fsrs-rs would). `items` must not be empty.
Evaluation evaluate(const std::vector<Item>& items, const Params& w);

}  // namespace quizdeck::optimize
