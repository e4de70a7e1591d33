// SPDX-License-Identifier: MIT
// A count kept per distinct value (a mark, a rest of the test, a time): an open-addressing
// table in one array, so that counting an answer touches one place in memory. Item
// analysis counts every answer of a class into a few of these per item; the standard
// unordered_map, a node per value, made that the slowest part of `analyze`.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace quizdeck::analysis {

template <typename Key, typename Value>
class Tally {
  static_assert(sizeof(Key) == 8, "keys are 64-bit values, hashed by their bits");

 public:
  // The value counted for `key`, made (value-initialized) the first time.
  Value& operator[](Key key) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    const std::uint64_t bits = bits_of(key);
    std::size_t at = slot_of(bits);
    while (slots_[at].used) {
      if (slots_[at].bits == bits) return slots_[at].value;
      at = (at + 1) & (slots_.size() - 1);
    }
    slots_[at] = Slot{bits, true, Key(key), Value()};
    ++size_;
    return slots_[at].value;
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Every key with its value, in order of key.
  std::vector<std::pair<Key, Value>> sorted() const {
    std::vector<std::pair<Key, Value>> out;
    out.reserve(size_);
    for (const Slot& slot : slots_) {
      if (slot.used) out.emplace_back(slot.key, slot.value);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }

 private:
  struct Slot {
    std::uint64_t bits = 0;
    bool used = false;
    Key key{};
    Value value{};
  };

  static std::uint64_t bits_of(Key key) {
    if constexpr (std::is_floating_point_v<Key>) {
      if (key == 0) key = 0;  // -0.0 and 0.0 are one value
    }
    return std::bit_cast<std::uint64_t>(key);
  }
  std::size_t slot_of(std::uint64_t bits) const {
    bits ^= bits >> 33;
    bits *= 0xff51afd7ed558ccdULL;
    bits ^= bits >> 33;
    return static_cast<std::size_t>(bits) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(8, old.size() * 2), Slot{});
    size_ = 0;
    for (Slot& slot : old) {
      if (slot.used) (*this)[slot.key] = std::move(slot.value);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace quizdeck::analysis
