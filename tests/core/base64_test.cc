// SPDX-License-Identifier: MIT
#include "core/base64.h"

#include <doctest/doctest.h>

namespace quizdeck::core {

TEST_CASE("base64: RFC 4648's test vectors, both ways") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    CHECK(base64_encode(plain) == encoded);
    CHECK(base64_decode(encoded) == std::string(plain));
  }
  const std::string bytes("\x00\xff\x10\x80", 4);
  CHECK(base64_decode(base64_encode(bytes)) == bytes);
}

TEST_CASE("base64: line breaks are skipped, stray characters and misplaced padding refused") {
  CHECK(base64_decode("Zm9v\nYmFy\r\n") == std::string("foobar"));
  CHECK_FALSE(base64_decode("Zm9v!"));
  CHECK_FALSE(base64_decode("Zg=a"));
  CHECK_FALSE(base64_decode("Z"));
  CHECK_FALSE(base64_decode("Zg==="));
  CHECK_FALSE(base64_decode("=Zg="));
}

}  // namespace quizdeck::core
