// SPDX-License-Identifier: MIT
// An exam blueprint: how many of an exam's questions come from each tag, the way a
// certification's content outline (or a Moodle quiz's random questions per category) sets
// them. Shares are percentages of the exam's questions or counts; pure arithmetic.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "deck/card.h"

namespace quizdeck::deck {

struct BlueprintShare {
  std::string tag;
  double amount = 0;  // a percentage (0-100] or a count of questions (whole, at least 1)
  SourcePos pos;      // of the tag in the deck file
};

struct Blueprint {
  std::vector<BlueprintShare> shares;  // in the order the deck lists them
  bool percent = false;                // shares are percentages (else counts)
  bool empty() const { return shares.empty(); }
};

// How many questions each share gets in an exam of `questions`: each its exact share
// (percent of `questions`, or its count scaled to `questions`) rounded down, then the
// questions left one each to the largest remainders, ties to the share listed first
// (Hamilton's method). 75 questions at 25% each: 19, 19, 19, 18.
std::vector<int> blueprint_counts(const Blueprint& blueprint, int questions);

// The questions an exam asks by the blueprint: `order` holds card indices in a seeded
// random order and `tags_of(i)` a card's tags; each share in turn takes the first cards of
// `order` that carry its tag and no earlier share took, as many as its count (fewer when
// the tag has fewer). The result keeps the order of `order`.
template <typename TagsOf>
std::vector<std::size_t> draw_by_blueprint(const Blueprint& blueprint, int questions,
                                           const std::vector<std::size_t>& order,
                                           const TagsOf& tags_of) {
  const std::vector<int> counts = blueprint_counts(blueprint, questions);
  std::vector<bool> taken(order.size(), false);
  for (std::size_t s = 0; s < blueprint.shares.size(); ++s) {
    int left = counts[s];
    for (std::size_t k = 0; k < order.size() && left > 0; ++k) {
      if (taken[k]) continue;
      for (const auto& tag : tags_of(order[k])) {
        if (tag != blueprint.shares[s].tag) continue;
        taken[k] = true;
        --left;
        break;
      }
    }
  }
  std::vector<std::size_t> drawn;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (taken[k]) drawn.push_back(order[k]);
  }
  return drawn;
}

}  // namespace quizdeck::deck
