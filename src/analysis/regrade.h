// SPDX-License-Identifier: MIT
// Regrading: a recorded answer graded again against the deck's card of the same content,
// so that what a results file claims (its `correct` and `credit`) counts only where the
// card it was asked from is not known. Pure: the card and the answer in, a verdict out.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/results.h"
#include "deck/card.h"

namespace quizdeck::analysis {

struct Regraded {
  bool correct = false;
  double credit = 0;  // 0 to 1
};

// The answer graded against `card` (which must be the version it was asked from); nothing
// for a flash card (self-rated) or an answer that does not record what was given.
std::optional<Regraded> regrade(const deck::Card& card, const Answer& answer);

// What the answer gave, in words for a report: "picked 'B: 30 compressions'", "answered
// 'radial'", "ordered 'x; y; z'". Raw text: the caller makes it visible.
std::string given_text(const deck::Card& card, const Answer& answer);

// An answer whose file claims another verdict than the deck's card gives it.
struct Regrade {
  std::string learner;  // the file's learner label (or the file's name)
  std::string deck;
  std::string card;
  std::string claimed;   // "right", "wrong", "50% credit"
  std::string given;     // "picked 'B: 30 compressions'", "answered 'radial'"
  std::string regraded;  // the verdict the card gives
};

// Regrades whose file claimed otherwise are all counted, and the first this many kept to
// be listed: a key corrected after a large exam makes every answer to the card one, and
// the report should not grow with them.
inline constexpr std::size_t kListedMismatches = 100;

// Counts a mismatch, and keeps it while fewer than kListedMismatches are.
inline void count_mismatch(std::vector<Regrade>& listed, std::int64_t& count, Regrade mismatch) {
  ++count;
  if (listed.size() < kListedMismatches) listed.push_back(std::move(mismatch));
}

// "ben: rescue-breathing claims right, picked 'B: ...', regraded wrong" (raw text: the
// caller makes it visible).
std::string regrade_line(const Regrade& regrade);

// A verdict in words: "right", "wrong" or "50% credit".
std::string verdict_text(bool correct, double credit);

enum class Regrading {
  kNone,      // nothing to regrade (a flash card, or no record of what was given)
  kKept,      // asked from another version of the card: the file's verdict stands
  kRegraded,  // graded again against the card
};

// The verdicts of answers graded before, by card and by what was given, so that a class's
// thousands of equal answers are each graded once (a few thousand kept per card).
class RegradeMemo {
 public:
  RegradeMemo();
  ~RegradeMemo();
  RegradeMemo(const RegradeMemo&) = delete;
  RegradeMemo& operator=(const RegradeMemo&) = delete;

  std::optional<Regraded> regrade(const deck::Card& card, const Answer& answer);

 private:
  struct Verdicts;
  std::unique_ptr<Verdicts> verdicts_;
};

// What regrading goes by: the deck's card, and its content and question hashes.
struct RegradeCard {
  const deck::Card& card;
  std::string_view content;
  std::string_view question;  // empty: answers of another content are kept as they are
};

// Regrades `answer` in place against the card when it was asked with the card's content,
// or with its question (an answer asked before the key was edited: it then counts as an
// answer to the content the card has now); when the file claimed another verdict,
// `mismatch` says so under `learner`. With a memo, a response graded before is not graded
// again.
Regrading regrade_answer(const RegradeCard& by, std::string_view learner, Answer& answer,
                         std::optional<Regrade>& mismatch, RegradeMemo* memo = nullptr);

}  // namespace quizdeck::analysis
