// SPDX-License-Identifier: MIT
#include "core/random.h"

namespace quizdeck::core {
namespace {

constexpr std::size_t kMiddle = 156;
constexpr std::uint64_t kMatrix = 0xB5026F5AA96619E9ULL;
constexpr std::uint64_t kUpper = 0xFFFFFFFF80000000ULL;
constexpr std::uint64_t kLower = 0x7FFFFFFFULL;

// The 128-bit product a * b: returns the low 64 bits and sets `high` (portable C++; no
// __int128).
std::uint64_t multiply(std::uint64_t a, std::uint64_t b, std::uint64_t& high) {
  const std::uint64_t a_lo = a & 0xFFFFFFFFULL;
  const std::uint64_t a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xFFFFFFFFULL;
  const std::uint64_t b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo;
  const std::uint64_t hi_lo = a_hi * b_lo;
  const std::uint64_t lo_hi = a_lo * b_hi;
  const std::uint64_t hi_hi = a_hi * b_hi;
  const std::uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFULL) + lo_hi;
  high = hi_hi + (hi_lo >> 32) + (cross >> 32);
  return (cross << 32) | (lo_lo & 0xFFFFFFFFULL);
}

}  // namespace

Random::Random(std::uint64_t seed) {
  state_[0] = seed;
  for (std::size_t i = 1; i < kWords; ++i) {
    state_[i] = 6364136223846793005ULL * (state_[i - 1] ^ (state_[i - 1] >> 62)) + i;
  }
}

std::uint64_t Random::next() {
  if (index_ >= kWords) {
    for (std::size_t i = 0; i < kWords; ++i) {
      const std::uint64_t x = (state_[i] & kUpper) | (state_[(i + 1) % kWords] & kLower);
      std::uint64_t twisted = x >> 1;
      if ((x & 1) != 0) twisted ^= kMatrix;
      state_[i] = state_[(i + kMiddle) % kWords] ^ twisted;
    }
    index_ = 0;
  }
  std::uint64_t y = state_[index_++];
  y ^= (y >> 29) & 0x5555555555555555ULL;
  y ^= (y << 17) & 0x71D67FFFEDA60000ULL;
  y ^= (y << 37) & 0xFFF7EEE000000000ULL;
  y ^= y >> 43;
  return y;
}

std::uint64_t Random::below(std::uint64_t bound) {
  std::uint64_t high = 0;
  std::uint64_t low = multiply(next(), bound, high);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) low = multiply(next(), bound, high);
  }
  return high;
}

void shuffle_indices(std::vector<std::size_t>& items, Random& random) {
  const std::uint64_t n = items.size();
  if (n < 2) return;
  const auto swap = [&](std::uint64_t a, std::uint64_t b) { std::swap(items[a], items[b]); };
  if (n >= (1ULL << 32)) {  // too many for paired draws: one draw per position
    for (std::uint64_t i = 1; i < n; ++i) swap(i, random.below(i + 1));
    return;
  }
  std::uint64_t i = 1;
  if (n % 2 == 0) {
    swap(i, random.below(2));
    ++i;
  }
  while (i != n) {
    const std::uint64_t first = i + 1;  // positions 0..i for item i
    const std::uint64_t second = i + 2;
    const std::uint64_t x = random.below(first * second);
    swap(i, x / second);
    swap(i + 1, x % second);
    i += 2;
  }
}

}  // namespace quizdeck::core
