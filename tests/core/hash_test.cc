// SPDX-License-Identifier: MIT
#include "core/hash.h"

#include <doctest/doctest.h>

#include <string>

namespace quizdeck::core {
namespace {

std::string sample(std::size_t size) {
  std::string text;
  for (std::size_t i = 0; i < size; ++i) text += static_cast<char>('a' + (i * 7 + i / 13) % 26);
  return text;
}

TEST_CASE("content_hash: 32 hex digits, a changed, added or removed byte changes it") {
  const std::string text = sample(1000);
  const std::string hash = content_hash(text);
  CHECK(hash.size() == 32);
  CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  for (const std::size_t at : {0u, 7u, 31u, 32u, 500u, 999u}) {
    std::string changed = text;
    changed[at] = static_cast<char>(changed[at] ^ 1);
    CHECK(content_hash(changed) != hash);
  }
  CHECK(content_hash(text + '\0') != hash);
  CHECK(content_hash(text.substr(1)) != hash);
  CHECK(content_hash("") != content_hash(std::string(1, '\0')));
}

TEST_CASE("content_hash is XXH3-128") {
  // The reference values of the xxHash project for the empty input and "a".
  CHECK(content_hash("") == "99aa06d3014798d86001c324468d497f");
  CHECK(content_hash("a") == "a96faf705af16834e6c632b61e964e1f");
}

TEST_CASE("ContentHasher: any split of the bytes gives content_hash of them all") {
  for (const std::size_t size : {0u, 1u, 8u, 31u, 32u, 33u, 64u, 100u, 1000u}) {
    const std::string text = sample(size);
    for (const std::size_t piece : {1u, 3u, 8u, 31u, 32u, 33u, 4096u}) {
      ContentHasher hasher;
      for (std::size_t at = 0; at < text.size(); at += piece) {
        hasher.update(std::string_view(text).substr(at, piece));
      }
      INFO("size ", size, ", pieces of ", piece);
      CHECK(hasher.finish() == content_hash(text));
    }
  }
}

}  // namespace
}  // namespace quizdeck::core
