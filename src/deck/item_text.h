// SPDX-License-Identifier: MIT
// Reading the text of a question and its choices for the item-writing checks
// (deck/item_checks.h): its words, its prose without code, the sentence that asks, and
// what a choice says once case, punctuation and articles are set aside. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quizdeck::deck {

struct Word {
  std::string text;  // as written
  std::string lower;
  std::size_t offset = 0;  // in the text, bytes
};

// Runs of letters, digits, apostrophes and any non-ASCII bytes, without the apostrophes
// that open or close them.
std::vector<Word> words_of(std::string_view text);

// The words of a text once case-folded and normalized (core::normalize_text): for matching
// one text's words against another's. `text` must be valid UTF-8.
std::vector<std::string> folded_words(std::string_view text);

// The text with its code (fenced ``` blocks and inline `spans`) blanked out, byte for byte
// so that offsets stay: words in code are the program's, not the writer's.
std::string prose(std::string_view text);

bool has_code(std::string_view text);

// The sentence of a question that asks: the last one ending in '?', else the last one
// ("Which of these is not a benefit? (Choose two)" asks in its first); `offset` is where
// it starts in `prompt`.
std::string_view asking_sentence(std::string_view prompt, std::size_t& offset);

// A choice reduced to what it says: lower case, its words and signs, articles dropped.
std::string gist(std::string_view text);

}  // namespace quizdeck::deck
