// SPDX-License-Identifier: MIT
// Every formula below follows ../shared/fsrs/SPEC.md literally: operations in the order
// written (the build uses -ffp-contract=off, so no fused multiply-add changes a bit),
// JavaScript rounding (halves up), and round8 exactly where ts-fsrs applies it.
#include "schedule/fsrs.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "schedule/alea.h"

namespace quizdeck::schedule {
namespace {

constexpr double kMinStability = 0.001;
constexpr double kMaxStability = 36500;

double grade(Rating rating) {
  return static_cast<double>(static_cast<int>(rating));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// What the step rule (SPEC 8.2) gives one rating: a step of `minutes` ending at `index`,
// or none (the card graduates).
struct StepChoice {
  bool has_step = false;
  int minutes = 0;
  int index = 0;
};

}  // namespace

CardState new_card(std::int64_t now) {
  CardState card;
  card.due = now;
  return card;
}

int calendar_days_between(std::int64_t from, std::int64_t to) {
  return static_cast<int>(floor_div(to, kDayMs) - floor_div(from, kDayMs));
}

Scheduler::Scheduler(Parameters parameters) : parameters_(std::move(parameters)) {
  decay_ = -parameters_.w[20];
  factor_ = round8(std::exp((1.0 / decay_) * std::log(0.9)) - 1.0);
  interval_modifier_ =
      round8((std::pow(parameters_.request_retention, 1.0 / decay_) - 1) / factor_);
  const auto& w = parameters_.w;
  exp_w8_ = std::exp(w[8]);
  easy_initial_difficulty_ = initial_difficulty(Rating::kEasy);
  forget_cap_divisor_ =
      parameters_.enable_short_term ? std::exp(w[17] * w[18]) : std::exp(0.0 * 0.0);
  for (const Rating rating : kRatings) {
    short_term_gain_[static_cast<std::size_t>(rating) - 1] =
        std::exp(w[17] * ((grade(rating) - 3) + w[18]));
  }
}

double Scheduler::forgetting_curve(double elapsed_days, double stability) const {
  return round8(std::pow(1 + (factor_ * elapsed_days) / stability, decay_));
}

double Scheduler::initial_difficulty(Rating rating) const {
  const auto& w = parameters_.w;
  return round8((w[4] - std::exp((grade(rating) - 1) * w[5])) + 1);
}

double Scheduler::next_difficulty(double difficulty, Rating rating) const {
  const auto& w = parameters_.w;
  const double delta = (-w[6]) * (grade(rating) - 3);
  const double damped = round8((delta * (10 - difficulty)) / 9);
  const double moved = difficulty + damped;
  const double reverted = round8(w[7] * easy_initial_difficulty_ + (1 - w[7]) * moved);
  return std::clamp<double>(reverted, 1, 10);
}

double Scheduler::recall_stability(double d, double s, double r, Rating rating) const {
  const auto& w = parameters_.w;
  const double hard_penalty = rating == Rating::kHard ? w[15] : 1;
  const double easy_bonus = rating == Rating::kEasy ? w[16] : 1;
  const double x =
      ((((std::exp(w[8]) * (11 - d)) * std::pow(s, -w[9])) * (std::exp((1 - r) * w[10]) - 1)) *
       hard_penalty) *
      easy_bonus;
  return round8(std::clamp<double>(s * (1 + x), kMinStability, kMaxStability));
}

double Scheduler::forget_stability(double d, double s, double r) const {
  const auto& w = parameters_.w;
  const double forgotten = round8(std::clamp<double>(
      ((w[11] * std::pow(d, -w[12])) * (std::pow(s + 1, w[13]) - 1)) * std::exp((1 - r) * w[14]),
      kMinStability, kMaxStability));
  const double cap = round8(s / forget_cap_divisor_);
  return std::min(std::max(cap, kMinStability), forgotten);
}

double Scheduler::short_term_stability(double s, Rating rating) const {
  const auto& w = parameters_.w;
  double increase = std::pow(s, -w[19]) * short_term_gain_[static_cast<std::size_t>(rating) - 1];
  if (rating >= Rating::kHard) increase = std::max(increase, 1.0);
  return round8(std::clamp<double>(s * increase, kMinStability, kMaxStability));
}

int Scheduler::next_interval(double stability, int elapsed_days, double fuzz_draw) const {
  const double maximum = parameters_.maximum_interval;
  const double interval =
      std::min(std::max(1.0, js_round(stability * interval_modifier_)), maximum);
  if (!parameters_.enable_fuzz || interval < 2.5) return static_cast<int>(interval);
  double delta = 1.0;
  delta += 0.15 * std::max(std::min(interval, 7.0) - 2.5, 0.0);
  delta += 0.10 * std::max(std::min(interval, 20.0) - 7, 0.0);
  delta += 0.05 * std::max(interval - 20, 0.0);
  const double v = std::min(interval, maximum);
  double lo = std::max(2.0, js_round(v - delta));
  const double hi = std::min(js_round(v + delta), maximum);
  if (v > elapsed_days) lo = std::max(lo, static_cast<double>(elapsed_days) + 1);
  lo = std::min(lo, hi);
  return static_cast<int>(std::floor(fuzz_draw * (hi - lo + 1) + lo));
}

Scheduler::Memory Scheduler::next_memory(double d, double s, int t, Rating rating,
                                         std::optional<double> r) const {
  // check_review() refused negative times and broken states before we got here.
  if (d == 0 && s == 0) {
    const auto& w = parameters_.w;
    return {std::clamp<double>(initial_difficulty(rating), 1, 10),
            std::max(w[static_cast<std::size_t>(rating) - 1], 0.1)};
  }
  double stability = 0;
  if (t == 0 && parameters_.enable_short_term) {
    stability = short_term_stability(s, rating);
  } else {
    const double retrievability = r ? *r : forgetting_curve(t, s);
    stability = rating == Rating::kAgain ? forget_stability(d, s, retrievability)
                                         : recall_stability(d, s, retrievability, rating);
  }
  return {next_difficulty(d, rating), stability};
}

ReviewContext Scheduler::context(const CardState& card, std::int64_t now) const {
  ReviewContext context;
  if (card.state != State::kNew && card.last_review) {
    context.elapsed = calendar_days_between(*card.last_review, now);
    if (context.elapsed >= 0) context.r = forgetting_curve(context.elapsed, card.stability);
    // get_retrievability counts 24-hour periods and rounds S; when both agree with the
    // formulas' inputs, so does the result.
    const auto periods = std::max<std::int64_t>(floor_div(now - *card.last_review, kDayMs), 0);
    if (context.r && periods == context.elapsed && round8(card.stability) == card.stability) {
      context.r_get = *context.r;
    } else {
      context.r_get = retrievability(card, now);
    }
  }
  if (parameters_.enable_fuzz) context.fuzz_seed = fuzz_seed(card, now);
  return context;
}

std::string Scheduler::fuzz_seed(const CardState& card, std::int64_t now) const {
  return fmt::format("{}_{}_{}", now, card.reps + 1, js_number(card.difficulty * card.stability));
}

double Scheduler::retrievability(const CardState& card, std::int64_t now) const {
  if (card.state == State::kNew || !card.last_review) return 0;
  const auto days = std::max<std::int64_t>(floor_div(now - *card.last_review, kDayMs), 0);
  return forgetting_curve(static_cast<double>(days), round8(card.stability));
}

namespace {

StepChoice choose_step(const Parameters& p, State state, int index, Rating rating) {
  const bool relearning = state == State::kReview || state == State::kRelearning;
  const std::vector<Step>& steps = relearning ? p.relearning_steps : p.learning_steps;
  const auto count = static_cast<int>(steps.size());
  if (count == 0 || index >= count || index < 0) return {};
  const auto minutes = [&](int i) { return steps[static_cast<std::size_t>(i)].minutes; };
  if (state == State::kReview) {
    if (rating != Rating::kAgain) return {};
    return {true, minutes(index), 0};
  }
  switch (rating) {
    case Rating::kAgain:
      return {true, minutes(0), 0};
    case Rating::kHard: {
      const double hard =
          count == 1 ? js_round(1.5 * minutes(0)) : js_round((minutes(0) + minutes(1)) / 2.0);
      return {true, static_cast<int>(hard), index};
    }
    case Rating::kGood:
      if (index + 1 < count && minutes(index + 1) != 0)
        return {true, minutes(index + 1), index + 1};
      return {};
    case Rating::kEasy:
      return {};
  }
  return {};
}

}  // namespace

void Scheduler::short_term_review(const CardState& card, CardState& base, std::int64_t now, int t,
                                  double fuzz_draw, std::optional<Rating> only,
                                  Preview& out) const {
  // SPEC 8.6: apply the rating's step, or graduate to Review with a day interval.
  const auto apply = [&](CardState& next, State target, const StepChoice& step) {
    const int minutes = step.has_step ? step.minutes : 0;
    if (minutes > 0 && minutes < 1440) {
      next.state = target;
      next.learning_steps = step.index;
      next.scheduled_days = 0;
      next.due = now + static_cast<std::int64_t>(minutes) * kMinuteMs;
    } else if (minutes >= 1440) {
      next.state = State::kReview;
      next.learning_steps = step.index;
      next.scheduled_days = minutes / 1440;
      next.due = now + static_cast<std::int64_t>(minutes) * kMinuteMs;
    } else {
      next.state = State::kReview;
      next.learning_steps = 0;
      next.scheduled_days = next_interval(next.stability, t, fuzz_draw);
      next.due = now + static_cast<std::int64_t>(next.scheduled_days) * kDayMs;
    }
  };

  if (card.state == State::kNew || card.state == State::kLearning ||
      card.state == State::kRelearning) {
    const State target = card.state == State::kNew ? State::kLearning : card.state;
    // R only matters on a later day (a same-day review uses the short-term formula).
    const std::optional<double> r =
        card.state == State::kNew || t == 0
            ? std::nullopt
            : std::optional<double>(forgetting_curve(t, card.stability));
    for (const Rating rating : kRatings) {
      if (only && rating != *only) continue;
      CardState next = base;
      const Memory memory = next_memory(card.difficulty, card.stability, t, rating,
                                        card.state == State::kNew ? std::nullopt : r);
      next.difficulty = memory.difficulty;
      next.stability = memory.stability;
      apply(next, target, choose_step(parameters_, card.state, card.learning_steps, rating));
      out.outcomes[static_cast<std::size_t>(rating) - 1] = next;
    }
    return;
  }

  // Review (SPEC 8.5). Hard, Good and Easy are ordered against each other, so they are
  // computed together; Again stands alone.
  const std::optional<double> r =
      t == 0 ? std::nullopt : std::optional<double>(forgetting_curve(t, card.stability));
  std::array<Memory, 4> memory{};
  for (const Rating rating : kRatings) {
    if (only && (*only == Rating::kAgain) != (rating == Rating::kAgain)) continue;
    memory[static_cast<std::size_t>(rating) - 1] =
        next_memory(card.difficulty, card.stability, t, rating, r);
  }
  if (!only || *only == Rating::kAgain) {
    CardState again = base;
    again.difficulty = memory[0].difficulty;
    again.stability = memory[0].stability;
    again.lapses += 1;
    apply(again, State::kRelearning,
          choose_step(parameters_, State::kReview, card.learning_steps, Rating::kAgain));
    out.outcomes[0] = again;
    if (only) return;
  }
  int hard = next_interval(memory[1].stability, t, fuzz_draw);
  int good = next_interval(memory[2].stability, t, fuzz_draw);
  hard = std::min(hard, good);
  good = std::max(good, hard + 1);
  const int easy = std::max(next_interval(memory[3].stability, t, fuzz_draw), good + 1);
  const std::array<int, 3> intervals{hard, good, easy};
  for (std::size_t i = 1; i < 4; ++i) {
    CardState next = base;
    next.difficulty = memory[i].difficulty;
    next.stability = memory[i].stability;
    next.state = State::kReview;
    next.learning_steps = 0;
    next.scheduled_days = intervals[i - 1];
    next.due = now + static_cast<std::int64_t>(intervals[i - 1]) * kDayMs;
    out.outcomes[i] = next;
  }
}

void Scheduler::long_term_review(const CardState& card, CardState& base, std::int64_t now, int t,
                                 double fuzz_draw, Preview& out) const {
  const bool is_new = card.state == State::kNew;
  const std::optional<double> r =
      is_new ? std::nullopt : std::optional<double>(forgetting_curve(t, card.stability));
  std::array<Memory, 4> memory{};
  std::array<int, 4> intervals{};
  for (const Rating rating : kRatings) {
    const auto i = static_cast<std::size_t>(rating) - 1;
    memory[i] = next_memory(card.difficulty, card.stability, t, rating, r);
    intervals[i] = next_interval(memory[i].stability, t, fuzz_draw);
  }
  intervals[0] = std::min(intervals[0], intervals[1]);
  intervals[1] = std::max(intervals[1], intervals[0] + 1);
  intervals[2] = std::max(intervals[2], intervals[1] + 1);
  intervals[3] = std::max(intervals[3], intervals[2] + 1);
  for (std::size_t i = 0; i < 4; ++i) {
    CardState next = base;
    next.difficulty = memory[i].difficulty;
    next.stability = memory[i].stability;
    next.state = State::kReview;
    next.scheduled_days = intervals[i];
    next.due = now + static_cast<std::int64_t>(intervals[i]) * kDayMs;
    if (i == 0 && !is_new) next.lapses += 1;
    out.outcomes[i] = next;
  }
}

Preview Scheduler::review(const CardState& card, std::int64_t now,
                          std::optional<Rating> only) const {
  const int t = card.state == State::kNew || !card.last_review
                    ? 0
                    : calendar_days_between(*card.last_review, now);
  CardState base = card;
  base.last_review = now;
  base.elapsed_days = t;
  base.reps += 1;
  double fuzz_draw = 0;
  if (parameters_.enable_fuzz) fuzz_draw = Alea(fuzz_seed(card, now)).next();
  Preview out;
  if (parameters_.enable_short_term) {
    short_term_review(card, base, now, t, fuzz_draw, only, out);
  } else {
    long_term_review(card, base, now, t, fuzz_draw, out);
  }
  return out;
}

core::Expected<void> Scheduler::check_review(const CardState& card, std::int64_t now) const {
  const int t = card.state == State::kNew || !card.last_review
                    ? 0
                    : calendar_days_between(*card.last_review, now);
  if (t < 0) {
    return core::fail(ExitCode::kInvalidInput, fmt::format("Invalid delta_t \"{}\"", t));
  }
  const bool fresh = card.difficulty == 0 && card.stability == 0;
  if (!fresh && (card.difficulty < 1 || card.stability < kMinStability)) {
    return core::fail(ExitCode::kInvalidInput,
                      fmt::format("Invalid memory state {{ difficulty: {}, stability: {} }}",
                                  card.difficulty, card.stability));
  }
  return {};
}

core::Expected<Preview> Scheduler::preview(const CardState& card, std::int64_t now) const {
  if (auto checked = check_review(card, now); !checked) return checked.error();
  return review(card, now, std::nullopt);
}

core::Expected<CardState> Scheduler::next(const CardState& card, std::int64_t now,
                                          Rating rating) const {
  if (auto checked = check_review(card, now); !checked) return checked.error();
  return review(card, now, rating)[rating];
}

}  // namespace quizdeck::schedule
