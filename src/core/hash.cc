// SPDX-License-Identifier: MIT
#include "core/hash.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

namespace quizdeck::core {
namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;

// MurmurHash3's finalizer: every input bit reaches every output bit.
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

std::uint64_t lane(std::uint64_t h, std::uint64_t word, std::uint64_t prime) {
  h ^= std::rotl(word * prime, 31) * kPrime1;
  return std::rotl(h, 27) * 5 + 0x52DCE729;
}

}  // namespace

void ContentHasher::update(std::string_view bytes) {
  size_ += bytes.size();
  const auto stripe = [this](const char* data) {
    for (int l = 0; l < 4; ++l) {
      std::uint64_t word;
      std::memcpy(&word, data + 8 * l, 8);
      lanes_[l] = lane(lanes_[l], word, kPrime2);
    }
  };
  if (pending_size_ > 0) {
    const std::size_t take = std::min(bytes.size(), 32 - pending_size_);
    std::memcpy(pending_ + pending_size_, bytes.data(), take);
    pending_size_ += take;
    bytes.remove_prefix(take);
    if (pending_size_ < 32) return;
    stripe(pending_);
    pending_size_ = 0;
  }
  // Four independent lanes over 32-byte stripes keep the multipliers busy (as xxHash does).
  while (bytes.size() >= 32) {
    stripe(bytes.data());
    bytes.remove_prefix(32);
  }
  std::memcpy(pending_, bytes.data(), bytes.size());
  pending_size_ = bytes.size();
}

std::string ContentHasher::finish() const {
  // Two 64-bit results from different mixes of the lanes make the 128 bits.
  const std::uint64_t n = size_;
  std::uint64_t a = lanes_[0] ^ std::rotl(lanes_[1], 7) ^ std::rotl(lanes_[2], 12) ^
                    std::rotl(lanes_[3], 18) ^ (n * kPrime1);
  std::uint64_t b = lanes_[3] + std::rotl(lanes_[2], 23) + std::rotl(lanes_[1], 29) +
                    std::rotl(lanes_[0], 37) + (n * kPrime2);
  std::size_t i = 0;
  for (; i + 8 <= pending_size_; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, pending_ + i, 8);
    a = lane(a, word, kPrime2);
    b = lane(b, word ^ 0xA5A5A5A5A5A5A5A5ULL, kPrime1);
  }
  std::uint64_t tail = 0;
  for (std::size_t shift = 0; i < pending_size_; ++i, shift += 8) {
    tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(pending_[i])) << shift;
  }
  a = lane(a, tail, kPrime2);
  b = lane(b, tail ^ 0xA5A5A5A5A5A5A5A5ULL, kPrime1);
  return fmt::format("{:016x}{:016x}", mix(a ^ std::rotl(b, 17)), mix(b + a));
}

std::string content_hash(std::string_view bytes) {
  ContentHasher hasher;
  hasher.update(bytes);
  return hasher.finish();
}

}  // namespace quizdeck::core
