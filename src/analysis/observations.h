// SPDX-License-Identifier: MIT
// What item analysis keeps of the answers it folds in, learner by learner: for each item (a
// card's version) and each population of attempts at it (exam sittings, drill learners),
// its marks counted by value, never one record per answer, so that memory grows with the
// values that differ (a few hundred for a class of any size), not with the answers read;
// and for each exam, its sittings' scores and its questions' marks counted the same way.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/item_analysis.h"
#include "analysis/results.h"
#include "analysis/tally.h"

namespace quizdeck::analysis {

// The attempts with one mark: how many, how many of them have a rest of the test, and the
// sum of those rests.
struct AtMark {
  std::int64_t attempts = 0;
  std::int64_t with_rest = 0;
  double rest_sum = 0;
};

// The attempts with one rest of the test: how many, how many of them picked among choices,
// and how many picked each choice.
struct AtRest {
  std::int64_t attempts = 0;
  std::int64_t with_choices = 0;
  // By choice index: the first few in place (most cards have no more), any others after.
  std::array<std::int64_t, 5> few{};
  std::vector<std::int64_t> more;

  void pick(std::size_t choice) {
    if (choice < few.size()) {
      ++few[choice];
      return;
    }
    if (more.size() <= choice - few.size()) more.resize(choice - few.size() + 1);
    ++more[choice - few.size()];
  }
  std::int64_t picks(std::size_t choice) const {
    if (choice < few.size()) return few[choice];
    return choice - few.size() < more.size() ? more[choice - few.size()] : 0;
  }
};

// One population of attempts at an item: exam sittings, or drill learners' first answers.
struct Population {
  std::int64_t attempts = 0;
  Tally<double, AtMark> marks;  // mark: credit times the points
  Tally<double, AtRest> rests;  // attempts that have a rest
  std::int64_t with_choices = 0;
  std::vector<std::int64_t> picked;  // by choice index: attempts that picked it
  // Response times in tenths of a second: exam attempts that answered; every drill answer.
  Tally<std::int64_t, std::int64_t> times;

  void add_time(std::int64_t ms) { ++times[(ms + 50) / 100]; }
};

// A card's version, with its populations and the memory figures of its scheduled answers.
struct Item {
  ItemReport head;
  double guess = 0;
  std::vector<std::string> choices;  // texts; the deck's first, then any others seen
  std::vector<bool> keys;
  std::size_t deck_choices = 0;
  Population exam;
  Population drill;
  int drill_answers = 0;
  double difficulty_sum = 0;  // FSRS difficulty after each learner's scheduled answers
  int difficulty_learners = 0;
  int review_answers = 0;
  int lapses = 0;
  // Wrong typed responses by their normalized text.
  std::map<std::string, std::size_t> wrong_index;
  std::vector<ResponseCount> wrong;
  std::vector<std::map<std::string, int>> wrong_spellings;  // of each, how each was typed
  std::vector<PartShare> parts;  // matching and ordering cards, current version
  bool ordered = false;          // a matching or ordering card: picks are parts, not choices

  int choice_index(std::string_view text) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (choices[i] == text) return static_cast<int>(i);
    }
    choices.emplace_back(text);
    keys.push_back(false);
    return static_cast<int>(choices.size() - 1);
  }
};

// One attempt at an item, as it is counted: its mark, the rest of the test (none: a drill
// learner who answered only this card), and the choices picked (none: not among choices).
struct Observation {
  double mark = 0;
  std::optional<double> rest;
  const std::vector<int>* picks = nullptr;  // distinct choice indexes
  std::int64_t response_ms = -1;            // -1: not answered
};

// Counts one attempt into a population.
void count(Population& population, const Observation& observation);

// A column of an exam's questions for Cronbach's alpha and the effective weights: each
// sitting's mark there and the sitting's total, as running means and co-moments (Welford).
struct Column {
  std::int64_t n = 0;
  double mean = 0;
  double mean_total = 0;
  double squares = 0;   // of the marks' deviations
  double products = 0;  // of the marks' and totals' deviations

  void add(double mark, double total) {
    ++n;
    const double d = mark - mean;
    mean += d / static_cast<double>(n);
    mean_total += (total - mean_total) / static_cast<double>(n);
    squares += d * (mark - mean);
    products += d * (total - mean_total);
  }
};

// The sittings of exams drawn from the same decks, one exam report.
struct Group {
  std::vector<std::string> decks;
  std::vector<double> percents;  // each sitting's score, in the order read
  std::vector<double> totals;    // each sitting's marks on the analysed questions
  std::array<int, 10> distribution{};
  int passed = 0;
  bool any_pass_mark = false;
  std::size_t most = 0;                // the most questions a sitting asked
  std::size_t fewest = 0;              // and the fewest
  bool same_cards = true;              // every sitting asked the cards of the first
  std::vector<std::size_t> first_set;  // the first sitting's items, sorted
  double first_maximum = 0;            // its possible marks
  std::vector<Column> card_columns;    // by first_set; while same_cards
  std::vector<Column> position_columns;
};

// An answer's credit, from its verdict when an older quizdeck stored none.
inline double credit_of(const Answer& answer) {
  return answer.credit.value_or(answer.correct ? 1.0 : 0.0);
}

}  // namespace quizdeck::analysis
