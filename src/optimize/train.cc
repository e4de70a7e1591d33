// SPDX-License-Identifier: MIT
#include "optimize/train.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <unordered_map>

#include "optimize/evaluate.h"
#include "optimize/parallel.h"
#include "optimize/pretrain.h"

namespace quizdeck::optimize {
namespace {

constexpr std::size_t kPieces = 16;

// A card in a batch: its reviews and the ones to predict, with their weights.
struct CardTargets {
  std::span<const Review> reviews;
  std::vector<Target> targets;
};

struct Batch {
  std::vector<CardTargets> cards;
  std::size_t predictions = 0;
};

// Each card's items together (one pass over its reviews computes all of them), as fsrs-rs
// batches items when it knows their cards; the cards in a seeded random order gathered into
// batches of at most `size` predictions (a longer card alone). fsrs-rs sorts the cards by
// length, which saves it padding; mixed lengths make each batch's gradient a fairer
// sample, and the fits end a little better (bench/optimize.sh).
std::vector<Batch> make_batches(const std::vector<Item>& items, const std::vector<double>& weights,
                                std::size_t size, std::mt19937_64& rng) {
  std::unordered_map<const std::vector<Review>*, std::size_t> index;
  std::vector<CardTargets> cards;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto [it, fresh] = index.emplace(items[i].card.get(), cards.size());
    if (fresh) cards.push_back({std::span<const Review>(*items[i].card), {}});
    cards[it->second].targets.push_back({items[i].length - 1, weights[i]});
  }
  for (CardTargets& card : cards) {
    std::size_t last = 0;
    for (const Target& t : card.targets) last = std::max(last, t.position);
    card.reviews = card.reviews.first(last + 1);
  }
  for (std::size_t i = cards.size(); i > 1; --i) std::swap(cards[i - 1], cards[rng() % i]);
  std::vector<Batch> batches;
  Batch batch;
  for (CardTargets& card : cards) {
    if (!batch.cards.empty() && batch.predictions + card.targets.size() > size) {
      batches.push_back(std::move(batch));
      batch = Batch{};
    }
    batch.predictions += card.targets.size();
    batch.cards.push_back(std::move(card));
  }
  if (!batch.cards.empty()) batches.push_back(std::move(batch));
  return batches;
}

// The summed loss of a batch's predictions and its gradient, on every core.
double batch_cards_loss(const Params& w, const Batch& batch, Params* grad) {
  constexpr std::size_t kCardPieces = 16;
  std::array<double, kCardPieces> losses{};
  std::array<Params, kCardPieces> grads{};
  const std::size_t n = batch.cards.size();
  run_pieces(kCardPieces, [&](std::size_t piece) {
    std::vector<StepCache> caches;
    for (std::size_t i = n * piece / kCardPieces; i < n * (piece + 1) / kCardPieces; ++i) {
      const CardTargets& card = batch.cards[i];
      losses[piece] += card_loss(w, card.reviews, card.targets,
                                 grad != nullptr ? &grads[piece] : nullptr, caches);
    }
  });
  double loss = 0;
  for (std::size_t piece = 0; piece < kCardPieces; ++piece) {
    loss += losses[piece];
    if (grad == nullptr) continue;
    for (std::size_t k = 0; k < kParamCount; ++k) (*grad)[k] += grads[piece][k];
  }
  return loss;
}

// Fisher-Yates with a fixed generator, so a seed gives the same order everywhere.
void shuffle(std::vector<std::size_t>& order, std::mt19937_64& rng) {
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[rng() % i]);
  }
}

Params starting_params(const std::array<double, 4>& initial, bool short_term) {
  Params w = default_params();
  std::copy(initial.begin(), initial.end(), w.begin());
  if (!short_term) w[17] = w[18] = w[19] = 0;
  return w;
}

}  // namespace

const Params& param_spread() {
  static const Params spread{6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,  0.12, 0.39, 0.18, 0.33,
                             0.3,  0.09, 0.16,  0.57,  0.25, 1.03, 0.31, 0.32, 0.14, 0.27};
  return spread;
}

double batch_loss(const Params& w, std::span<const Item* const> items,
                  std::span<const double> weights, Params* grad) {
  std::array<double, kPieces> losses{};
  std::array<Params, kPieces> grads{};
  run_pieces(kPieces, [&](std::size_t piece) {
    std::vector<StepCache> caches;
    const std::size_t begin = items.size() * piece / kPieces;
    const std::size_t end = items.size() * (piece + 1) / kPieces;
    for (std::size_t i = begin; i < end; ++i) {
      losses[piece] += item_loss(w, items[i]->reviews(), weights[i],
                                 grad != nullptr ? &grads[piece] : nullptr, caches);
    }
  });
  double loss = 0;
  for (std::size_t piece = 0; piece < kPieces; ++piece) {
    loss += losses[piece];
    if (grad == nullptr) continue;
    for (std::size_t k = 0; k < kParamCount; ++k) (*grad)[k] += grads[piece][k];
  }
  return loss;
}

double l2_penalty(const Params& w, const Params& w0, std::size_t batch, std::size_t total,
                  double gamma, Params* grad) {
  const double scale = gamma * static_cast<double>(batch) / static_cast<double>(total);
  double sum = 0;
  for (std::size_t k = 0; k < kParamCount; ++k) {
    const double spread2 = param_spread()[k] * param_spread()[k];
    const double delta = w[k] - w0[k];
    sum += delta * delta / spread2;
    if (grad != nullptr) (*grad)[k] += 2 * delta / spread2 * scale;
  }
  return sum * scale;
}

void Adam::step(Params& w, const Params& grad, double lr) {
  constexpr double kBeta1 = 0.9;
  constexpr double kBeta2 = 0.999;
  constexpr double kEpsilon = 1e-8;
  ++t_;
  const double bias1 = 1 - std::pow(kBeta1, t_);
  const double bias2 = 1 - std::pow(kBeta2, t_);
  for (std::size_t k = 0; k < kParamCount; ++k) {
    m_[k] = kBeta1 * m_[k] + (1 - kBeta1) * grad[k];
    v_[k] = kBeta2 * v_[k] + (1 - kBeta2) * grad[k] * grad[k];
    w[k] -= lr * (m_[k] / bias1) / (std::sqrt(v_[k] / bias2) + kEpsilon);
  }
}

double CosineAnnealing::step() {
  count_ += 1;
  const double pi = std::numbers::pi;
  if (std::fmod(count_ - 1 - steps_, 2 * steps_) == 0) {
    lr_ = initial_ * (1 - std::cos(pi / steps_)) / 2;
  } else {
    lr_ = (1 + std::cos(pi * count_ / steps_)) / (1 + std::cos(pi * (count_ - 1) / steps_)) * lr_;
  }
  return lr_;
}

Fit fit(const std::vector<Item>& items, const FitOptions& options) {
  Fit out;
  out.params = default_params();
  Prepared prepared = filter_outliers(items);
  out.train_items = prepared.train.size();
  out.initial_items = prepared.initial.size();
  const double recall = average_recall(prepared.train);
  if (prepared.train.size() < kMinItems) return out;
  const auto initial = initial_stability(prepared.initial, recall);
  if (!initial) return out;
  std::copy(initial->stability.begin(), initial->stability.end(), out.params.begin());
  out.kind = FitKind::kInitialOnly;
  if (prepared.train.size() == prepared.initial.size() || prepared.train.size() < kMinFullItems) {
    return out;
  }

  const Params start = starting_params(initial->stability, options.short_term);
  std::vector<Item> train;
  std::vector<double> weights;
  for (std::size_t i = 0; i < prepared.train.size(); ++i) {
    if (prepared.train[i].length > options.max_reviews) continue;
    weights.push_back(recency_weight(i, prepared.train.size()));
    train.push_back(std::move(prepared.train[i]));
  }
  const std::size_t total = train.size();
  std::mt19937_64 rng(options.seed);
  const std::vector<Batch> batches = make_batches(train, weights, options.batch_size, rng);
  CosineAnnealing schedule(static_cast<double>((total / options.batch_size + 1) * options.epochs),
                           options.learning_rate);
  Params w = start;
  Adam adam;
  std::vector<std::size_t> order(batches.size());
  double best_loss = std::numeric_limits<double>::infinity();
  Params best = w;
  for (std::size_t epoch = 0; epoch < options.epochs; ++epoch) {
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    shuffle(order, rng);
    for (const std::size_t b : order) {
      const Batch& batch = batches[b];
      const double lr = schedule.step();
      Params grad{};
      batch_cards_loss(w, batch, &grad);
      l2_penalty(w, start, batch.predictions, total, options.gamma, &grad);
      if (!options.short_term) {
        std::fill(grad.begin(), grad.begin() + 4, 0.0);
        std::fill(grad.begin() + 17, grad.begin() + 20, 0.0);
      }
      adam.step(w, grad, lr);
      clip_params(w, options.relearning_steps, options.short_term);
    }
    double loss = 0;
    for (const Batch& batch : batches) {
      loss += batch_cards_loss(w, batch, nullptr) +
              l2_penalty(w, start, batch.predictions, total, options.gamma, nullptr);
    }
    loss /= static_cast<double>(total);
    if (loss < best_loss) {
      best_loss = loss;
      best = w;
    }
  }
  // The fitted initial stabilities, made to rise with the rating again.
  std::map<int, double> fitted;
  for (int r = 1; r <= 4; ++r) fitted[r] = best[static_cast<std::size_t>(r - 1)];
  if (const auto smooth = smooth_and_fill(fitted, initial->count)) {
    std::copy(smooth->begin(), smooth->end(), best.begin());
  }
  for (const double x : best) {
    if (!std::isfinite(x)) return out;  // kInitialOnly with the pre-trained stabilities
  }
  out.params = best;
  out.kind = FitKind::kFull;
  return out;
}

}  // namespace quizdeck::optimize
