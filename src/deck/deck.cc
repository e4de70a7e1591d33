// SPDX-License-Identifier: MIT
#include "deck/deck.h"

#include <array>
#include <utility>

namespace quizdeck::deck {
namespace {

constexpr std::array<std::pair<CardType, std::string_view>, 7> kTypeNames{{
    {CardType::kChoice, "choice"},
    {CardType::kMulti, "multi"},
    {CardType::kTrueFalse, "truefalse"},
    {CardType::kShort, "short"},
    {CardType::kNumeric, "numeric"},
    {CardType::kFlash, "flash"},
    {CardType::kCloze, "cloze"},
}};

}  // namespace

std::string_view card_type_name(CardType type) {
  for (const auto& [value, name] : kTypeNames) {
    if (value == type) return name;
  }
  return "short";
}

std::optional<CardType> parse_card_type(std::string_view name) {
  for (const auto& [value, type_name] : kTypeNames) {
    if (type_name == name) return value;
  }
  return std::nullopt;
}

std::string_view match_rule_name(MatchRule rule) {
  switch (rule) {
    case MatchRule::kNormalized:
      return "normalized";
    case MatchRule::kExact:
      return "exact";
    case MatchRule::kFuzzy:
      return "fuzzy";
  }
  return "normalized";
}

}  // namespace quizdeck::deck
