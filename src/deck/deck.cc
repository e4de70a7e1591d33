// SPDX-License-Identifier: MIT
#include "deck/deck.h"

#include <algorithm>
#include <array>
#include <utility>

namespace quizdeck::deck {
namespace {

constexpr std::array<std::pair<CardType, std::string_view>, 9> kTypeNames{{
    {CardType::kChoice, "choice"},
    {CardType::kMulti, "multi"},
    {CardType::kTrueFalse, "truefalse"},
    {CardType::kShort, "short"},
    {CardType::kNumeric, "numeric"},
    {CardType::kFlash, "flash"},
    {CardType::kCloze, "cloze"},
    {CardType::kMatching, "matching"},
    {CardType::kOrdering, "ordering"},
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

bool is_image_path(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string extension;
  for (const char c : path.substr(dot + 1)) {
    extension += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return extension == "png" || extension == "jpg" || extension == "jpeg" || extension == "gif" ||
         extension == "bmp";
}

std::vector<std::string> matching_distractors(const Card& card) {
  std::vector<std::string> out;
  for (const auto& choice : card.choices) {
    const bool paired = std::any_of(card.pairs.begin(), card.pairs.end(),
                                    [&](const Pair& pair) { return pair.answer == choice.text; });
    if (!paired) out.push_back(choice.text);
  }
  return out;
}

}  // namespace quizdeck::deck
