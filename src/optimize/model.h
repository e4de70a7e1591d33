// SPDX-License-Identifier: MIT
// The FSRS-6 memory model as fsrs-rs trains it: a card's review history -> stability and
// difficulty -> the probability of recall after a gap, and the loss of that prediction with
// its gradient in all 21 parameters, derived by hand through the recurrence (each branch the
// forward pass took: first review, same-day review, lapse with its floor, success; clamps
// stop the gradient at their bounds). Doubles throughout; fsrs-rs computes in f32, which
// moves figures in the seventh digit.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace quizdeck::optimize {

inline constexpr std::size_t kParamCount = 21;

// The bounds fsrs-rs clamps a memory state to: stability, and an initial stability (w0-w3).
inline constexpr double kMinS = 0.001;
inline constexpr double kMaxS = 36500;
inline constexpr double kMaxInitS = 100;
using Params = std::array<double, kParamCount>;

// FSRS-6's defaults (ts-fsrs, fsrs-rs).
const Params& default_params();

// fsrs-rs's bounds, applied after every optimizer step and to parameters read for
// evaluation: initial stabilities 0.001-100, w17/w18 below a ceiling that keeps a lapse
// from raising stability when there are several relearning steps, w19 at least 0.01 with
// short-term memory on.
void clip_params(Params& w, std::size_t relearning_steps, bool short_term);

// 17 or 19 weights (FSRS-5, FSRS-4.5) extended to 21 as fsrs-rs does; 21 taken as they are.
// False for any other count or a weight that is not finite.
bool fill_params(const std::vector<double>& weights, Params& out);

struct Review {
  int rating = 3;      // 1-4
  double delta_t = 0;  // whole days since the previous review (0 for the first)
};

// The probability of recall `t` days after a review that left stability `s`.
double recall(const Params& w, double t, double s);

// The state after replaying `history` (its first review starts the card).
struct MemoryState {
  double stability = 0;
  double difficulty = 0;
};
MemoryState replay(const Params& w, std::span<const Review> history);

// A new card's state after its first review; a started card's after a review `t` days on.
MemoryState first_state(const Params& w, int rating);
MemoryState next_state(const Params& w, MemoryState state, double t, int rating);

// Days until recall falls to `retention` from stability `s` (not rounded).
double interval_for(const Params& w, double s, double retention);

// The predicted recall of the last review of `reviews` from the ones before it.
double predict(const Params& w, std::span<const Review> reviews);

// What one step of the forward pass decided and computed, for the backward pass.
struct StepCache {
  double in_s = 0, in_d = 0;  // the state the step started from (before its clamps)
  double s = 0, d = 0;        // the same clamped: what the formulas used
  double t = 0, r = 1;        // the gap and the recall it predicted
  int rating = 3;
  enum class Branch { kFirst, kSameDay, kLapseFloor, kLapse, kSuccess } branch = Branch::kFirst;
  bool same_day_raw = true;     // the same-day multiplier was not floored at 1
  double pre_s = 0, pre_d = 0;  // the new state before its clamps
};

// Weighted binary cross-entropy of predicting a review rated `rating` (recalled: above
// Again) with recall `r_raw`, clamped to [1e-7, 1 - 1e-7]; and its derivative in r_raw (0
// where the clamp holds it).
std::pair<double, double> cross_entropy(double r_raw, int rating, double weight);

// Weighted binary cross-entropy of predicting the last review of `reviews` (label: rated
// above Again) from the ones before it; adds its gradient to `grad` when given.
// `caches` is scratch space reused between calls.
double item_loss(const Params& w, std::span<const Review> reviews, double weight, Params* grad,
                 std::vector<StepCache>& caches);

// Reviews of one card to predict from the reviews before them: a position (1 or more) in
// the card's reviews, and the weight of that prediction.
struct Target {
  std::size_t position = 0;
  double weight = 1;
};

// The summed weighted cross-entropy of predicting each target of one card, in one pass
// over its reviews (the sum of item_loss over the card's items, at the cost of one of
// them); adds its gradient to `grad` when given.
double card_loss(const Params& w, std::span<const Review> reviews, std::span<const Target> targets,
                 Params* grad, std::vector<StepCache>& caches);

// The predicted recall of each review of a card from the ones before it (1 for the first).
void card_predictions(const Params& w, std::span<const Review> reviews, std::vector<double>& out);

}  // namespace quizdeck::optimize
