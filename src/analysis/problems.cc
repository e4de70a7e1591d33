// SPDX-License-Identifier: MIT
#include "analysis/problems.h"

#include <algorithm>

#include <fmt/format.h>

namespace quizdeck::analysis {
namespace {

std::string percent(double share) {
  return fmt::format("{:.0f}%", 100.0 * share);
}

std::string attempts(int n) {
  return fmt::format("{} attempt{}", n, n == 1 ? "" : "s");
}

// A choice's text in a reason, cut to a readable length (raw: the caller makes it visible).
std::string quoted(const std::string& text) {
  constexpr std::size_t kMost = 40;
  if (text.size() <= kMost) return "'" + text + "'";
  std::size_t cut = kMost;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + text.substr(0, cut) + "...'";
}

}  // namespace

const ItemFigures* judged_figures(const ItemReport& item) {
  if (item.exam && item.exam->attempts >= kMinJudgedAttempts) return &*item.exam;
  if (item.drill && item.drill->attempts >= kMinJudgedAttempts) return &*item.drill;
  return nullptr;
}

void judge(ItemReport& item, double guess, int min_group) {
  const ItemFigures* f = judged_figures(item);
  if (item.version != Version::kCurrent) {
    item.note = item.version == Version::kEarlier ? "an earlier version of the card: kept apart"
                : item.version == Version::kUnknown
                    ? "answered before quizdeck kept card versions: kept apart"
                    : "no longer in the deck";
    return;
  }
  if (f == nullptr) {
    const int attempts =
        std::max(item.exam ? item.exam->attempts : 0, item.drill ? item.drill->attempts : 0);
    item.note = attempts == 0 ? "no answers yet"
                              : fmt::format("only {} attempt{}: not judged", attempts,
                                            attempts == 1 ? "" : "s");
    return;
  }
  const auto add = [&](std::string code, std::string reason, int rank) {
    item.problems.push_back(Problem{std::move(code), std::move(reason), rank});
  };
  if (f->discrimination && *f->discrimination < 0) {
    add("negative-discrimination",
        fmt::format("negative discrimination ({:.0f}% over {}): strong learners miss it more than "
                    "weak ones",
                    *f->discrimination, attempts(f->attempts)),
        0);
  }
  if (guess > 0 && f->facility < guess) {
    add("below-guessing",
        fmt::format("below guessing: {} correct over {}, a random guess gets {}",
                    percent(f->facility), attempts(f->attempts), percent(guess)),
        1);
  }
  for (const ChoiceShare& c : f->choices) {
    if (c.key || c.label == "?") continue;
    // With fewer than min_group (by default 5) attempts in each group one learner's pick
    // is a swing of 20 points or more: chance, not a finding.
    if (f->group < min_group) break;
    if (c.strong && c.weak && *c.strong > *c.weak + 0.05) {
      add("distractor-attracts-strong",
          fmt::format("distractor {} {} picked more by strong learners ({} of the strongest {} "
                      "vs {} of the weakest {})",
                      c.label, quoted(c.text), percent(*c.strong), f->group, percent(*c.weak),
                      f->group),
          2);
    }
  }
  if (f->facility < 0.3 && !(guess > 0 && f->facility < guess)) {
    add("too-hard",
        fmt::format("too hard: {} correct over {}", percent(f->facility), attempts(f->attempts)),
        3);
  }
  if (f->discrimination && *f->discrimination >= 0 && *f->discrimination < 20 &&
      f->facility < 0.95) {
    add("weak-discrimination",
        fmt::format(
            "weak discrimination ({:.0f}% over {}): it barely tells strong learners from weak",
            *f->discrimination, attempts(f->attempts)),
        4);
  }
  if (f->facility >= 0.95) {
    add("too-easy",
        fmt::format("too easy: {} correct over {}", percent(f->facility), attempts(f->attempts)),
        5);
  }
  for (const ChoiceShare& c : f->choices) {
    if (c.key || c.label == "?" || f->with_choices == 0) continue;
    if (c.picked == 0) {
      add("distractor-never-picked",
          fmt::format("distractor {} {} never picked in {}", c.label, quoted(c.text),
                      attempts(f->with_choices)),
          6);
    } else if (c.share < 0.05) {
      add("distractor-rarely-picked",
          fmt::format("distractor {} {} picked by {} of {}", c.label, quoted(c.text),
                      percent(c.share), attempts(f->with_choices)),
          6);
    }
  }
  std::stable_sort(item.problems.begin(), item.problems.end(),
                   [](const Problem& a, const Problem& b) { return a.rank < b.rank; });
}

}  // namespace quizdeck::analysis
