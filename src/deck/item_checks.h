// SPDX-License-Identifier: MIT
// The item-writing checks of `check`: flaws of a choice question that hand a test-wise
// learner the key, or trip one who knows it (after Haladyna, Downing and Rodriguez's
// item-writing guidelines). Each is a warning under a rule name (item/longest-key, ...)
// that `allow:` silences for a card or a whole deck. Heuristics tuned to be rare on
// well-written banks (docs/item-checks.md has the rates measured on real banks). Pure.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "deck/deck.h"
#include "deck/diagnostic_rules.h"
#include "deck/field_reader.h"

namespace quizdeck::deck {

// Every item-writing rule (QD028 item/longest-key, ...), in id order: the tail of
// diagnostic_rules().
std::span<const DiagnosticRule> item_rules();

struct ItemFinding {
  std::string_view rule;  // an item_rules() name
  SourcePos pos;          // the choice concerned, or the question
  // The words to underline: looked for on the line at `pos` (from its column), else the
  // position alone is shown.
  std::string text;
  std::string message;  // ends with the rule in brackets: "... [item/longest-key]"
};

// The findings of one card (choice and multi cards; others have none) that its `allow:`
// does not silence. `deck_gives_whys`: some choice card of the deck explains a wrong choice
// with `why:`.
std::vector<ItemFinding> card_item_findings(const Card& card, bool deck_gives_whys);

// The findings of every card of the deck, in card order.
std::vector<ItemFinding> item_findings(const Deck& deck);

// An `allow:` list (of a deck or a card): item-writing rule names, each reported as an
// error when it is not one (with a did-you-mean); the valid ones, once each.
std::vector<std::string> read_allow(FieldReader& fields, const Entry& entry);

}  // namespace quizdeck::deck
