// SPDX-License-Identifier: MIT
// How plain YAML scalars are typed: the YAML 1.2 core schema, so `yes`, `no`, `on` and
// `off` are text, never booleans; numbers must be finite.
#pragma once

#include <optional>
#include <string_view>

namespace quizdeck::deck {

std::optional<bool> plain_bool(std::string_view text);
// A YAML 1.2 core int or float (decimal, 0x hex, 0o octal); .inf and .nan are not numbers.
std::optional<double> plain_number(std::string_view text);
// A YAML 1.2 non-finite float: .inf, -.inf, .nan in their spellings.
bool is_plain_non_finite(std::string_view text);
// yes/no/on/off in any case: booleans in YAML 1.1, text here. (YAML 1.1's y and n are
// left out: as answers they are far more often variable names than booleans.)
bool is_yaml11_bool_word(std::string_view text);

// "30m", "1h30m", "90s", "1h": seconds; nullopt when malformed or zero.
std::optional<int> parse_duration(std::string_view text);
// "70%", "62.5%": percent in (0, 100]; nullopt otherwise.
std::optional<double> parse_percent(std::string_view text);

}  // namespace quizdeck::deck
