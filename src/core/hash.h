// SPDX-License-Identifier: MIT
// A fast 128-bit content hash (XXH3-128, from the xxHash library), written as 32 hex
// digits. For telling whether bytes changed, not for security.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace quizdeck::core {

// The same hash over bytes that arrive in pieces (a file read in chunks): any split of the
// same bytes gives the same result as content_hash of them all.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;

  void update(std::string_view bytes);
  std::string finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string content_hash(std::string_view bytes);

}  // namespace quizdeck::core
