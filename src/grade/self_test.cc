// SPDX-License-Identifier: MIT
#include "grade/self_test.h"

#include <numeric>

#include <fmt/format.h>

#include "grade/grade.h"

namespace quizdeck::grade {
namespace {

const char* verdict_words(Verdict verdict) {
  switch (verdict) {
    case Verdict::kRight:
      return "accepted as right";
    case Verdict::kAlmost:
      return "accepted as almost";
    case Verdict::kWrong:
      return "graded wrong";
    case Verdict::kInvalid:
      return "not read as an answer";
  }
  return "graded wrong";
}

}  // namespace

std::vector<ExampleProblem> check_examples(const deck::Card& card) {
  std::vector<ExampleProblem> out;
  if (card.accept.empty() && card.reject.empty()) return out;
  std::vector<std::size_t> written(card.choices.size());
  std::iota(written.begin(), written.end(), std::size_t{0});
  for (const bool accept : {true, false}) {
    for (const auto& example : accept ? card.accept : card.reject) {
      const Grade g = grade_answer(card, example.text, written);
      const bool accepted = g.verdict == Verdict::kRight || g.verdict == Verdict::kAlmost;
      // A rejected example must be graded wrong: one not read as an answer at all would be
      // asked again, not marked wrong.
      if (accept ? accepted : g.verdict == Verdict::kWrong) continue;
      std::string message =
          fmt::format("'{}' is {}; {} expects {}", example.text, verdict_words(g.verdict),
                      accept ? "accept" : "reject", accept ? "right or almost" : "wrong");
      if (g.verdict == Verdict::kInvalid && !g.problem.empty()) {
        message += fmt::format(" ({})", g.problem);
      } else if (!accept && g.credit > 0 && g.credit < 1) {
        message += fmt::format(" (it earns {:.0f}% of the points)", 100 * g.credit);
      }
      out.push_back({example, accept, std::move(message)});
    }
  }
  return out;
}

}  // namespace quizdeck::grade
