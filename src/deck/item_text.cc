// SPDX-License-Identifier: MIT
#include "deck/item_text.h"

#include <cctype>
#include <optional>
#include <utility>

#include "core/normalize.h"

namespace quizdeck::deck {
namespace {

bool word_byte(unsigned char c) {
  return std::isalnum(c) != 0 || c >= 0x80 || c == '\'';
}

}  // namespace

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!word_byte(static_cast<unsigned char>(text[i])) || text[i] == '\'') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t end = i;
    while (end > start && text[end - 1] == '\'') --end;
    Word w;
    w.text = std::string(text.substr(start, end - start));
    w.lower = core::ascii_lower(w.text);
    w.offset = start;
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> out;
  for (Word& word : words_of(core::normalize_text(text))) out.push_back(std::move(word.text));
  return out;
}

std::string prose(std::string_view text) {
  std::string out(text);
  std::size_t i = 0;
  while (i < out.size()) {
    if (out[i] != '`') {
      ++i;
      continue;
    }
    const bool fence = out.compare(i, 3, "```") == 0;
    const std::string_view mark = fence ? "```" : "`";
    std::size_t end = out.find(mark, i + mark.size());
    end = end == std::string::npos ? out.size() : end + mark.size();
    for (std::size_t k = i; k < end; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
    i = end;
  }
  return out;
}

bool has_code(std::string_view text) {
  return text.find('`') != std::string_view::npos;
}

std::string_view asking_sentence(std::string_view prompt, std::size_t& offset) {
  std::string_view text = prompt;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  std::size_t start = 0;
  std::optional<std::pair<std::size_t, std::size_t>> asking;  // [from, to) of the last '?'
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '.' && text[i] != '?' && text[i] != '!') continue;
    // A sentence may end inside a quotation or brackets: `sign off." What ...`.
    std::size_t end = i + 1;
    for (bool more = true; more && end < text.size();) {
      more = false;
      for (const std::string_view closing : {"\"", "'", ")", "\u2019", "\u201d"}) {
        if (text.substr(end).starts_with(closing)) {
          end += closing.size();
          more = true;
          break;
        }
      }
    }
    if (end < text.size() && std::isspace(static_cast<unsigned char>(text[end])) == 0) continue;
    if (text[i] == '?') asking = std::pair{start, end};
    start = end;
  }
  if (!asking) asking = std::pair{start, text.size()};
  offset = asking->first;
  return text.substr(asking->first, asking->second - asking->first);
}

std::string gist(std::string_view text) {
  // Signs stay: -23 is not 23, AB+ is not AB-, 5 % is not 5 $.
  const auto separator = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0 ||
           std::string_view(".,;:!?\"'()[]").find(c) != std::string_view::npos;
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (separator(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && !separator(text[i])) ++i;
    const std::string token = core::ascii_lower(text.substr(start, i - start));
    if (token == "a" || token == "an" || token == "the") continue;
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

}  // namespace quizdeck::deck
