// SPDX-License-Identifier: MIT
#include "core/suggest.h"

#include <algorithm>
#include <vector>

#include "core/utf8.h"

namespace quizdeck::core {
namespace {

std::u32string decode(std::string_view text) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < text.size()) out += next_code_point(text, pos);
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
  const std::u32string a = decode(a_text);
  const std::u32string b = decode(b_text);
  // Optimal string alignment distance: three rows are enough.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> suggest(std::string_view word, std::span<const std::string> candidates) {
  const std::size_t length = count_code_points(word);
  const std::size_t allowed = std::max<std::size_t>(1, length / 3);
  std::optional<std::string> best;
  std::size_t best_distance = static_cast<std::size_t>(-1);
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    // A long word that extends a name, or is cut short of one, is a likely slip too
    // ("explaination" for "explain").
    const std::string_view shorter = word.size() < candidate.size() ? word : candidate;
    const bool extends =
        count_code_points(shorter) >= 4 &&
        (word.starts_with(candidate) || std::string_view(candidate).starts_with(word));
    if (distance > allowed && !extends) continue;
    if (distance < best_distance && distance < std::max(length, count_code_points(candidate))) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace quizdeck::core
