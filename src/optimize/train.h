// SPDX-License-Identifier: MIT
// Fitting FSRS-6's parameters to a review history, fsrs-rs's pipeline (the optimizer in
// Anki): outlier filtering, initial stabilities from first reviews, then minibatch gradient
// descent on the recency-weighted log loss plus an L2 pull towards the starting parameters
// (scaled by each parameter's spread across learners), Adam with cosine annealing,
// parameters clipped after every step, the epoch with the lowest loss kept.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "optimize/items.h"

namespace quizdeck::optimize {

struct FitOptions {
  bool short_term = true;  // off: w0-w3 stay at their pre-trained values, w17-w19 at 0
  std::size_t relearning_steps = 1;
  std::uint64_t seed = 2023;  // the order batches are visited in
  std::size_t epochs = 5;
  std::size_t batch_size = 512;
  double learning_rate = 0.04;
  double gamma = 1;               // strength of the pull towards the starting parameters
  std::size_t max_reviews = 256;  // longer items are left out of training
};

enum class FitKind {
  kTooFew,       // under 8 training items: the defaults
  kInitialOnly,  // under 64 (or nothing beyond first reviews): initial stabilities only
  kFull,
};

struct Fit {
  FitKind kind = FitKind::kTooFew;
  Params params{};
  std::size_t train_items = 0;    // after outlier filtering
  std::size_t initial_items = 0;  // used for the initial stabilities
};

inline constexpr std::size_t kMinItems = 8;
inline constexpr std::size_t kMinFullItems = 64;

Fit fit(const std::vector<Item>& items, const FitOptions& options);

// The pieces, for tests.

// fsrs-rs's per-parameter spread across learners, the L2 pull's scale.
const Params& param_spread();

// Summed weighted loss of `items` (each predicting its last review) and its gradient,
// added to `grad`; computed on every core.
double batch_loss(const Params& w, std::span<const Item* const> items,
                  std::span<const double> weights, Params* grad);

// gamma * batch/total * sum((w - w0)^2 / spread^2), and its gradient added to `grad`.
double l2_penalty(const Params& w, const Params& w0, std::size_t batch, std::size_t total,
                  double gamma, Params* grad);

class Adam {
 public:
  void step(Params& w, const Params& grad, double lr);

 private:
  Params m_{};
  Params v_{};
  int t_ = 0;
};

// PyTorch's CosineAnnealingLR as fsrs-rs steps it: the rate before each batch.
class CosineAnnealing {
 public:
  CosineAnnealing(double steps, double initial) : steps_(steps), initial_(initial), lr_(initial) {}
  double step();

 private:
  double steps_;
  double initial_;
  double lr_;
  double count_ = 0;
};

}  // namespace quizdeck::optimize
