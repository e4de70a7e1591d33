// SPDX-License-Identifier: MIT
// A file's text with a line index, turning byte offsets into 1-based line and column
// numbers where columns count code points. Line breaks are \n, \r\n and a lone \r.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::core {

struct LineColumn {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points
};

class SourceText {
 public:
  SourceText(std::string file_name, std::string text);

  const std::string& file_name() const { return file_name_; }
  const std::string& text() const { return text_; }

  // Offsets past the end map to the end of the text.
  LineColumn locate(std::size_t offset) const;
  std::size_t offset_of_line(int line) const;
  // The line's text without its line break; empty for lines out of range.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string file_name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace quizdeck::core
