// SPDX-License-Identifier: MIT
// Seeded randomness that gives the same sequence on every platform and standard library:
// our own MT19937-64 (the generator as the C++ standard and Matsumoto & Nishimura define
// it), our own bounded draw and our own shuffle. The standard library's distributions and
// std::shuffle are not used: their algorithms differ between libstdc++ and libc++, and
// `--seed` must mean the same questions in the same order everywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace quizdeck::core {

// MT19937-64: 64-bit Mersenne Twister; Random(5489) yields 14514284786278117030 first and,
// as the standard requires, 9981545732273789042 as its 10000th value.
class Random {
 public:
  explicit Random(std::uint64_t seed);
  std::uint64_t next();

  // A uniform draw from [0, bound), bound > 0, without bias: Lemire's multiply-and-reject
  // ("Fast Random Integer Generation in an Interval", 2019). One or more next() calls.
  std::uint64_t below(std::uint64_t bound);

 private:
  static constexpr std::size_t kWords = 312;
  std::uint64_t state_[kWords];
  std::size_t index_ = kWords;
};

// Fisher-Yates from the front: element i (1 <= i < n) is swapped with one of 0..i. Two
// consecutive positions share one draw when n * n fits in 64 bits: position i and i + 1
// take x / (i + 2) and x % (i + 2) of x = below((i + 1) * (i + 2)); with an even count
// position 1 first takes below(2) alone. (The same sequence of swaps libstdc++ 12 makes
// with a 64-bit engine, so decks shuffled before this change keep their order.)
void shuffle_indices(std::vector<std::size_t>& items, Random& random);

template <typename T>
void shuffle(std::vector<T>& items, Random& random) {
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  shuffle_indices(order, random);
  std::vector<T> shuffled;
  shuffled.reserve(items.size());
  for (const std::size_t i : order) shuffled.push_back(std::move(items[i]));
  items = std::move(shuffled);
}

}  // namespace quizdeck::core
