// SPDX-License-Identifier: MIT
#include "interchange/finish.h"

#include <algorithm>
#include <map>
#include <set>

#include "deck/card_id.h"
#include "deck/parse_deck.h"
#include "interchange/names.h"

namespace quizdeck::interchange {

namespace {

// Two questions with the same text would get the same derived id: the second gets one of
// its own ("short-1a2b...-2"), so both come in.
void separate_ids(Bank& bank) {
  IdSet ids;
  for (const Entry& entry : bank.entries) {
    if (!entry.id.empty()) ids.take(entry.id);
  }
  for (Entry& entry : bank.entries) {
    if (!entry.id.empty()) continue;
    const std::string id = deck::derive_card_id(entry.type, entry.question);
    if (ids.taken(id)) {
      entry.id = ids.unique(id);
    } else {
      ids.take(id);
    }
  }
}

}  // namespace

DeckText finish_deck(Bank& bank, const std::string& source_file,
                     const std::vector<std::string>& comment) {
  separate_ids(bank);
  while (true) {
    DeckText text = write_deck_yaml(bank, comment);
    const deck::DeckParse parse = deck::parse_deck("imported.yaml", text.yaml);
    std::map<std::size_t, std::string> rejected;  // entry -> the loader's first reason
    bool unplaced = false;
    for (const auto& diagnostic : parse.diagnostics) {
      if (diagnostic.severity != core::Severity::kError) continue;
      const auto after =
          std::upper_bound(text.entry_lines.begin(), text.entry_lines.end(), diagnostic.line);
      if (after == text.entry_lines.begin()) {
        unplaced = true;
        continue;
      }
      rejected.emplace(static_cast<std::size_t>(after - text.entry_lines.begin() - 1),
                       diagnostic.message);
    }
    if (rejected.empty()) {
      if (unplaced) bank.diagnostics.push_back(parse.diagnostics.front());
      return text;
    }
    for (auto it = rejected.rbegin(); it != rejected.rend(); ++it) {
      const Entry& entry = bank.entries[it->first];
      core::Diagnostic warning;
      warning.severity = core::Severity::kWarning;
      warning.file = source_file;
      warning.line = entry.pos.line;
      warning.column = entry.pos.column;
      warning.message = "not imported: " + it->second;
      bank.diagnostics.push_back(std::move(warning));
      bank.entries.erase(bank.entries.begin() + static_cast<std::ptrdiff_t>(it->first));
      ++bank.skipped;
    }
  }
}

}  // namespace quizdeck::interchange
