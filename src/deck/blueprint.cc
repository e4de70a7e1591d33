// SPDX-License-Identifier: MIT
#include "deck/blueprint.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace quizdeck::deck {

std::vector<int> blueprint_counts(const Blueprint& blueprint, int questions) {
  const auto& shares = blueprint.shares;
  std::vector<int> counts(shares.size(), 0);
  if (shares.empty() || questions <= 0) return counts;
  const double total =
      blueprint.percent
          ? 100.0
          : std::accumulate(shares.begin(), shares.end(), 0.0,
                            [](double sum, const BlueprintShare& s) { return sum + s.amount; });
  std::vector<double> remainder(shares.size());
  int given = 0;
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const double exact = questions * shares[i].amount / total;
    // A hair of tolerance: 75 * 20% is 15 whether or not the product lands a bit under.
    const double whole = std::floor(exact + 1e-9);
    counts[i] = static_cast<int>(whole);
    remainder[i] = exact - whole;
    given += counts[i];
  }
  std::vector<std::size_t> by_remainder(shares.size());
  std::iota(by_remainder.begin(), by_remainder.end(), std::size_t{0});
  std::stable_sort(by_remainder.begin(), by_remainder.end(), [&](std::size_t a, std::size_t b) {
    return remainder[a] > remainder[b] + 1e-9;
  });
  for (std::size_t k = 0; given < questions && k < by_remainder.size(); ++k, ++given) {
    ++counts[by_remainder[k]];
  }
  return counts;
}

}  // namespace quizdeck::deck
