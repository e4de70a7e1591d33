// SPDX-License-Identifier: MIT
#include "deck/give_away.h"

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "deck/item_text.h"

namespace quizdeck::deck {
namespace {

// Answers longer than this many words are not looked for (an answer that long is a
// sentence, and a text that repeats it is rare enough to leave to the author).
constexpr std::size_t kMaxWords = 12;
// Nor shorter than this many letters and digits.
constexpr std::size_t kMinLetters = 4;

std::string joined(const std::vector<std::string>& words, std::size_t from, std::size_t count) {
  std::string phrase;
  for (std::size_t k = from; k < from + count; ++k) {
    if (k > from) phrase += ' ';
    phrase += words[k];
  }
  return phrase;
}

bool typed(const Card& card) {
  return card.type == CardType::kShort || card.type == CardType::kCloze;
}

// What a card shows before it is answered: its question (for a cloze blank, the text with
// the other blanks filled in) and its choices.
std::vector<std::string> shown_words(const Card& card) {
  std::string text = card.prompt;
  for (const Choice& choice : card.choices) text += "\n" + choice.text;
  return folded_words(text);
}

}  // namespace

GiveAways::GiveAways(const std::vector<const Card*>& cards) : n_(cards.size()) {
  // Every typed answer, as words, with the cards that ask for it.
  std::unordered_map<std::string, std::vector<std::size_t>> askers;
  std::unordered_set<std::string> first_words;  // only a text word that starts one is looked at
  std::set<std::size_t> lengths;
  for (std::size_t j = 0; j < cards.size(); ++j) {
    if (!typed(*cards[j])) continue;
    for (const std::string& answer : cards[j]->answers) {
      const auto words = folded_words(answer);
      std::size_t letters = 0;
      for (const auto& word : words) letters += word.size();
      if (words.empty() || words.size() > kMaxWords || letters < kMinLetters) continue;
      auto& list = askers[joined(words, 0, words.size())];
      if (list.empty() || list.back() != j) list.push_back(j);
      first_words.insert(words.front());
      lengths.insert(words.size());
    }
  }
  if (askers.empty()) return;
  // Every run of words a card shows that is one of those answers relates the two cards.
  for (std::size_t i = 0; i < cards.size() && pairs_.size() < kMaxPairs; ++i) {
    const auto words = shown_words(*cards[i]);
    for (std::size_t from = 0; from < words.size(); ++from) {
      if (!first_words.contains(words[from])) continue;
      for (const std::size_t length : lengths) {
        if (from + length > words.size()) break;
        const auto it = askers.find(joined(words, from, length));
        if (it == askers.end()) continue;
        for (const std::size_t j : it->second) {
          if (j == i || pairs_.size() >= kMaxPairs) continue;
          pairs_.insert(static_cast<std::uint64_t>(std::min(i, j)) * n_ + std::max(i, j));
        }
      }
    }
  }
}

bool GiveAways::related(std::size_t i, std::size_t j) const {
  if (i == j || i >= n_ || j >= n_ || pairs_.empty()) return false;
  return pairs_.contains(static_cast<std::uint64_t>(std::min(i, j)) * n_ + std::max(i, j));
}

}  // namespace quizdeck::deck
