// SPDX-License-Identifier: MIT
// How a sheet of answers from elsewhere is read, column by column: a question's text
// compared as a column names it, a cell taken from a row, the columns that say who
// answered, and rows whose time cannot be read. Pure; for analysis/responses.cc.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deck/deck.h"
#include "interchange/delimited.h"

namespace quizdeck::analysis::columns {

// A question's text as a header or a cell may carry it: no markup marks, normalized.
std::string comparable(std::string_view text);

// Text from the file as a message shows it: control characters visible, at most 60 bytes.
std::string shown(std::string_view text);

// Columns of a Forms export that are about who answered, or not about a question at all.
bool forms_identity(const std::string& header);
bool forms_meta(const std::string& header);

// Each card by its comparable text; a text two cards share names neither (kShared).
inline constexpr std::size_t kShared = SIZE_MAX;
std::map<std::string, std::size_t> cards_by_text(const deck::Deck& deck);

// Which card a column asks: by "[id] ..." or an id alone, else by its text.
std::optional<std::size_t> card_of_header(const deck::Deck& deck, std::string_view header,
                                          const std::map<std::string, std::size_t>& by_text);

// A row's cell, trimmed; empty where the row has no such column.
std::string cell_of(const interchange::Row& row, std::optional<std::size_t> column);

// The choices as the deck writes them: Forms and Moodle give choices by text, in no order
// the export records.
std::vector<std::size_t> deck_order(const deck::Card& card);

// Rows whose time cannot be read: dated `fallback`, counted, the first one's place kept
// for the one finding that reports them.
struct Undated {
  std::size_t count = 0;
  std::size_t first = 0;
  std::int64_t when(std::optional<std::int64_t> read, std::int64_t fallback, std::size_t offset) {
    if (read) return *read;
    if (count++ == 0) first = offset;
    return fallback;
  }
};

}  // namespace quizdeck::analysis::columns
