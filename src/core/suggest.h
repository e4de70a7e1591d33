// SPDX-License-Identifier: MIT
// "Did you mean" suggestions: the nearest candidate by edit distance (as ninja does).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace quizdeck::core {

// Levenshtein distance in code points, counting a swap of two neighbours as one edit.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely typo: at most one
// edit for short words, one edit per three characters for longer ones; or a candidate of
// four or more characters that the word starts with (or that starts with the word).
std::optional<std::string> suggest(std::string_view word, std::span<const std::string> candidates);

}  // namespace quizdeck::core
