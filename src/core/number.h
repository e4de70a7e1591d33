// SPDX-License-Identifier: MIT
// Reading a decimal number the way std::from_chars does (no leading '+' or white space, no
// hex, the locale ignored, correctly rounded), for doubles, with any standard library:
// libc++ 14 has no floating-point std::from_chars.
#pragma once

#include <charconv>

namespace quizdeck::core {

std::from_chars_result parse_double(const char* first, const char* last, double& value);

}  // namespace quizdeck::core
