// SPDX-License-Identifier: MIT
#include "core/json.h"

#include <doctest/doctest.h>

#include "core/json_writer.h"

namespace quizdeck::core {

TEST_CASE("JsonWriter writes an optional as its value, or null") {
  JsonWriter json;
  json.begin_array()
      .value(std::optional<double>(0.5))
      .value(std::optional<bool>())
      .value(std::optional<std::int64_t>(7))
      .end_array();
  CHECK(json.str() == "[0.5,null,7]");
}

TEST_CASE("parse_json reads every kind of value and writes it back unchanged") {
  const std::string text =
      R"({"a":[1,-2.5e-3,true,false,null],"b":"x\"y\\z\n\u00e9\ud83d\ude00","c":{},"d":[]})";
  JsonError error;
  const auto value = parse_json(text, error);
  REQUIRE(value);
  CHECK(value->find("a")->items[1].number == -0.0025);
  CHECK(value->find("b")->text == "x\"y\\z\n\u00e9\U0001F600");
  CHECK(to_json(*value) == R"({"a":[1,-2.5e-3,true,false,null],"b":"x\"y\\z\n)"
                           "\u00e9\U0001F600"
                           R"(","c":{},"d":[]})");
}

TEST_CASE("parse_json errors say what and where") {
  const auto error_of = [](std::string_view text) {
    JsonError error;
    CHECK_FALSE(parse_json(text, error));
    return std::to_string(error.offset) + ": " + error.message;
  };
  CHECK(error_of("{\"a\":}") == "5: unexpected character '}'");
  CHECK(error_of("[1,2") == "4: expected ',' or ']'");
  CHECK(error_of("\"abc") == "4: unterminated string");
  CHECK(error_of("1x") == "1: unexpected text after the JSON value");
  CHECK(error_of("01") == "0: invalid number (leading zero)");
  CHECK(error_of("{\"a\" 1}") == "5: expected ':'");
  CHECK(error_of("\"\\ud800\"") == "7: unpaired surrogate");
  CHECK(error_of(std::string(300, '[')) == "257: JSON nested too deeply");
  CHECK(error_of("") == "0: unexpected end of JSON");
}

TEST_CASE("numbers print as JavaScript prints them") {
  CHECK(format_number(0) == "0");
  CHECK(format_number(1) == "1");
  CHECK(format_number(-2.5) == "-2.5");
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(0.0001) == "0.0001");
  CHECK(format_number(1e-7) == "1e-7");
  CHECK(format_number(1.5e-7) == "1.5e-7");
  CHECK(format_number(123456789012) == "123456789012");
  CHECK(format_number(1e21) == "1e+21");
  CHECK(format_number(36.05646792) == "36.05646792");
}

}  // namespace quizdeck::core
