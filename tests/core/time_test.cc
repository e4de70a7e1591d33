// SPDX-License-Identifier: MIT
#include "core/time.h"

#include <doctest/doctest.h>

namespace quizdeck::core {

TEST_CASE("ISO 8601 times") {
  CHECK(parse_iso8601("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_iso8601("2024-01-28T07:40:28.000Z") == 1706427628000);
  CHECK(parse_iso8601("2024-01-28T07:40:28.5Z") == 1706427628500);
  CHECK(parse_iso8601("2024-01-28T08:40:28+01:00") == 1706427628000);
  CHECK(parse_iso8601("2024-01-28 07:40") == 1706427600000);
  CHECK(parse_iso8601("2024-02-29") == 1709164800000);
  CHECK(parse_iso8601("2023-02-29") == std::nullopt);
  CHECK(parse_iso8601("2024-13-01") == std::nullopt);
  CHECK(parse_iso8601("2024-01-28T25:00:00Z") == std::nullopt);
  CHECK(parse_iso8601("yesterday") == std::nullopt);
  CHECK(parse_iso8601("2024-01-28T07:40:28Zjunk") == std::nullopt);
  CHECK(format_iso8601(1706427628000) == "2024-01-28T07:40:28.000Z");
  CHECK(format_iso8601(-1) == "1969-12-31T23:59:59.999Z");
  CHECK(format_iso8601(*parse_iso8601("2032-02-29T08:17:55Z")) == "2032-02-29T08:17:55.000Z");
}

}  // namespace quizdeck::core
