// SPDX-License-Identifier: MIT
#include "deck/cloze.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/normalize.h"

namespace quizdeck::deck {

namespace {

constexpr std::size_t kNone = std::string_view::npos;

}  // namespace

BlankParse parse_blanks(std::string_view text) {
  BlankParse result;
  // Records a problem; false once enough are recorded to stop reading.
  const auto problem = [&](std::size_t offset, std::size_t length, std::string message,
                           std::string note) {
    result.problems.push_back({offset, length, std::move(message), std::move(note)});
    result.stopped = result.problems.size() >= kMaxClozeProblems;
    return !result.stopped;
  };
  // The next "{{" and "}}" at or after `pos`, each searched for again only once passed:
  // blanks never closed do not make the rest of the text be searched again and again.
  std::size_t pos = 0;
  std::size_t next_open = text.find("{{");
  std::size_t next_close = text.find("}}");
  const auto advance = [&](std::size_t to) {
    pos = to;
    if (next_open != kNone && next_open < pos) next_open = text.find("{{", pos);
    if (next_close != kNone && next_close < pos) next_close = text.find("}}", pos);
  };
  std::size_t opened = 0;  // blanks opened so far, closed or not
  while (next_open != kNone || next_close != kNone) {
    if (next_close < next_open) {
      // A '}}' outside any blank, such as "{recoil}}".
      const std::size_t close = next_close;
      const std::size_t brace = text.rfind('{', close);
      std::string note;
      if (brace != kNone && brace >= pos &&
          !core::is_blank(text.substr(brace + 1, close - brace - 1))) {
        note = fmt::format("did you mean '{{{{{}}}}}'? a blank opens with '{{{{'",
                           text.substr(brace + 1, close - brace - 1));
      }
      if (!problem(close, 2, "this '}}' closes no blank (a blank opens with '{{')",
                   std::move(note))) {
        return result;
      }
      advance(close + 2);
      continue;
    }
    const std::size_t open = next_open;
    ++opened;
    if (opened > kMaxClozeBlanks) {
      problem(open, 2,
              fmt::format("a cloze may have at most {} blanks; this is blank {}", kMaxClozeBlanks,
                          opened),
              "each blank becomes a card holding the whole text: split the cloze into several");
      return result;
    }
    advance(open + 2);
    if (next_close == kNone || next_open < next_close) {
      // It runs into the next blank, or the end: "{{recoil} after ... {{10}}".
      const std::string_view inside = text.substr(open + 2, std::min(next_open, text.size()) - pos);
      std::string note;
      if (const auto brace = inside.find('}');
          brace != kNone && !core::is_blank(inside.substr(0, brace))) {
        note = fmt::format("did you mean '{{{{{}}}}}'? a blank closes with '}}}}'",
                           inside.substr(0, brace));
      }
      if (!problem(
              open, 2,
              fmt::format("blank {} opens with '{{{{' but is never closed with '}}}}'", opened),
              std::move(note))) {
        return result;
      }
      continue;
    }
    const std::size_t close = next_close;
    const std::string_view inside = text.substr(open + 2, close - open - 2);
    Blank blank;
    blank.begin = open;
    blank.end = close + 2;
    bool empty = false;
    for (std::size_t start = 0;;) {
      const std::size_t bar = inside.find('|', start);
      const std::string_view part =
          core::trim(inside.substr(start, bar == kNone ? kNone : bar - start));
      if (part.empty()) empty = true;
      blank.answers.emplace_back(part);
      if (bar == kNone) break;
      start = bar + 1;
    }
    advance(close + 2);
    if (empty) {
      if (!problem(open, close + 2 - open, fmt::format("blank {} has an empty answer", opened),
                   "write each answer between the '|' signs, such as {{colour|color}}")) {
        return result;
      }
      continue;
    }
    result.blanks.push_back(std::move(blank));
  }
  if (opened == 0 && result.problems.empty()) {
    result.problems.push_back(
        {0, kNone, "a cloze needs at least one blank, written {{answer}}", ""});
  }
  return result;
}

std::string cloze_prompt(std::string_view text, const std::vector<Blank>& blanks,
                         std::size_t asked) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (std::size_t i = 0; i < blanks.size(); ++i) {
    out += text.substr(pos, blanks[i].begin - pos);
    out += i == asked ? std::string_view("[...]") : std::string_view(blanks[i].answers.front());
    pos = blanks[i].end;
  }
  out += text.substr(pos);
  return out;
}

}  // namespace quizdeck::deck
