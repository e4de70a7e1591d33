// SPDX-License-Identifier: MIT
// parse_double reads as std::from_chars does, with libstdc++ (which has it) and libc++ 14
// (which reads through strtod in the C locale instead): the same text, the same result.
#include "core/number.h"

#include <doctest/doctest.h>

#include <cmath>
#include <string_view>

namespace quizdeck::core {
namespace {

struct Read {
  double value = -7;
  std::size_t used = 0;
  std::errc error{};
};

Read read(std::string_view text) {
  Read out;
  const auto result = parse_double(text.data(), text.data() + text.size(), out.value);
  out.used = static_cast<std::size_t>(result.ptr - text.data());
  out.error = result.ec;
  return out;
}

}  // namespace

TEST_CASE("parse_double: decimal text, correctly rounded, the rest left unread") {
  CHECK(read("0.1").value == 0.1);
  CHECK(read("-2.5e3").value == -2500.0);
  CHECK(read(".5").value == 0.5);
  CHECK(read("1e-2").value == 0.01);
  CHECK(read("9007199254740993").value == 9007199254740992.0);  // rounds to even
  const Read partial = read("3.25 apples");
  CHECK(partial.value == 3.25);
  CHECK(partial.used == 4);
  CHECK(read("12abc").used == 2);
}

TEST_CASE("parse_double: no '+', no white space, no hex, whatever the library") {
  for (const std::string_view bad : {"+1", " 1", "\t1", "", "-", "abc", "-+1"}) {
    INFO(bad);
    const Read r = read(bad);
    CHECK(r.error == std::errc::invalid_argument);
    CHECK(r.used == 0);
    CHECK(r.value == -7);  // untouched
  }
  const Read hex = read("0x1p3");
  CHECK(hex.error == std::errc());
  CHECK(hex.value == 0);
  CHECK(hex.used == 1);
}

TEST_CASE("parse_double: infinities and NaN as from_chars reads them, overflow refused") {
  CHECK(std::isinf(read("inf").value));
  CHECK(std::isinf(read("-Infinity").value));
  CHECK(std::isnan(read("nan").value));
  const Read huge = read("1e999");
  CHECK(huge.error == std::errc::result_out_of_range);
  CHECK(huge.value == -7);
}

}  // namespace quizdeck::core
