// SPDX-License-Identifier: MIT
// FSRS-6 exactly as ts-fsrs 5.4.2 computes it (../shared/fsrs/SPEC.md): the same states,
// intervals, steps and fuzz, and stability and difficulty to the last bit in practice.
// Pure: times are passed in as milliseconds since the Unix epoch (UTC); no clock, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/expected.h"
#include "core/review.h"
#include "schedule/parameters.h"

namespace quizdeck::schedule {

using core::Rating;
using core::State;

using core::kRatings;
inline constexpr std::int64_t kDayMs = 86'400'000;
inline constexpr std::int64_t kMinuteMs = 60'000;

using core::parse_rating;
using core::parse_state;
using core::rating_name;
using core::state_name;

struct CardState {
  std::int64_t due = 0;  // ms
  double stability = 0;
  double difficulty = 0;
  int elapsed_days = 0;
  int scheduled_days = 0;
  int learning_steps = 0;  // index of the current (re)learning step
  int reps = 0;
  int lapses = 0;
  State state = State::kNew;
  std::optional<std::int64_t> last_review;  // ms
};

// A new card created at `now`.
CardState new_card(std::int64_t now);

// What a review would do, for each rating.
struct Preview {
  std::array<CardState, 4> outcomes;  // indexed by rating - 1
  const CardState& operator[](Rating rating) const {
    return outcomes[static_cast<std::size_t>(rating) - 1];
  }
};

// Memory-model view just before a review (what ts-fsrs feeds into its formulas).
struct ReviewContext {
  int elapsed = 0;          // UTC calendar days since the last review
  std::optional<double> r;  // retrievability used by the formulas; none for New
  double r_get = 0;         // get_retrievability: whole 24-hour periods
  std::string fuzz_seed;    // "<now_ms>_<reps>_<D*S>"
};

class Scheduler {
 public:
  explicit Scheduler(Parameters parameters);

  const Parameters& parameters() const { return parameters_; }
  double interval_modifier() const { return interval_modifier_; }

  // The card after a review at `now` (ms) with `rating`; a failure for an impossible
  // review (a time before the last review's UTC day, or a broken memory state), with
  // ts-fsrs's words for it.
  core::Expected<CardState> next(const CardState& card, std::int64_t now, Rating rating) const;
  core::Expected<Preview> preview(const CardState& card, std::int64_t now) const;
  core::Expected<void> check_review(const CardState& card, std::int64_t now) const;
  ReviewContext context(const CardState& card, std::int64_t now) const;
  // The seed ts-fsrs gives the fuzz of a review: "<now_ms>_<reps + 1>_<D*S>".
  std::string fuzz_seed(const CardState& card, std::int64_t now) const;

  // Probability of recall at `now`, as ts-fsrs's get_retrievability reports it (0 for New).
  double retrievability(const CardState& card, std::int64_t now) const;

  // Model pieces, exposed for tests against the worked examples of the spec.
  double forgetting_curve(double elapsed_days, double stability) const;
  double initial_difficulty(Rating rating) const;  // unclamped, as used by mean reversion
  double next_difficulty(double difficulty, Rating rating) const;
  double recall_stability(double d, double s, double r, Rating rating) const;
  double forget_stability(double d, double s, double r) const;
  double short_term_stability(double s, Rating rating) const;
  int next_interval(double stability, int elapsed_days, double fuzz_draw) const;

 private:
  struct Memory {
    double difficulty;
    double stability;
  };
  Memory next_memory(double d, double s, int t, Rating rating, std::optional<double> r) const;
  // The outcomes of a review; with `only`, just what that rating needs.
  Preview review(const CardState& card, std::int64_t now, std::optional<Rating> only) const;
  void short_term_review(const CardState& card, CardState& base, std::int64_t now, int t,
                         double fuzz_draw, std::optional<Rating> only, Preview& out) const;
  void long_term_review(const CardState& card, CardState& base, std::int64_t now, int t,
                        double fuzz_draw, Preview& out) const;

  Parameters parameters_;
  double decay_;
  double factor_;
  double interval_modifier_;
  // Terms that depend on the weights alone, computed once (the same values ts-fsrs computes
  // on every call).
  double exp_w8_;
  double easy_initial_difficulty_;         // D0(Easy), unclamped: the mean-reversion target
  double forget_cap_divisor_;              // exp(w17 * w18), or 1 in long-term mode
  std::array<double, 4> short_term_gain_;  // exp(w17 * ((G - 3) + w18)) per rating
};

// Elapsed days as the scheduler counts them: the difference of UTC calendar dates.
int calendar_days_between(std::int64_t from, std::int64_t to);

}  // namespace quizdeck::schedule
