// SPDX-License-Identifier: MIT
#include "optimize/evaluate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "optimize/parallel.h"

namespace quizdeck::optimize {

double recency_weight(std::size_t i, std::size_t n) {
  const double last = std::max(1.0, static_cast<double>(n) - 1);
  return 0.25 + 0.75 * std::pow(static_cast<double>(i) / last, 3);
}

Evaluation evaluate(const std::vector<Item>& items, const Params& w) {
  // Each card's reviews predicted once, in one pass; an item reads its own.
  std::unordered_map<const std::vector<Review>*, std::size_t> index;
  std::vector<const std::vector<Review>*> cards;
  for (const Item& item : items) {
    if (index.emplace(item.card.get(), cards.size()).second) cards.push_back(item.card.get());
  }
  std::vector<std::vector<double>> recalls(cards.size());
  constexpr std::size_t kPieces = 16;
  run_pieces(kPieces, [&](std::size_t piece) {
    const std::size_t begin = cards.size() * piece / kPieces;
    const std::size_t end = cards.size() * (piece + 1) / kPieces;
    for (std::size_t i = begin; i < end; ++i) card_predictions(w, *cards[i], recalls[i]);
  });
  std::vector<double> predicted(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    predicted[i] = recalls[index.at(items[i].card.get())][items[i].length - 1];
  }
  struct Bin {
    double predicted = 0, actual = 0, count = 0, weight = 0;
  };
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, Bin> bins;
  double loss = 0;
  double total_weight = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double weight = recency_weight(i, items.size());
    const double y = items[i].current().rating > 1 ? 1.0 : 0.0;
    loss += cross_entropy(predicted[i], items[i].current().rating, weight).first;
    total_weight += weight;
    Bin& bin = bins[rmse_bin(items[i])];
    bin.predicted += predicted[i];
    bin.actual += y;
    bin.count += 1;
    bin.weight += weight;
  }
  double squares = 0;
  double bin_weight = 0;
  for (const auto& [key, bin] : bins) {
    const double gap = bin.predicted / bin.count - bin.actual / bin.count;
    squares += gap * gap * bin.weight;
    bin_weight += bin.weight;
  }
  return {loss / total_weight, std::sqrt(squares / bin_weight)};
}

}  // namespace quizdeck::optimize
