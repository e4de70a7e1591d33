// SPDX-License-Identifier: MIT
#include "grade/diff.h"

#include <algorithm>

#include "core/utf8.h"

namespace quizdeck::grade {
namespace {

// Code points as their UTF-8 bytes, or nothing for text that is not valid UTF-8.
std::optional<std::vector<std::string>> code_points(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    if (!core::decode_utf8(text, pos)) return std::nullopt;
    out.emplace_back(text.substr(start, pos - start));
    if (out.size() > kMaxDiffLength) return std::nullopt;
  }
  return out;
}

void add(std::vector<DiffPiece>& pieces, DiffPiece::Kind kind, const std::string& text) {
  if (!pieces.empty() && pieces.back().kind == kind) {
    pieces.back().text += text;
  } else {
    pieces.push_back({kind, text});
  }
}

}  // namespace

std::optional<std::vector<DiffPiece>> char_diff(std::string_view given, std::string_view expected) {
  const auto a = code_points(given);
  const auto b = code_points(expected);
  if (!a || !b) return std::nullopt;
  const std::size_t n = a->size();
  const std::size_t m = b->size();
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] =
          (*a)[i] == (*b)[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<DiffPiece> pieces;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && (*a)[i] == (*b)[j]) {
      add(pieces, DiffPiece::Kind::kSame, (*a)[i]);
      ++i;
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      add(pieces, DiffPiece::Kind::kMissing, (*b)[j++]);
    } else {
      add(pieces, DiffPiece::Kind::kExtra, (*a)[i++]);
    }
  }
  return pieces;
}

std::string diff_line(const std::vector<DiffPiece>& pieces) {
  std::string out;
  for (const auto& piece : pieces) {
    switch (piece.kind) {
      case DiffPiece::Kind::kSame:
        out += piece.text;
        break;
      case DiffPiece::Kind::kMissing:
        out += "[+" + piece.text + "]";
        break;
      case DiffPiece::Kind::kExtra:
        out += "[-" + piece.text + "]";
        break;
    }
  }
  return out;
}

}  // namespace quizdeck::grade
