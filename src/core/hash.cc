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
  std::uint64_t a = 0x243F6A8885A308D3ULL ^ (bytes.size() * kPrime1);
  std::uint64_t b = 0x13198A2E03707344ULL ^ (bytes.size() * kPrime2);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    a = lane(a, word, kPrime2);
    b = lane(b, word ^ 0xA5A5A5A5A5A5A5A5ULL, kPrime1);
  }
  std::uint64_t tail = 0;
  for (std::size_t shift = 0; i < bytes.size(); ++i, shift += 8) {
    tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[i])) << shift;
  }
  a = lane(a, tail, kPrime2);
  b = lane(b, tail ^ 0xA5A5A5A5A5A5A5A5ULL, kPrime1);
  return fmt::format("{:016x}{:016x}", mix(a ^ std::rotl(b, 17)), mix(b + a));
}

}  // namespace quizdeck::core
