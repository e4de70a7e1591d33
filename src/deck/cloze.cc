// SPDX-License-Identifier: MIT
#include "deck/cloze.h"

#include <fmt/format.h>

#include "core/normalize.h"

namespace quizdeck::deck {

BlankParse parse_blanks(std::string_view text) {
  BlankParse result;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      result.error = fmt::format("blank {} opens with '{{{{' but is never closed with '}}}}'",
                                 result.blanks.size() + 1);
      return result;
    }
    const std::string_view inside = text.substr(open + 2, close - open - 2);
    if (inside.find("{{") != std::string_view::npos) {
      result.error = fmt::format("blank {} contains '{{{{': blanks cannot be nested",
                                 result.blanks.size() + 1);
      return result;
    }
    Blank blank;
    blank.begin = open;
    blank.end = close + 2;
    std::size_t start = 0;
    while (true) {
      const std::size_t bar = inside.find('|', start);
      const std::string_view part = core::trim(inside.substr(
          start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
      if (part.empty()) {
        result.error = fmt::format("blank {} has an empty answer", result.blanks.size() + 1);
        return result;
      }
      blank.answers.emplace_back(part);
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
    result.blanks.push_back(std::move(blank));
    pos = close + 2;
  }
  if (result.blanks.empty()) {
    result.error = "a cloze needs at least one blank, written {{answer}}";
  }
  return result;
}

std::string cloze_prompt(std::string_view text, const std::vector<Blank>& blanks,
                         std::size_t asked) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    out += text.substr(pos, blanks[i].begin - pos);
    out += i == asked ? std::string("[...]") : blanks[i].answers.front();
    pos = blanks[i].end;
  }
  out += text.substr(pos);
  return out;
}

}  // namespace quizdeck::deck
