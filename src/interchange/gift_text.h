// SPDX-License-Identifier: MIT
// The pieces GIFT's parser (gift.cc) reads a question with: its text with escapes held
// apart, format markers, numbers as Moodle takes them, weights and [id:]/[tag:] values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quizdeck::interchange::gift_text {

// While a question is parsed, an escaped character stands in its text as a byte that valid
// UTF-8 never holds, so that looking for '{', '=', '~', '#', ':' or "->" finds only live
// ones; restore() puts the characters back (Moodle does the same with placeholders such as
// "&&058;"). "\\" is a backslash; a backslash before any other character is itself.
inline constexpr std::string_view kEscapable = ":#={}~n";
inline constexpr unsigned char kFirstPlaceholder = 0xF8;

// The text with each placeholder back as the character it stands for.
std::string restore(std::string_view text);

bool is_space(char c);
std::string_view trim(std::string_view text);

// A question's lines (comment lines left out) joined with '\n', escapes replaced, and
// where its bytes come from in the source.
class ChunkText {
 public:
  void add_line(std::string_view line, std::size_t source_offset) {
    if (!text_.empty() || !marks_.empty()) text_ += '\n';
    marks_.emplace_back(text_.size(), source_offset);
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size()) {
        const char next = line[i + 1];
        const std::size_t escaped = kEscapable.find(next);
        if (next == '\\' || escaped != std::string_view::npos) {
          text_ += next == '\\' ? '\\' : static_cast<char>(kFirstPlaceholder + escaped);
          ++i;
          marks_.emplace_back(text_.size(), source_offset + i + 1);
          continue;
        }
      }
      text_ += line[i];
    }
  }

  const std::string& text() const { return text_; }
  bool empty() const { return marks_.empty(); }

  std::size_t source_offset(std::size_t at) const {
    auto it =
        std::upper_bound(marks_.begin(), marks_.end(), at,
                         [](std::size_t value, const auto& mark) { return value < mark.first; });
    if (it == marks_.begin()) return marks_.empty() ? 0 : marks_.front().second;
    --it;
    return it->second + (at - it->first);
  }

 private:
  std::string text_;
  std::vector<std::pair<std::size_t, std::size_t>> marks_;  // (offset in text_, in source)
};

// A text's own "[html]" (or [moodle], [plain], [markdown]) in front of it: taken off, and
// the format it names (else `inherited`). Any other "[name]" is text.
std::string take_format(std::string_view& text, const std::string& inherited);

// A number as PHP's is_numeric() takes it (what Moodle accepts): optional sign, digits
// with an optional fraction, an optional exponent, white space around; not "inf", "nan"
// or hex.
std::optional<double> php_number(std::string_view text);

// A weight at the start of an answer, as Moodle's /^%\-*([0-9]{1,2})\.?([0-9]*)%/ finds
// one: its percentage and its length; nothing when the answer does not start with one (then
// "%reset" or "%abc%x" is answer text, as in Moodle).
struct Weight {
  std::optional<double> percent;  // none: several '-' ("%--50%"), which Moodle cannot read
  std::size_t length = 0;
};

std::optional<Weight> weight_at(std::string_view item);

// The value of "[id:...]" or "[tag:...]" in a comment, from `start` (just after the
// prefix), as Moodle's pattern reads it: any characters but controls (and, for a tag, '<'
// and '>') up to a ']', where "\]" stands for ']' in the value; the longest such match.
// Its value (trimmed) and where the match ends; nothing when there is none.
std::optional<std::pair<std::string, std::size_t>> bracket_value(std::string_view comment,
                                                                 std::size_t start, bool tag);

}  // namespace quizdeck::interchange::gift_text
