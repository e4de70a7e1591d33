// SPDX-License-Identifier: MIT
// A character diff between a typed answer and the expected one, for feedback: which
// characters the learner left out and which they added. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::grade {

struct DiffPiece {
  enum class Kind { kSame, kMissing, kExtra };  // missing: expected, not typed
  Kind kind = Kind::kSame;
  std::string text;
};

// Longer texts than this (in code points) get no diff: it would say nothing useful, and
// its cost grows with the product of the lengths.
inline constexpr std::size_t kMaxDiffLength = 200;

// The shortest edit from `given` to `expected`, by code point (a longest common
// subsequence); nothing when either is longer than kMaxDiffLength or not valid UTF-8.
std::optional<std::vector<DiffPiece>> char_diff(std::string_view given, std::string_view expected);

// The diff as one line: "reflect[+i]ve listening", "Can[-n]berra".
std::string diff_line(const std::vector<DiffPiece>& pieces);

}  // namespace quizdeck::grade
