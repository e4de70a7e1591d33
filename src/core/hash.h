// SPDX-License-Identifier: MIT
// A fast 128-bit content hash (four 64-bit lanes over 32-byte stripes), written as 32 hex
// digits. For telling whether bytes changed, not for security.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace quizdeck::core {

// The same hash over bytes that arrive in pieces (a file read in chunks): any split of the
// same bytes gives the same result as content_hash of them all.
class ContentHasher {
 public:
  void update(std::string_view bytes);
  std::string finish() const;

 private:
  std::uint64_t lanes_[4] = {0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL,
                             0x082EFA98EC4E6C89ULL};
  std::uint64_t size_ = 0;
  char pending_[32] = {};
  std::size_t pending_size_ = 0;
};

std::string content_hash(std::string_view bytes);

}  // namespace quizdeck::core
