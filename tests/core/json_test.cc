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

TEST_CASE("a tape reads what parse_json reads, with views into the text or its own buffer") {
  JsonTape tape;
  JsonError error;
  const std::string text =
      R"({"type":"answer","a":1,"a":2,"escaped":"x\ny","question_one":"p","question_two":"q",)"
      R"("":"empty","list":["s",3,{"k":null}],"t":true})";
  REQUIRE(tape.parse(text, error));
  const JsonView root = tape.root();
  REQUIRE(root.is_object());
  CHECK(root.size() == 9);
  CHECK(root.find("type").text() == "answer");
  CHECK(root.find("a").number() == 1);  // the first of two, as JsonValue::find
  CHECK(root.find("escaped").text() == "x\ny");
  // Keys that share their first 8 bytes, and the empty key.
  CHECK(root.find("question_one").text() == "p");
  CHECK(root.find("question_two").text() == "q");
  CHECK_FALSE(root.find("question"));
  CHECK(root.find("").text() == "empty");
  CHECK(root.find("t").boolean());
  CHECK_FALSE(root.find("missing"));
  std::vector<std::string> kinds;
  root.find("list").each([&](JsonView item) {
    kinds.push_back(item.is_string() ? "string" : item.is_number() ? "number" : "object");
  });
  CHECK(kinds == std::vector<std::string>{"string", "number", "object"});
  // A second document reuses the tape; errors are parse_json's.
  REQUIRE(tape.parse(R"(["é"])", error));
  tape.root().each([](JsonView item) { CHECK(item.text() == "\u00e9"); });
  CHECK_FALSE(tape.parse("[1,2", error));
  CHECK(error.offset == 4);
  CHECK(error.message == "expected ',' or ']'");
}

TEST_CASE("json_head is a text's first 8 bytes, zeros past its end") {
  CHECK(json_head("") == 0);
  CHECK(json_head("a") == 0x61);
  CHECK(json_head("abcdefgh") == json_head("abcdefghXYZ"));
  // A head alone does not tell "abc" from "abc\0": lookups compare the length too.
  CHECK(json_head(std::string_view("abc\0", 4)) == json_head("abc"));
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
