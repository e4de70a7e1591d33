// SPDX-License-Identifier: MIT
// What item analysis keeps of the answers it folds in, learner by learner: for each item (a
// card's version) one observation per attempt that asked it, and the attempts themselves,
// exam sittings grouped by the decks they drew from, or a drill learner's first answers.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/item_analysis.h"
#include "analysis/results.h"

namespace quizdeck::analysis {

// One attempt's answer to an item (none: asked, not answered).
struct Observation {
  std::size_t attempt = 0;  // index into the attempts
  double mark = 0;          // credit times the item's points
  std::vector<int> picks;   // choice indexes; empty: picked nothing among choices
  bool with_choices = false;
  std::int64_t response_ms = -1;  // -1: not answered
};

// A card's version, with its observations and the memory figures of its scheduled answers.
struct Item {
  ItemReport head;
  double guess = 0;
  std::vector<std::string> choices;  // texts; the deck's first, then any others seen
  std::vector<bool> keys;
  std::size_t deck_choices = 0;
  std::vector<Observation> exam;
  std::vector<Observation> drill;
  std::vector<std::int64_t> drill_times;
  int drill_answers = 0;
  std::vector<double> difficulties;
  int review_answers = 0;
  int lapses = 0;
  // Wrong typed responses by their normalized text, in first-seen order.
  std::map<std::string, std::size_t> wrong_index;
  std::vector<ResponseCount> wrong;
  std::vector<PartShare> parts;  // matching and ordering cards, current version
  bool ordered = false;          // a matching or ordering card: picks are parts, not choices

  int choice_index(const std::string& text) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (choices[i] == text) return static_cast<int>(i);
    }
    choices.push_back(text);
    keys.push_back(false);
    return static_cast<int>(choices.size() - 1);
  }
};

// An exam sitting, or one drill learner's first answers to the cards.
struct Attempt {
  bool exam = true;       // false: one learner's first drill answers
  std::size_t group = 0;  // exams: index into the groups
  double total = 0;       // exam: sum of marks; drill: sum of credits
  double maximum = 0;
  int count = 0;  // drill: the cards answered
  std::optional<double> pass_mark;
  std::vector<std::size_t> slot_items;  // exam: the item at each position
  std::vector<double> slot_marks;
};

// The sittings of exams drawn from the same decks, one exam report.
struct Group {
  std::vector<std::string> decks;
  std::vector<std::size_t> attempts;
};

// An answer's credit, from its verdict when an older quizdeck stored none.
inline double credit_of(const Answer& answer) {
  return answer.credit.value_or(answer.correct ? 1.0 : 0.0);
}

}  // namespace quizdeck::analysis
