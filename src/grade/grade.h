// SPDX-License-Identifier: MIT
// Answer matching: what a learner typed against a card, and the FSRS rating it earns.
// Pure: the answer, the card (and for choices the order they were shown in) go in; a
// verdict comes out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/review.h"
#include "deck/deck.h"

namespace quizdeck::grade {

enum class Verdict {
  kRight,
  kAlmost,  // fuzzy match within the typo allowance
  kWrong,
  kInvalid,  // not an answer of the right form (say "E" for four choices): ask again
};

struct Grade {
  Verdict verdict = Verdict::kWrong;
  double credit = 0;                // share of the points earned, 0 to 1 (multi: partial)
  std::vector<std::size_t> picked;  // choice, multi: indexes into card.choices
  std::string expected;             // the right answer as shown to the learner
  std::string problem;              // kInvalid: what is wrong with the answer
};

// `order[i]` is the index in card.choices of the choice shown as letter i (A, B, ...).
// Flash cards are not graded here: they are self-rated.
Grade grade_answer(const deck::Card& card, std::string_view answer,
                   const std::vector<std::size_t>& order);

// The right answer in words, without reference to a shown order ("Canberra";
// "Openness, Equality"; "true"; "3.14"; a flash card's back).
std::string expected_answer(const deck::Card& card);

// Letter of the i-th shown choice: A..Z, then AA, AB, ...
std::string choice_letter(std::size_t index);

// Whether text ends a sentence (., ? or !): lists and messages then add no full stop.
bool ends_sentence(std::string_view text);

// The rating an auto-graded answer earns: wrong -> Again (1); almost, or right after a
// hint -> Hard (2); right -> Good (3); right within the fast threshold -> Easy (4).
core::Rating rating_for(Verdict verdict, bool used_hint, std::int64_t response_ms,
                        std::int64_t fast_threshold_ms);

// Right answers this quick are Easy: 2 s, plus 40 ms per character to read (prompt and
// choices), at most 20 s.
std::int64_t fast_threshold_ms(const deck::Card& card);

// Typos allowed by the fuzzy rule: one per 8 characters of the expected answer.
std::size_t allowed_typos(std::string_view expected);

// Parses "3.14", "-2", "1e3" (a dot, never a comma, for decimals).
std::optional<double> parse_number(std::string_view text);

}  // namespace quizdeck::grade
