// SPDX-License-Identifier: MIT
#include "optimize/model.h"

#include <algorithm>
#include <cmath>

#include "schedule/parameters.h"

namespace quizdeck::optimize {
namespace {

constexpr double kMinD = 1;
constexpr double kMaxD = 10;
constexpr double kMinInitS = 0.001;
constexpr double kMinProb = 1e-7;
constexpr double kFsrs5Decay = 0.5;

using Branch = StepCache::Branch;

// The gradient passes a clamp only strictly inside its bounds.
double passes(double x, double lo, double hi) {
  return x > lo && x < hi ? 1.0 : 0.0;
}

double initial_difficulty(const Params& w, int rating) {
  return w[4] - std::exp(w[5] * (rating - 1)) + 1;
}

struct Curve {
  double factor;  // 0.9^(1/decay) - 1, so that recall(s, s) = 0.9
  double decay;   // -w20
};

Curve curve_of(const Params& w) {
  const double decay = -w[20];
  return {std::exp(std::log(0.9) / decay) - 1, decay};
}

double curve(const Curve& c, double t, double s) {
  return std::pow(std::max(t, 0.0) / s * c.factor + 1, c.decay);
}

// One review applied to `state`; `nth` is its place in the history.
MemoryState step(const Params& w, const Curve& c, MemoryState state, double t, int rating,
                 std::size_t nth, StepCache* cache) {
  StepCache k;
  k.in_s = state.stability;
  k.in_d = state.difficulty;
  k.t = t;
  k.rating = rating;
  if (nth == 0 && state.stability == 0) {
    const int r = std::clamp(rating, 1, 4);
    k.branch = Branch::kFirst;
    k.pre_s = w[r - 1];
    k.pre_d = initial_difficulty(w, r);
  } else {
    k.s = std::clamp(state.stability, kMinS, kMaxS);
    k.d = std::clamp(state.difficulty, kMinD, kMaxD);
    k.r = curve(c, t, k.s);
    if (t == 0) {
      k.branch = Branch::kSameDay;
      const double raw = std::exp(w[17] * (rating - 3 + w[18])) * std::pow(k.s, -w[19]);
      k.same_day_raw = !(rating >= 2 && raw < 1);
      k.pre_s = k.s * (k.same_day_raw ? raw : 1.0);
    } else if (rating == 1) {
      const double raw = w[11] * std::pow(k.d, -w[12]) * (std::pow(k.s + 1, w[13]) - 1) *
                         std::exp((1 - k.r) * w[14]);
      const double floor = k.s / std::exp(w[17] * w[18]);
      k.branch = floor < raw ? Branch::kLapseFloor : Branch::kLapse;
      k.pre_s = std::min(raw, floor);
    } else {
      k.branch = Branch::kSuccess;
      const double hard = rating == 2 ? w[15] : 1.0;
      const double easy = rating == 4 ? w[16] : 1.0;
      const double inc = std::exp(w[8]) * (11 - k.d) * std::pow(k.s, -w[9]) *
                         (std::exp((1 - k.r) * w[10]) - 1) * hard * easy;
      k.pre_s = k.s * (inc + 1);
    }
    const double next_d = k.d + (10 - k.d) * (-w[6] * (rating - 3)) / 9;
    k.pre_d = w[7] * (initial_difficulty(w, 4) - next_d) + next_d;
  }
  if (cache != nullptr) *cache = k;
  return {std::clamp(k.pre_s, kMinS, kMaxS), std::clamp(k.pre_d, kMinD, kMaxD)};
}

// d(recall)/ds and d(recall)/dw20 at (t, s).
void curve_gradient(const Params& w, double t, double s, double r, double g_r, double& g_s,
                    Params& grad) {
  if (g_r == 0) return;
  const Curve c = curve_of(w);
  t = std::max(t, 0.0);
  const double base = t / s * c.factor + 1;
  g_s += g_r * r * c.decay / base * (-t * c.factor / (s * s));
  const double ln09 = std::log(0.9);
  const double dfactor = std::exp(ln09 / c.decay) * (-ln09 / (c.decay * c.decay));
  const double dr_ddecay = r * (std::log(base) + c.decay / base * (t / s * dfactor));
  grad[20] -= g_r * dr_ddecay;  // decay = -w20
}

// Back through one step: `g_s`, `g_d` arrive as d(loss)/d(new state) and leave as
// d(loss)/d(the state before the step).
// `g_r_loss` is d(loss)/d(the recall the step predicted), when a loss scores it.
void step_gradient(const Params& w, const StepCache& k, double& g_s, double& g_d, Params& grad,
                   double g_r_loss = 0) {
  const double gs = g_s * passes(k.pre_s, kMinS, kMaxS);
  const double gd = g_d * passes(k.pre_d, kMinD, kMaxD);
  g_s = 0;
  g_d = 0;
  if (k.branch == Branch::kFirst) {
    const int r = std::clamp(k.rating, 1, 4);
    grad[r - 1] += gs;
    grad[4] += gd;
    grad[5] += gd * -(r - 1) * std::exp(w[5] * (r - 1));
    return;
  }
  double g_last_s = 0;
  double g_last_d = 0;
  double g_r = g_r_loss;
  const double s = k.s;
  const double d = k.d;
  const double r = k.r;
  switch (k.branch) {
    case Branch::kSameDay: {
      if (!k.same_day_raw) {
        g_last_s += gs;
        break;
      }
      const double raw = std::exp(w[17] * (k.rating - 3 + w[18])) * std::pow(s, -w[19]);
      g_last_s += gs * raw * (1 - w[19]);
      grad[17] += gs * s * raw * (k.rating - 3 + w[18]);
      grad[18] += gs * s * raw * w[17];
      grad[19] += gs * s * raw * -std::log(s);
      break;
    }
    case Branch::kLapseFloor: {
      const double floor = s / std::exp(w[17] * w[18]);
      g_last_s += gs * floor / s;
      grad[17] += gs * floor * -w[18];
      grad[18] += gs * floor * -w[17];
      break;
    }
    case Branch::kLapse: {
      const double dpow = std::pow(d, -w[12]);
      const double spow = std::pow(s + 1, w[13]);
      const double er = std::exp((1 - r) * w[14]);
      const double raw = w[11] * dpow * (spow - 1) * er;
      grad[11] += gs * dpow * (spow - 1) * er;
      grad[12] += gs * raw * -std::log(d);
      grad[13] += gs * w[11] * dpow * er * spow * std::log(s + 1);
      grad[14] += gs * raw * (1 - r);
      g_last_s += gs * w[11] * dpow * er * w[13] * spow / (s + 1);
      g_last_d += gs * raw * -w[12] / d;
      g_r += gs * raw * -w[14];
      break;
    }
    case Branch::kSuccess: {
      const double a = std::exp(w[8]);
      const double spow = std::pow(s, -w[9]);
      const double e = std::exp((1 - r) * w[10]);
      const double hard = k.rating == 2 ? w[15] : 1.0;
      const double easy = k.rating == 4 ? w[16] : 1.0;
      const double inc = a * (11 - d) * spow * (e - 1) * hard * easy;
      const double g_inc = gs * s;
      g_last_s += gs * (inc + 1) + g_inc * inc * -w[9] / s;
      g_last_d += -g_inc * a * spow * (e - 1) * hard * easy;
      g_r += g_inc * a * (11 - d) * spow * hard * easy * -w[10] * e;
      grad[8] += g_inc * inc;
      grad[9] += g_inc * inc * -std::log(s);
      grad[10] += g_inc * a * (11 - d) * spow * hard * easy * (1 - r) * e;
      if (k.rating == 2) grad[15] += g_inc * a * (11 - d) * spow * (e - 1) * easy;
      if (k.rating == 4) grad[16] += g_inc * a * (11 - d) * spow * (e - 1) * hard;
      break;
    }
    case Branch::kFirst:
      break;
  }
  // Difficulty: linear damping towards 10, then mean reversion towards easy's start.
  if (gd != 0) {
    const double delta = -w[6] * (k.rating - 3);
    const double next_d = d + (10 - d) * delta / 9;
    grad[7] += gd * (initial_difficulty(w, 4) - next_d);
    grad[4] += gd * w[7];
    grad[5] += gd * w[7] * -3 * std::exp(3 * w[5]);
    const double g_next = gd * (1 - w[7]);
    grad[6] += g_next * (10 - d) * -(k.rating - 3) / 9;
    g_last_d += g_next * (1 - delta / 9);
  }
  curve_gradient(w, k.t, s, r, g_r, g_last_s, grad);
  g_s = g_last_s * passes(k.in_s, kMinS, kMaxS);
  g_d = g_last_d * passes(k.in_d, kMinD, kMaxD);
}

}  // namespace

const Params& default_params() {
  static const Params params = [] {
    Params p{};
    std::copy(schedule::kDefaultWeights.begin(), schedule::kDefaultWeights.end(), p.begin());
    return p;
  }();
  return params;
}

void clip_params(Params& w, std::size_t relearning_steps, bool short_term) {
  double ceiling = 2.0;
  if (relearning_steps > 1) {
    ceiling = std::min(
        2.0, std::sqrt(std::max(
                 0.01, -(std::log(w[11]) + std::log(std::pow(2.0, w[13]) - 1) + w[14] * 0.3) /
                           static_cast<double>(relearning_steps))));
  }
  const std::array<std::pair<double, double>, kParamCount> bounds{{
      {kMinInitS, kMaxInitS},
      {kMinInitS, kMaxInitS},
      {kMinInitS, kMaxInitS},
      {kMinInitS, kMaxInitS},
      {kMinD, kMaxD},
      {0.001, 4.0},
      {0.001, 4.0},
      {0.001, 0.75},
      {0.0, 4.5},
      {0.0, 0.8},
      {0.001, 3.5},
      {0.001, 5.0},
      {0.001, 0.25},
      {0.001, 0.9},
      {0.0, 4.0},
      {0.0, 1.0},
      {1.0, 6.0},
      {0.0, ceiling},
      {0.0, ceiling},
      {short_term ? 0.01 : 0.0, 0.8},
      {0.1, 0.8},
  }};
  for (std::size_t i = 0; i < kParamCount; ++i) {
    w[i] = std::clamp(w[i], bounds[i].first, bounds[i].second);
  }
}

bool fill_params(const std::vector<double>& weights, Params& out) {
  std::vector<double> w = weights;
  if (w.size() == 17) {
    w[4] = w[5] * 2 + w[4];
    w[5] = std::log(w[5] * 3 + 1) / 3;
    w[6] += 0.5;
    w.insert(w.end(), {0.0, 0.0, 0.0, kFsrs5Decay});
  } else if (w.size() == 19) {
    w.insert(w.end(), {0.0, kFsrs5Decay});
  } else if (w.size() != kParamCount) {
    return false;
  }
  for (std::size_t i = 0; i < kParamCount; ++i) {
    if (!std::isfinite(w[i])) return false;
    out[i] = w[i];
  }
  return true;
}

double recall(const Params& w, double t, double s) {
  return curve(curve_of(w), t, s);
}

MemoryState replay(const Params& w, std::span<const Review> history) {
  const Curve c = curve_of(w);
  MemoryState state;
  for (std::size_t i = 0; i < history.size(); ++i) {
    state = step(w, c, state, history[i].delta_t, history[i].rating, i, nullptr);
  }
  return state;
}

MemoryState first_state(const Params& w, int rating) {
  return step(w, curve_of(w), MemoryState{}, 0, rating, 0, nullptr);
}

MemoryState next_state(const Params& w, MemoryState state, double t, int rating) {
  return step(w, curve_of(w), state, t, rating, 1, nullptr);
}

double interval_for(const Params& w, double s, double retention) {
  const Curve c = curve_of(w);
  return s / c.factor * (std::pow(retention, 1 / c.decay) - 1);
}

double predict(const Params& w, std::span<const Review> reviews) {
  const MemoryState state = replay(w, reviews.first(reviews.size() - 1));
  return recall(w, reviews.back().delta_t, state.stability);
}

std::pair<double, double> cross_entropy(double r_raw, int rating, double weight) {
  const double label = rating > 1 ? 1.0 : 0.0;
  const double r = std::clamp(r_raw, kMinProb, 1 - kMinProb);
  const double loss = -(label * std::log(r) + (1 - label) * std::log(1 - r)) * weight;
  if (weight == 0 || r_raw <= kMinProb || r_raw >= 1 - kMinProb) return {loss, 0.0};
  return {loss, -weight * (label / r - (1 - label) / (1 - r))};
}

double item_loss(const Params& w, std::span<const Review> reviews, double weight, Params* grad,
                 std::vector<StepCache>& caches) {
  const Curve c = curve_of(w);
  const std::size_t n = reviews.size() - 1;
  caches.resize(n);
  MemoryState state;
  for (std::size_t i = 0; i < n; ++i) {
    state = step(w, c, state, reviews[i].delta_t, reviews[i].rating, i, &caches[i]);
  }
  const double t = reviews[n].delta_t;
  const double r_raw = curve(c, t, state.stability);
  const auto [loss, g_r] = cross_entropy(r_raw, reviews[n].rating, weight);
  if (grad == nullptr || g_r == 0) return loss;
  double g_s = 0;
  double g_d = 0;
  curve_gradient(w, t, state.stability, r_raw, g_r, g_s, *grad);
  for (std::size_t i = n; i-- > 0;) step_gradient(w, caches[i], g_s, g_d, *grad);
  return loss;
}

double card_loss(const Params& w, std::span<const Review> reviews, std::span<const Target> targets,
                 Params* grad, std::vector<StepCache>& caches) {
  std::size_t last = 0;
  for (const Target& t : targets) last = std::max(last, t.position);
  if (targets.empty() || last == 0 || last >= reviews.size()) return 0;
  const Curve c = curve_of(w);
  caches.resize(last + 1);
  MemoryState state;
  for (std::size_t i = 0; i <= last; ++i) {
    state = step(w, c, state, reviews[i].delta_t, reviews[i].rating, i, &caches[i]);
  }
  std::vector<double> g_r(grad != nullptr ? last + 1 : 0, 0.0);
  double loss = 0;
  for (const Target& t : targets) {
    if (t.position == 0) continue;
    const auto [l, g] = cross_entropy(caches[t.position].r, reviews[t.position].rating, t.weight);
    loss += l;
    if (grad != nullptr) g_r[t.position] += g;
  }
  if (grad == nullptr) return loss;
  double g_s = 0;
  double g_d = 0;
  for (std::size_t i = last + 1; i-- > 0;) step_gradient(w, caches[i], g_s, g_d, *grad, g_r[i]);
  return loss;
}

void card_predictions(const Params& w, std::span<const Review> reviews, std::vector<double>& out) {
  const Curve c = curve_of(w);
  out.assign(reviews.size(), 1.0);
  MemoryState state;
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    if (i > 0) out[i] = curve(c, reviews[i].delta_t, state.stability);
    state = step(w, c, state, reviews[i].delta_t, reviews[i].rating, i, nullptr);
  }
}

}  // namespace quizdeck::optimize
