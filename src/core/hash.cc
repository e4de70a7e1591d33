// SPDX-License-Identifier: MIT
#include "core/hash.h"

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

std::string content_hash(std::string_view bytes) {
  // Four independent lanes over 32-byte stripes keep the multipliers busy (as xxHash
  // does); two 64-bit results from different mixes of the lanes make the 128 bits.
  std::uint64_t lanes[4] = {0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL,
                            0x082EFA98EC4E6C89ULL};
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    for (int l = 0; l < 4; ++l) {
      std::uint64_t word;
      std::memcpy(&word, bytes.data() + i + 8 * l, 8);
      lanes[l] = lane(lanes[l], word, kPrime2);
    }
  }
  std::uint64_t a = lanes[0] ^ std::rotl(lanes[1], 7) ^ std::rotl(lanes[2], 12) ^
                    std::rotl(lanes[3], 18) ^ (n * kPrime1);
  std::uint64_t b = lanes[3] + std::rotl(lanes[2], 23) + std::rotl(lanes[1], 29) +
                    std::rotl(lanes[0], 37) + (n * kPrime2);
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    a = lane(a, word, kPrime2);
    b = lane(b, word ^ 0xA5A5A5A5A5A5A5A5ULL, kPrime1);
  }
  std::uint64_t tail = 0;
  for (std::size_t shift = 0; i < n; ++i, shift += 8) {
    tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << shift;
  }
  a = lane(a, tail, kPrime2);
  b = lane(b, tail ^ 0xA5A5A5A5A5A5A5A5ULL, kPrime1);
  return fmt::format("{:016x}{:016x}", mix(a ^ std::rotl(b, 17)), mix(b + a));
}

}  // namespace quizdeck::core
