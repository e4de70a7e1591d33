// SPDX-License-Identifier: MIT
#include "interchange/finish.h"

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <thread>

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

// Below this many entries the deck is checked in one piece.
constexpr std::size_t kPieceEntries = 4000;

struct Rejection {
  std::map<std::size_t, std::string> entries;  // entry -> the loader's first reason
  std::optional<core::Diagnostic> unplaced;    // an error before the first entry
};

// The deck loader's errors about `text`, by entry. A large deck is checked in pieces on
// every core: the first piece is the file's start (its header and first entries), each
// other one a header of its own followed by a run of entries, its lines counted back to
// the file's. What only the whole deck could tell (two cards with one id) cannot happen
// here: separate_ids and the importers' IdSets make every id unique.
Rejection rejected_entries(const DeckText& text) {
  const std::vector<int>& starts = text.entry_lines;
  const std::size_t entries = starts.size();
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t pieces =
      entries < 2 * kPieceEntries ? 1 : std::min<std::size_t>(cores, entries / kPieceEntries);
  // Byte offsets of the entries' first lines.
  std::vector<std::size_t> offsets;
  offsets.reserve(entries);
  {
    int line = 1;
    std::size_t at = 0;
    for (const int start : starts) {
      while (line < start) {
        at = text.yaml.find('\n', at) + 1;
        ++line;
      }
      offsets.push_back(at);
    }
  }
  const auto check_piece = [&](std::size_t piece) {
    Rejection out;
    const std::size_t first = entries * piece / pieces;
    const std::size_t last = entries * (piece + 1) / pieces;  // one past
    const std::size_t end = last < entries ? offsets[last] : text.yaml.size();
    std::string piece_text;
    int shift = 0;  // file line = piece line + shift
    if (piece == 0) {
      piece_text = text.yaml.substr(0, end);
    } else {
      piece_text =
          "title: piece\ncards:\n" + text.yaml.substr(offsets[first], end - offsets[first]);
      shift = starts[first] - 3;
    }
    const deck::DeckParse parse = deck::parse_deck("imported.yaml", piece_text);
    for (const auto& diagnostic : parse.diagnostics) {
      if (diagnostic.severity != core::Severity::kError) continue;
      const int line = diagnostic.line + shift;
      const auto after = std::upper_bound(starts.begin(), starts.end(), line);
      if (after == starts.begin() || (piece > 0 && diagnostic.line < 3)) {
        if (piece == 0 && !out.unplaced) out.unplaced = diagnostic;
        continue;
      }
      out.entries.emplace(static_cast<std::size_t>(after - starts.begin() - 1), diagnostic.message);
    }
    return out;
  };
  std::vector<std::future<Rejection>> others;
  for (std::size_t piece = 1; piece < pieces; ++piece) {
    others.push_back(std::async(std::launch::async, check_piece, piece));
  }
  Rejection all = check_piece(0);
  for (auto& other : others) {
    Rejection more = other.get();
    all.entries.merge(more.entries);
  }
  return all;
}

}  // namespace

DeckText finish_deck(Bank& bank, const std::string& source_file,
                     const std::vector<std::string>& comment, std::size_t max_bytes) {
  separate_ids(bank);
  while (true) {
    DeckText text = write_deck_yaml(bank, comment, max_bytes);
    // No entries: no deck to check (the command says nothing could be imported); too large
    // a deck is not checked either (the command refuses it).
    if (bank.entries.empty() || text.over) return text;
    const Rejection rejected = rejected_entries(text);
    if (rejected.entries.empty()) {
      if (rejected.unplaced) {
        // About the deck as a whole, not an entry: said of the source, not of a file the
        // user never named.
        core::Diagnostic d = *rejected.unplaced;
        d.file = source_file;
        d.line = 0;
        d.column = 0;
        d.message = "the deck made from it does not load: " + d.message;
        bank.diagnostics.push_back(std::move(d));
      }
      return text;
    }
    for (auto it = rejected.entries.rbegin(); it != rejected.entries.rend(); ++it) {
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
