// SPDX-License-Identifier: MIT
#include "analysis/response_columns.h"

#include "core/normalize.h"
#include "core/utf8.h"
#include "core/visible.h"

namespace quizdeck::analysis::columns {

// A question's text as a header or a cell may carry it: no markup marks, normalized.
std::string comparable(std::string_view text) {
  std::string plain;
  for (const char c : text) {
    if (c != '*' && c != '_' && c != '`') plain += c;
  }
  return core::find_invalid_utf8(plain) ? plain : core::normalize_text(plain);
}

// Text from the file as a message shows it: control characters visible, at most 60 bytes.
std::string shown(std::string_view text) {
  std::string out = core::visible(core::valid_utf8(text.substr(0, 240)), core::Lines::kShow);
  if (out.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

// Columns of a Forms export that are about who answered, not a question.
bool forms_identity(const std::string& header) {
  const std::string h = core::ascii_lower(header);
  return h == "email address" || h == "email" || h == "username" || h == "name" ||
         h == "full name" || h == "your name" || h == "student" || h == "learner";
}

bool forms_meta(const std::string& header) {
  const std::string h = core::ascii_lower(header);
  return h == "timestamp" || h == "score" || h == "total score" || forms_identity(header);
}

std::map<std::string, std::size_t> cards_by_text(const deck::Deck& deck) {
  std::map<std::string, std::size_t> out;
  for (std::size_t i = 0; i < deck.cards.size(); ++i) {
    const auto [at, fresh] = out.emplace(comparable(deck.cards[i].prompt), i);
    if (!fresh) at->second = kShared;
  }
  return out;
}

// Which card a Forms column asks: by "[id] ..." or an id alone, else by its text.
std::optional<std::size_t> card_of_header(const deck::Deck& deck, std::string_view header,
                                          const std::map<std::string, std::size_t>& by_text) {
  std::string_view h = core::trim(header);
  if (h.starts_with('[')) {
    const auto close = h.find(']');
    if (close != std::string_view::npos) {
      if (auto index = deck.cards.index_of(std::string(h.substr(1, close - 1)))) return index;
    }
  }
  if (auto index = deck.cards.index_of(std::string(h))) return index;
  const auto found = by_text.find(comparable(h));
  if (found != by_text.end()) return found->second;
  return std::nullopt;
}

// A row's cell, trimmed; empty where the row has no such column.
std::string cell_of(const interchange::Row& row, std::optional<std::size_t> column) {
  return column && *column < row.cells.size() ? std::string(core::trim(row.cells[*column])) : "";
}

// The choices as the deck writes them: Forms and Moodle give choices by text, in no order
// the export records.
std::vector<std::size_t> deck_order(const deck::Card& card) {
  std::vector<std::size_t> order(card.choices.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  return order;
}

}  // namespace quizdeck::analysis::columns
