// SPDX-License-Identifier: MIT
// What suspend, unsuspend, bury and flag share: one deck (a file or a deck id the store
// knows), the cards they act on (--card ID, or --tag TAG for suspend and unsuspend),
// checked against the deck with "did you mean", and the deck synced to the store first so
// cards never studied can be marked too.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"

namespace quizdeck::cli {

struct MarkOptions {
  std::string deck;
  std::optional<std::string> card;
  std::vector<std::string> tags;
  std::optional<int> color;  // flag only
};

// DECK and --card; with `by_tag`, --tag too (one of the two is required).
void declare_mark_target(Declare& d, MarkOptions& o, bool by_tag);
Needs mark_needs(const MarkOptions& o);

struct MarkTarget {
  std::string deck_id;
  std::vector<std::string> card_ids;
};
// The cards to act on, the deck synced to the store.
core::Expected<MarkTarget> mark_target(Context& context, const MarkOptions& o);

// "1 card" / "3 cards".
std::string cards_count(std::size_t n);

}  // namespace quizdeck::cli
