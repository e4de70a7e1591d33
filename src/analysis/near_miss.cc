// SPDX-License-Identifier: MIT
#include "analysis/near_miss.h"

#include <vector>

#include "core/normalize.h"
#include "core/utf8.h"
#include "deck/item_text.h"
#include "grade/grade.h"

namespace quizdeck::analysis {
namespace {

constexpr std::size_t kMinLetters = 4;

// Whether `inner` is a run of `outer`'s words, and has letters enough to mean something.
bool holds(const std::vector<std::string>& outer, const std::vector<std::string>& inner) {
  std::size_t letters = 0;
  for (const auto& word : inner) letters += word.size();
  if (inner.empty() || letters < kMinLetters || inner.size() > outer.size()) return false;
  for (std::size_t from = 0; from + inner.size() <= outer.size(); ++from) {
    bool all = true;
    for (std::size_t k = 0; k < inner.size() && all; ++k) all = outer[from + k] == inner[k];
    if (all) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> near_miss(const deck::Card& card, std::string_view response) {
  if (card.type != deck::CardType::kShort && card.type != deck::CardType::kCloze) {
    return std::nullopt;
  }
  if (core::find_invalid_utf8(response) || core::is_blank(response)) return std::nullopt;
  // A typo or two: what `match: fuzzy` would accept.
  if (card.match != deck::MatchRule::kFuzzy) {
    deck::Card fuzzy = card;
    fuzzy.match = deck::MatchRule::kFuzzy;
    const grade::Grade graded = grade::grade_answer(fuzzy, response, {});
    if (graded.verdict == grade::Verdict::kRight || graded.verdict == grade::Verdict::kAlmost) {
      for (const std::string& answer : card.answers) {
        const grade::Grade one = [&] {
          deck::Card single = fuzzy;
          single.answers = {answer};
          return grade::grade_answer(single, response, {});
        }();
        if (one.verdict == grade::Verdict::kRight || one.verdict == grade::Verdict::kAlmost) {
          return answer;
        }
      }
      return graded.expected;
    }
  }
  // A whole phrase of an accepted answer, or the answer within a longer response.
  const auto said = deck::folded_words(response);
  for (const std::string& answer : card.answers) {
    const auto accepted = deck::folded_words(answer);
    if (holds(accepted, said) || holds(said, accepted)) return answer;
  }
  return std::nullopt;
}

}  // namespace quizdeck::analysis
