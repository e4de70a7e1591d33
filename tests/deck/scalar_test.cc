// SPDX-License-Identifier: MIT
#include "deck/scalar.h"

#include <doctest/doctest.h>

namespace quizdeck::deck {

TEST_CASE("plain scalars follow the YAML 1.2 core schema") {
  CHECK(plain_bool("true") == std::optional<bool>(true));
  CHECK(plain_bool("FALSE") == std::optional<bool>(false));
  CHECK(plain_bool("yes") == std::nullopt);
  CHECK(plain_bool("on") == std::nullopt);
  CHECK(plain_number("3") == std::optional<double>(3));
  CHECK(plain_number("-2.5") == std::optional<double>(-2.5));
  CHECK(plain_number("+1e3") == std::optional<double>(1000));
  CHECK(plain_number(".5") == std::optional<double>(0.5));
  CHECK(plain_number("0x1F") == std::optional<double>(31));
  CHECK(plain_number("0o17") == std::optional<double>(15));
  CHECK(plain_number("3,14") == std::nullopt);
  CHECK(plain_number("1_000") == std::nullopt);
  CHECK(plain_number(".") == std::nullopt);
  CHECK(plain_number("1e") == std::nullopt);
  CHECK(plain_number(".inf") == std::nullopt);
  CHECK(plain_number("1e999") == std::nullopt);
  CHECK(is_plain_non_finite("-.Inf"));
  CHECK(is_plain_non_finite(".nan"));
  CHECK(is_yaml11_bool_word("Yes"));
  CHECK(is_yaml11_bool_word("OFF"));
  CHECK_FALSE(is_yaml11_bool_word("true"));
}

TEST_CASE("durations and percentages") {
  CHECK(parse_duration("30m") == std::optional<int>(1800));
  CHECK(parse_duration("1h30m") == std::optional<int>(5400));
  CHECK(parse_duration("90s") == std::optional<int>(90));
  CHECK(parse_duration("1h") == std::optional<int>(3600));
  CHECK(parse_duration("30") == std::nullopt);
  CHECK(parse_duration("30m1h") == std::nullopt);
  CHECK(parse_duration("0m") == std::nullopt);
  CHECK(parse_duration("1d") == std::nullopt);
  CHECK(parse_duration("") == std::nullopt);
  CHECK(parse_percent("70%") == std::optional<double>(70));
  CHECK(parse_percent("62.5%") == std::optional<double>(62.5));
  CHECK(parse_percent("100%") == std::optional<double>(100));
  CHECK(parse_percent("0%") == std::nullopt);
  CHECK(parse_percent("101%") == std::nullopt);
  CHECK(parse_percent("70") == std::nullopt);
  CHECK(parse_percent("-5%") == std::nullopt);
}

}  // namespace quizdeck::deck
