// SPDX-License-Identifier: MIT
#include "interchange/anki_card_field.h"

#include "core/base64.h"
#include "deck/parse_deck.h"
#include "interchange/deck_yaml.h"

namespace quizdeck::interchange {
namespace {

// A field as Anki keeps it may have gained white space around it.
std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                           text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// A card is small: a field holding more is not one of ours.
constexpr std::size_t kMaxCardBytes = 1024 * 1024;

}  // namespace

std::string encode_card_field(const Entry& entry) {
  Bank bank;
  bank.title = "card";
  bank.entries.push_back(entry);
  return std::string(kCardFieldMarker) + core::base64_encode(write_deck_yaml(bank, {}).yaml);
}

bool is_card_field(std::string_view field) {
  return trimmed(field).starts_with(kCardFieldMarker);
}

std::optional<DecodedCard> decode_card_field(std::string_view field) {
  field = trimmed(field);
  if (!field.starts_with(kCardFieldMarker)) return std::nullopt;
  field.remove_prefix(kCardFieldMarker.size());
  if (field.size() > kMaxCardBytes / 3 * 4 + 4) return std::nullopt;
  const auto yaml = core::base64_decode(field);
  if (!yaml) return std::nullopt;
  const deck::DeckParse parse = deck::parse_deck("card.yaml", *yaml);
  if (!parse.deck || parse.deck->cards.empty()) return std::nullopt;
  std::vector<deck::Card> cards(parse.deck->cards.begin(), parse.deck->cards.end());
  std::vector<Entry> entries = entries_of(cards, parse.deck->tags);
  if (entries.size() != 1) return std::nullopt;
  DecodedCard out{std::move(entries.front()), 0};
  if (out.entry.type == deck::CardType::kCloze) out.blanks = static_cast<int>(cards.size());
  // Positions are the one-card deck's, not the package's.
  out.entry.pos = {};
  return out;
}

}  // namespace quizdeck::interchange
